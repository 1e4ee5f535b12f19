/**
 * The relay endpoint (`POST /mp/v1/relay`): state messages from an authenticated client, stored
 * once by `id` before the reply (docs/protocol.md), refused ones counted in the loss ledger.
 */
import type { FieldIssue, StateMessage } from '@sitrep/protocol'
import type { ClientRecord, StateMessageReport, StateMessageStore, TransactionStore } from '@sitrep/store'
import { mpIssue } from './field-issues.ts'
import type { ParsedItem, PostReply } from './post-reply.ts'
import { buildPostReply, recordRefused } from './post-reply.ts'

/** A relay request after decoding. */
export interface RelayRequest {
  readonly client: ClientRecord
  readonly items: readonly ParsedItem<StateMessage>[]
  /** How issue fields name a message: `stateMessages[3]`, or the XML path. */
  readonly fieldPrefix: (index: number) => string
  /**
   * The reporting machine and the report header, kept with each state message; without it (a
   * JSON body has no header) the client's registered machine name and no header fields.
   */
  readonly report?: StateMessageReport
}

/** What the relay endpoint needs. */
export interface RelayEndpointDeps {
  readonly store: TransactionStore & StateMessageStore
  readonly siteCode: string
  readonly clock: () => number
}

/** Checks each state message's origin, stores the good ones, and counts the refused. */
export async function handleRelay(request: RelayRequest, deps: RelayEndpointDeps): Promise<PostReply> {
  const own = request.client.clientId
  const taken: { index: number; message: StateMessage }[] = []
  const refused: { index: number; issues: readonly FieldIssue[] }[] = []
  for (const item of request.items) {
    if (!item.ok) {
      refused.push({ index: item.index, issues: item.issues })
      continue
    }
    const { origin } = item.value
    if (origin.kind === 'client' && origin.id === own) {
      taken.push({ index: item.index, message: item.value })
      continue
    }
    const at = request.fieldPrefix(item.index)
    const field = origin.kind === 'client' ? `${at}.origin.id` : `${at}.origin.kind`
    refused.push({
      index: item.index,
      issues: [
        mpIssue(
          field,
          'format',
          `${field} must be this client's own ID (client ${own}), got ${origin.kind} ${JSON.stringify(origin.id)}`,
        ),
      ],
    })
  }
  const now = deps.clock()
  const report = request.report ?? {
    machine: request.client.machine,
    clientVersion: null,
    codePage: null,
    localeId: null,
    priority: null,
    reportedAt: null,
  }
  const outcomes = await deps.store.saveStateMessages(
    taken.map((t) => ({ message: t.message, receivedAt: now, report })),
  )
  const sender = { kind: 'client', client: request.client } as const
  await recordRefused(deps.store, { siteCode: deps.siteCode, sender, count: refused.length, at: now })
  return buildPostReply(
    taken.map((t) => ({ index: t.index, id: t.message.id })),
    outcomes,
    refused,
  )
}
