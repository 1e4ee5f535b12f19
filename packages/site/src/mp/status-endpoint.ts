/**
 * The status endpoint (`POST /mp/v1/status` and its unsigned fallback): a function from a typed
 * request (the sender and the parsed messages) to the Post reply, sent only after the accepted
 * messages are committed to the inbox (docs/protocol.md).
 */
import { PROVIDER_RESERVED_MODULES } from '@sitrep/api'
import type { FieldIssue } from '@sitrep/protocol'
import type { ClientStore, TransactionStore } from '@sitrep/store'
import { mpIssue } from './field-issues.ts'
import type { InboxCommitter } from './create-inbox-committer.ts'
import type { MpSender, ParsedItem, PostReply } from './post-reply.ts'
import { buildPostReply, recordRefused } from './post-reply.ts'
import type { StatusCandidate } from './status-candidates.ts'

/** Modules only the site itself may raise; the unsigned endpoint refuses them. */
export const UNSIGNED_RESERVED_MODULES: readonly string[] = PROVIDER_RESERVED_MODULES

/** A status request after decoding: who sent it and each message or its issues. */
export interface StatusRequest {
  readonly sender: MpSender
  /** How issue fields name a message: `messages[3]` for JSON, `Status` for XML. */
  readonly items: readonly ParsedItem<StatusCandidate>[]
  readonly fieldPrefix: (index: number) => string
}

/** What the status endpoint needs. */
export interface StatusEndpointDeps {
  readonly committer: Pick<InboxCommitter, 'enqueue'>
  readonly store: TransactionStore & ClientStore
  readonly siteCode: string
  readonly clock: () => number
}

/** Checks each message against its sender, commits the good ones, and counts the refused. */
export async function handleStatus(request: StatusRequest, deps: StatusEndpointDeps): Promise<PostReply> {
  const { sender } = request
  const taken: StatusCandidate[] = []
  const takenIndexes: number[] = []
  const refused: { index: number; issues: readonly FieldIssue[] }[] = []
  for (const item of request.items) {
    if (!item.ok) {
      refused.push({ index: item.index, issues: item.issues })
      continue
    }
    const issues = await senderIssues(item.value, request.fieldPrefix(item.index), sender, deps)
    if (issues.length > 0) refused.push({ index: item.index, issues })
    else {
      taken.push(item.value)
      takenIndexes.push(item.index)
    }
  }
  const now = deps.clock()
  const trusted = sender.kind === 'client'
  const outcomes = await deps.committer.enqueue(
    taken.map((message) => ({
      id: message.id,
      body: message.body,
      receivedAt: now,
      source: 'mp',
      trusted,
    })),
  )
  await recordRefused(deps.store, { siteCode: deps.siteCode, sender, count: refused.length, at: now })
  return buildPostReply(
    taken.map((m, i) => ({ index: takenIndexes[i] ?? 0, id: m.id })),
    outcomes,
    refused,
  )
}

async function senderIssues(
  message: StatusCandidate,
  at: string,
  sender: MpSender,
  deps: StatusEndpointDeps,
): Promise<FieldIssue[]> {
  const { origin } = message
  if (sender.kind === 'client') {
    const own = sender.client.clientId
    if (origin.kind === 'client' && origin.id === own) return []
    const field = origin.kind === 'client' ? `${at}.origin.id` : `${at}.origin.kind`
    return [
      mpIssue(
        field,
        'format',
        `${field} must be this client's own ID (client ${own}), got ${origin.kind} ${JSON.stringify(origin.id)}`,
      ),
    ]
  }
  const issues: FieldIssue[] = []
  if (UNSIGNED_RESERVED_MODULES.includes(message.module)) {
    issues.push(
      mpIssue(
        `${at}.module`,
        'unknown_value',
        `${at}.module ${JSON.stringify(message.module)} is reserved to the site; unsigned messages may not use it`,
      ),
    )
  }
  if (origin.kind !== 'client') {
    issues.push(
      mpIssue(
        `${at}.origin.kind`,
        'unknown_value',
        `${at}.origin.kind must be client on the unsigned endpoint`,
      ),
    )
  } else if ((await deps.store.getClient(origin.id)) !== undefined) {
    issues.push(
      mpIssue(
        `${at}.origin.id`,
        'format',
        `${at}.origin.id names a registered client; it must sign its messages at POST /mp/v1/status`,
      ),
    )
  }
  return issues
}
