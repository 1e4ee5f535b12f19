import type { StatusMessage } from '@sitrep/protocol'
import { newMessageId } from '@sitrep/protocol'
import type { ClaimedInboxItem } from '@sitrep/store'

let sequence = 0

/** A valid status message with sensible defaults; override any field. */
export function makeMessage(overrides: Partial<StatusMessage> = {}): StatusMessage {
  sequence += 1
  const createdAt = overrides.createdAt ?? Date.UTC(2026, 10, 21, 8)
  return {
    id: newMessageId(createdAt),
    origin: { kind: 'client', id: 'GUID:00000000-0000-0000-0000-000000000001' },
    sequence,
    severity: 'informational',
    messageType: 'milestone',
    messageId: 39997,
    module: 'SMS Provider',
    component: 'Demo',
    machine: 'WKS-001',
    siteCode: 'PS1',
    topLevelSiteCode: null,
    processId: 0,
    threadId: 0,
    win32Error: 0,
    createdAt,
    perClient: false,
    reportFunction: 'report',
    transaction: false,
    successfulTransaction: false,
    insertionStrings: ['hello'],
    attributes: [],
    ...overrides,
  }
}

/** Wraps messages as claimed inbox items, the way a worker sees them. */
export function asInboxItems(
  messages: readonly StatusMessage[],
  receivedAt = Date.UTC(2026, 10, 21, 8),
): ClaimedInboxItem[] {
  return messages.map((message, i) => ({
    id: message.id,
    body: JSON.stringify({ ...message, createdAt: new Date(message.createdAt).toISOString() }),
    receivedAt,
    source: 'mp',
    trusted: true,
    seq: i + 1,
    notBefore: receivedAt,
  }))
}
