/**
 * Row ↔ domain mapping for stored messages. Rows read back are not run through
 * `parseStatusMessage` (which re-checks every limit and would dominate large reads): the store
 * wrote them from already-parsed messages, so a cheap shape check of the closed sets and integer
 * columns is enough to catch hand edits and bugs, and raises `corrupt_row` naming the column.
 */
import type { Insertable, Selectable } from 'kysely'
import { MESSAGE_TYPE_NAMES, ORIGIN_KINDS, REPORT_FUNCTION_NAMES, SEVERITY_NAMES } from '@sitrep/protocol'
import type { StatusAttribute } from '@sitrep/protocol'
import { StoreError } from './errors.ts'
import type { Flag, StatusMessageAttributesTable, StatusMessagesTable } from './schema.ts'
import type { MessageToStore, StoredMessage } from './site-store.ts'

/** A `status_messages` row as read back. */
export type MessageRow = Selectable<StatusMessagesTable>
/** A `status_messages` row to insert. */
export type NewMessageRow = Insertable<StatusMessagesTable>
/** A `status_message_attributes` row to insert. */
export type NewAttributeRow = Insertable<StatusMessageAttributesTable>

/** Columns written per message row; the insert is chunked by it to stay under parameter limits. */
export const MESSAGE_ROW_COLUMNS = 24
/** Columns written per attribute row. */
export const ATTRIBUTE_ROW_COLUMNS = 5

/**
 * Returns an integer column as a number. PostgreSQL's `bigint` arrives as a string from `pg`;
 * anything that is not an exact integer (or is beyond 2^53) is a corrupt row.
 */
export function toSafeInteger(value: unknown, column: string): number {
  const n = typeof value === 'string' ? Number(value) : typeof value === 'bigint' ? Number(value) : value
  if (typeof n !== 'number' || !Number.isSafeInteger(n)) {
    throw new StoreError('corrupt_row', `column ${column} holds ${String(value)}, not a safe integer`)
  }
  return n
}

/** Like {@link toSafeInteger}, keeping SQL `NULL` as `null`. */
export function toNullableSafeInteger(value: unknown, column: string): number | null {
  return value === null ? null : toSafeInteger(value, column)
}

/** Returns the stored 0/1 form of a boolean. */
export function toFlag(value: boolean): Flag {
  return value ? 1 : 0
}

/** Returns the row that stores one message (attributes go to their own table). */
export function messageToRow(item: MessageToStore): NewMessageRow {
  const m = item.message
  return {
    message_uuid: m.id,
    origin_kind: m.origin.kind,
    origin_id: m.origin.id,
    sequence: m.sequence,
    severity: m.severity,
    message_type: m.messageType,
    message_id: m.messageId,
    module: m.module,
    component: m.component,
    machine: m.machine,
    site_code: m.siteCode,
    top_level_site_code: m.topLevelSiteCode,
    process_id: m.processId,
    thread_id: m.threadId,
    win32_error: m.win32Error,
    created_at: m.createdAt,
    per_client: toFlag(m.perClient),
    report_function: m.reportFunction,
    in_transaction: toFlag(m.transaction),
    successful_transaction: toFlag(m.successfulTransaction),
    insertion_strings: JSON.stringify(m.insertionStrings),
    received_at: item.receivedAt,
    delete_after: item.deleteAfter,
    trusted: toFlag(item.trusted ?? true),
  }
}

/** Returns the attribute rows of one stored message, in message order. */
export function attributesToRows(recordId: number, item: MessageToStore): NewAttributeRow[] {
  return item.message.attributes.map((a, position) => ({
    record_id: recordId,
    received_at: item.receivedAt,
    position,
    attribute_id: a.id,
    value: a.value,
  }))
}

/** Maps a stored row and its attributes (in position order) back to the domain message. */
export function messageRowToMessage(row: MessageRow, attributes: readonly StatusAttribute[]): StoredMessage {
  const recordId = toSafeInteger(row.record_id, 'status_messages.record_id')
  return {
    recordId,
    id: row.message_uuid,
    origin: {
      kind: toMember(ORIGIN_KINDS, row.origin_kind, `record ${recordId}: origin_kind`),
      id: row.origin_id,
    },
    sequence: toSafeInteger(row.sequence, 'status_messages.sequence'),
    severity: toMember(SEVERITY_NAMES, row.severity, `record ${recordId}: severity`),
    messageType: toMember(MESSAGE_TYPE_NAMES, row.message_type, `record ${recordId}: message_type`),
    messageId: row.message_id,
    module: row.module,
    component: row.component,
    machine: row.machine,
    siteCode: row.site_code,
    topLevelSiteCode: row.top_level_site_code,
    processId: toSafeInteger(row.process_id, 'status_messages.process_id'),
    threadId: toSafeInteger(row.thread_id, 'status_messages.thread_id'),
    win32Error: toSafeInteger(row.win32_error, 'status_messages.win32_error'),
    createdAt: toSafeInteger(row.created_at, 'status_messages.created_at'),
    perClient: row.per_client === 1,
    reportFunction: toMember(
      REPORT_FUNCTION_NAMES,
      row.report_function,
      `record ${recordId}: report_function`,
    ),
    transaction: row.in_transaction === 1,
    successfulTransaction: row.successful_transaction === 1,
    insertionStrings: parseInsertionStrings(row.insertion_strings, recordId),
    attributes,
    receivedAt: toSafeInteger(row.received_at, 'status_messages.received_at'),
    deleteAfter: toNullableSafeInteger(row.delete_after, 'status_messages.delete_after'),
    trusted: row.trusted === 1,
  }
}

/** Returns `value` as a member of the closed set `allowed`, or throws `corrupt_row` naming `column`. */
export function toMember<T extends string>(allowed: readonly T[], value: string, column: string): T {
  // includes() on a widened array: the check itself is what narrows `value` to T.
  if ((allowed as readonly string[]).includes(value)) return value as T
  throw new StoreError(
    'corrupt_row',
    `${column} holds ${JSON.stringify(value)}, expected one of ${allowed.join(', ')}`,
  )
}

function parseInsertionStrings(text: string, recordId: number): readonly string[] {
  let parsed: unknown
  try {
    parsed = JSON.parse(text)
  } catch (cause) {
    throw new StoreError('corrupt_row', `record ${recordId}: insertion_strings is not JSON`, { cause })
  }
  const items: unknown[] = Array.isArray(parsed) ? parsed : []
  if (!Array.isArray(parsed) || !items.every((s): s is string => typeof s === 'string')) {
    throw new StoreError('corrupt_row', `record ${recordId}: insertion_strings is not an array of strings`)
  }
  return items
}
