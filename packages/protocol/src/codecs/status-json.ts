/**
 * Sitrep's JSON wire form of status messages, single and batch (docs/codecs.md). Decoding is
 * `parseStatusMessage`, the one parser that checks limits; this module only adds the batch.
 */
import type { MessageType, ReportFunction, Severity } from '../enumerations.ts'
import { formatIsoTime } from '../iso-time.ts'
import { parseStatusMessage } from '../parse-status-message.ts'
import type { Origin, StatusAttribute, StatusMessage } from '../status-message.ts'
import type { BatchParseResult } from './parse-batch.ts'
import { parseBatch } from './parse-batch.ts'

/** Most status messages one batch may carry; split larger ones. */
export const STATUS_BATCH_MAX = 1000

/** A status message as JSON: enumerations by name, `createdAt` as ISO 8601 UTC. */
export interface StatusMessageJson {
  readonly id: string
  readonly origin: Origin
  readonly sequence: number
  readonly severity: Severity
  readonly messageType: MessageType
  readonly messageId: number
  readonly module: string
  readonly component: string
  readonly machine: string
  readonly siteCode: string | null
  readonly topLevelSiteCode: string | null
  readonly processId: number
  readonly threadId: number
  readonly win32Error: number
  /** ISO 8601 UTC with milliseconds, e.g. `2026-11-21T08:00:00.000Z`. */
  readonly createdAt: string
  readonly perClient: boolean
  readonly reportFunction: ReportFunction
  readonly transaction: boolean
  readonly successfulTransaction: boolean
  readonly insertionStrings: readonly string[]
  readonly attributes: readonly StatusAttribute[]
}

/** The batch form: `{ "messages": [...] }`. */
export interface StatusBatchJson {
  readonly messages: readonly StatusMessageJson[]
}

/**
 * Encodes a status message as a plain JSON-able object that `parseStatusMessage` reads back to
 * an equal message. Fields are copied one by one, so a `StoredStatusMessage`'s site-only
 * fields (`recordId`, `receivedAt`, `deleteAfter`) never leak onto the wire.
 */
export function encodeStatusMessageJson(message: StatusMessage): StatusMessageJson {
  return {
    id: message.id,
    origin: { kind: message.origin.kind, id: message.origin.id },
    sequence: message.sequence,
    severity: message.severity,
    messageType: message.messageType,
    messageId: message.messageId,
    module: message.module,
    component: message.component,
    machine: message.machine,
    siteCode: message.siteCode,
    topLevelSiteCode: message.topLevelSiteCode,
    processId: message.processId,
    threadId: message.threadId,
    win32Error: message.win32Error,
    createdAt: formatIsoTime(message.createdAt),
    perClient: message.perClient,
    reportFunction: message.reportFunction,
    transaction: message.transaction,
    successfulTransaction: message.successfulTransaction,
    insertionStrings: [...message.insertionStrings],
    attributes: message.attributes.map((a) => ({ id: a.id, value: a.value })),
  }
}

/** Encodes messages as the batch form. Callers split lists longer than {@link STATUS_BATCH_MAX}. */
export function encodeStatusBatchJson(messages: readonly StatusMessage[]): StatusBatchJson {
  return { messages: messages.map(encodeStatusMessageJson) }
}

/**
 * Parses `{ "messages": [...] }`: each item through `parseStatusMessage(item, 'messages[i]')`,
 * so issue fields read `messages[3].severity`. Batch-level issues (not an object, `messages`
 * missing or not an array, more than {@link STATUS_BATCH_MAX} items) refuse the whole batch.
 *
 * @example
 * const { accepted, rejected, issues } = parseStatusBatch(JSON.parse(body))
 */
export function parseStatusBatch(input: unknown): BatchParseResult<StatusMessage> {
  return parseBatch(input, { key: 'messages', maxItems: STATUS_BATCH_MAX, parseItem: parseStatusMessage })
}
