/**
 * What the Post endpoints (status, relay) share: who sent the request, the per-message results
 * of the reply, and the loss ledger entry for refused messages.
 */
import { randomUUID } from 'node:crypto'
import type { FieldIssue } from '@sitrep/protocol'
import type { ClientRecord, EnqueueOutcome, TransactionStore } from '@sitrep/store'

/** Who sent a Post request: an authenticated client, or an address on the unsigned endpoint. */
export type MpSender =
  | { readonly kind: 'client'; readonly client: ClientRecord }
  | { readonly kind: 'unsigned'; readonly address: string }

/** One item of a batch after parsing: the value, or why it cannot be taken. */
export type ParsedItem<T> =
  | { readonly index: number; readonly ok: true; readonly value: T }
  | { readonly index: number; readonly ok: false; readonly issues: readonly FieldIssue[] }

/** The result of one message in a Post reply. */
export type PostResult =
  | { readonly index: number; readonly id: string; readonly status: EnqueueOutcome }
  | { readonly index: number; readonly status: 'rejected'; readonly issues: readonly FieldIssue[] }

/** The `202` reply of a Post endpoint. */
export interface PostReply {
  readonly trackingId: string
  readonly results: readonly PostResult[]
}

/** The loss ledger origin of a sender: `client:<id>` or `source:<address>`. */
export function senderOrigin(sender: MpSender): string {
  return sender.kind === 'client' ? `client:${sender.client.clientId}` : `source:${sender.address}`
}

/**
 * Builds the reply: accepted items take their store outcome in order, refused items their
 * issues; results are sorted by index.
 */
export function buildPostReply(
  taken: readonly { readonly index: number; readonly id: string }[],
  outcomes: readonly EnqueueOutcome[],
  refused: readonly { readonly index: number; readonly issues: readonly FieldIssue[] }[],
): PostReply {
  const results: PostResult[] = [
    ...taken.map((t, i): PostResult => ({ index: t.index, id: t.id, status: outcomes[i] ?? 'duplicate' })),
    ...refused.map((r): PostResult => ({ index: r.index, status: 'rejected', issues: r.issues })),
  ].sort((a, b) => a.index - b.index)
  return { trackingId: randomUUID(), results }
}

/** Counts refused messages in the loss ledger (`refused`), in a transaction of its own. */
export async function recordRefused(
  store: TransactionStore,
  entry: {
    readonly siteCode: string
    readonly sender: MpSender
    readonly count: number
    readonly at: number
  },
): Promise<void> {
  if (entry.count === 0) return
  await store.transaction((tx) =>
    tx.addLoss([
      {
        siteCode: entry.siteCode,
        origin: senderOrigin(entry.sender),
        reason: 'refused',
        count: entry.count,
        at: entry.at,
      },
    ]),
  )
}
