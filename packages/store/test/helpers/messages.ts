/** Message fixtures for the contract suite, on a fixed fake clock. */
import { newMessageId } from '@sitrep/protocol'
import type { StatusMessage } from '@sitrep/protocol'
import type { InboxItem, MessageToStore } from '../../src/index.ts'

/** 2025-01-15T00:00:00Z: the suite's "now". */
export const T0 = Date.UTC(2025, 0, 15)
export const HOUR_MS = 3_600_000
export const DAY_MS = 86_400_000

let counter = 0

/** A valid message; every field can be overridden. IDs are UUIDv7 and distinct. */
export function makeMessage(overrides: Partial<StatusMessage> = {}): StatusMessage {
  counter += 1
  return {
    id: newMessageId(T0 + counter),
    origin: { kind: 'client', id: 'GUID:6A2B2C1E-0000-4000-8000-000000000001' },
    sequence: counter,
    severity: 'informational',
    messageType: 'milestone',
    messageId: 10008,
    module: 'SMS Client',
    component: 'Software Distribution',
    machine: 'PC-0001',
    siteCode: 'PS1',
    topLevelSiteCode: null,
    processId: 4321,
    threadId: 1234,
    win32Error: 0,
    createdAt: T0,
    perClient: false,
    reportFunction: 'report',
    transaction: false,
    successfulTransaction: false,
    insertionStrings: [],
    attributes: [],
    ...overrides,
  }
}

/** Wraps messages for `saveMessages`, received at `receivedAt` and kept until `deleteAfter`. */
export function toStore(
  messages: readonly StatusMessage[],
  receivedAt: number = T0,
  deleteAfter: number | null = T0 + 30 * DAY_MS,
): MessageToStore[] {
  return messages.map((message) => ({ message, receivedAt, deleteAfter }))
}

/** An inbox item for `message` (or a fresh one), received at `receivedAt`. */
export function makeInboxItem(receivedAt: number = T0, message: StatusMessage = makeMessage()): InboxItem {
  return { id: message.id, body: JSON.stringify(message), receivedAt, source: 'mp', trusted: true }
}
