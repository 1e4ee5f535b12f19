/**
 * The SQL of reading and deleting stored messages, shared by both engines: query conditions,
 * attribute loading, and deletion with side rows.
 */
import { sql } from 'kysely'
import type { Expression, ExpressionBuilder, Kysely, SqlBool } from 'kysely'
import type { StatusAttribute } from '@sitrep/protocol'
import { messageRowToMessage, toFlag, toSafeInteger } from './message-rows.ts'
import type { MessageRow } from './message-rows.ts'
import type { Database, StoreDialect } from './schema.ts'
import type { MessageQuery, StoredMessage } from './site-store.ts'
import { chunk } from './statement-chunks.ts'

/**
 * Returns the SQL conditions of a {@link MessageQuery}; every given field narrows. `dialect`
 * picks `ilike` on PostgreSQL so text search is case-insensitive on both engines.
 */
export function messageConditions(
  eb: ExpressionBuilder<Database, 'status_messages'>,
  q: MessageQuery,
  dialect: StoreDialect,
): Expression<SqlBool>[] {
  const c: Expression<SqlBool>[] = []
  if (q.siteCode !== undefined) c.push(eb('site_code', '=', q.siteCode))
  if (q.machine !== undefined) c.push(eb('machine', '=', q.machine))
  if (q.component !== undefined) c.push(eb('component', '=', q.component))
  if (q.module !== undefined) c.push(eb('module', '=', q.module))
  if (q.severity !== undefined) c.push(eb('severity', '=', q.severity))
  if (q.messageType !== undefined) c.push(eb('message_type', '=', q.messageType))
  if (q.messageId !== undefined) c.push(eb('message_id', '=', q.messageId))
  if (q.severities !== undefined)
    c.push(q.severities.length === 0 ? sql<SqlBool>`1 = 0` : eb('severity', 'in', q.severities))
  if (q.messageIds !== undefined)
    c.push(q.messageIds.length === 0 ? sql<SqlBool>`1 = 0` : eb('message_id', 'in', q.messageIds))
  if (q.since !== undefined) c.push(eb('created_at', '>=', q.since))
  if (q.until !== undefined) c.push(eb('created_at', '<', q.until))
  if (q.trusted !== undefined) c.push(eb('trusted', '=', toFlag(q.trusted)))
  if (q.beforeRecordId !== undefined) c.push(eb('record_id', '<', q.beforeRecordId))
  if (q.attribute !== undefined) {
    const { id, value } = q.attribute
    // Driven by the (attribute_id, value, record_id) index; received_at lets PostgreSQL prune.
    const matching = eb
      .selectFrom('status_message_attributes as a')
      .select(['a.record_id', 'a.received_at'])
      .where('a.attribute_id', '=', id)
      .$if(value !== undefined, (qb) => qb.where('a.value', '=', value ?? ''))
    c.push(
      eb(
        eb.refTuple('status_messages.record_id', 'status_messages.received_at'),
        'in',
        matching.$asTuple('record_id', 'received_at'),
      ),
    )
  }
  if (q.insertionString !== undefined) {
    const { position, value } = q.insertionString
    if (!Number.isInteger(position) || position < 1 || position > 10) {
      throw new RangeError(`insertionString.position must be 1–10, got ${position}`)
    }
    // The column holds a JSON array; the index is a checked integer, so it may be a literal.
    const element =
      dialect === 'postgres'
        ? sql`(${eb.ref('insertion_strings')}::jsonb ->> ${sql.lit(position - 1)})`
        : sql`json_extract(${eb.ref('insertion_strings')}, ${`$[${position - 1}]`})`
    c.push(sql<SqlBool>`${element} = ${value}`)
  }
  if (q.insertionStringContains !== undefined) {
    // The column holds a JSON array; search for the needle as JSON encodes it, LIKE-escaped.
    const encoded = JSON.stringify(q.insertionStringContains).slice(1, -1)
    const pattern = `%${encoded.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`
    const op = sql.raw(dialect === 'postgres' ? 'ilike' : 'like')
    c.push(sql<SqlBool>`${eb.ref('insertion_strings')} ${op} ${pattern} escape '\\'`)
  }
  return c
}

async function loadAttributes(
  executor: Kysely<Database>,
  rows: readonly MessageRow[],
  maxParameters: number,
): Promise<Map<number, StatusAttribute[]>> {
  const byRecord = new Map<number, StatusAttribute[]>()
  for (const part of chunk(rows, Math.floor(maxParameters / 2))) {
    const ids = part.map((r) => toSafeInteger(r.record_id, 'status_messages.record_id'))
    const receivedAts = [
      ...new Set(part.map((r) => toSafeInteger(r.received_at, 'status_messages.received_at'))),
    ]
    const attributeRows = await executor
      .selectFrom('status_message_attributes')
      .select(['record_id', 'attribute_id', 'value'])
      .where('record_id', 'in', ids)
      .where('received_at', 'in', receivedAts)
      .orderBy('record_id')
      .orderBy('position')
      .execute()
    for (const a of attributeRows) {
      const recordId = toSafeInteger(a.record_id, 'status_message_attributes.record_id')
      const list = byRecord.get(recordId) ?? []
      if (list.length === 0) byRecord.set(recordId, list)
      list.push({
        id: toSafeInteger(a.attribute_id, 'status_message_attributes.attribute_id'),
        value: a.value,
      })
    }
  }
  return byRecord
}

/** Maps message rows to domain messages, loading their attributes in as few queries as fit. */
export async function rowsToMessages(
  executor: Kysely<Database>,
  rows: readonly MessageRow[],
  maxParameters: number,
): Promise<StoredMessage[]> {
  const attributes = await loadAttributes(executor, rows, maxParameters)
  return rows.map((row) => {
    const recordId = toSafeInteger(row.record_id, 'status_messages.record_id')
    return messageRowToMessage(row, attributes.get(recordId) ?? [])
  })
}

/** Deletes messages and their attribute rows (no foreign keys: explicitly, side rows first). */
export async function deleteMessages(
  executor: Kysely<Database>,
  doomed: readonly { readonly recordId: number; readonly receivedAt: number }[],
  maxParameters: number,
): Promise<void> {
  for (const part of chunk(doomed, Math.floor(maxParameters / 2))) {
    const ids = part.map((d) => d.recordId)
    const receivedAts = [...new Set(part.map((d) => d.receivedAt))]
    // No foreign keys: the side rows go first, explicitly, in the same transaction.
    await executor
      .deleteFrom('status_message_attributes')
      .where('record_id', 'in', ids)
      .where('received_at', 'in', receivedAts)
      .execute()
    await executor
      .deleteFrom('status_messages')
      .where('record_id', 'in', ids)
      .where('received_at', 'in', receivedAts)
      .execute()
  }
}
