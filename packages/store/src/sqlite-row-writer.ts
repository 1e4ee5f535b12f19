/**
 * Inbox, message and attribute rows written through prepared better-sqlite3 statements, one row
 * per `run`, instead of one multi-row `INSERT … VALUES` built per call. SQLite parses and plans a
 * statement of thousands of parameters anew for every batch; a prepared single-row statement is
 * parsed once and only bound and stepped after that, the way the bench's plain insert loop
 * writes the same rows (docs/storage.md "Writing in batches").
 *
 * The statements run on the connection the caller's transaction holds; they must be called
 * only inside such a transaction (the store's `saveMessages` is).
 */
import type SqliteDatabase from 'better-sqlite3'
import { StoreError } from './errors.ts'
import type { NewAttributeRow, NewMessageRow } from './message-rows.ts'
import type { EnqueueOutcome, InboxItem } from './site-store.ts'

/** Writes rows inside the caller's open transaction. */
export interface RowWriter {
  /**
   * Claims a receipt for each item's ID and puts the new ones in the inbox; one outcome per item,
   * `duplicate` for an ID seen before (earlier in the list too).
   */
  insertInbox(items: readonly InboxItem[]): EnqueueOutcome[]
  /** Inserts message rows in order; returns their record IDs in the same order. */
  insertMessages(rows: readonly NewMessageRow[]): number[]
  insertAttributes(rows: readonly NewAttributeRow[]): void
}

/** Creates the SQLite {@link RowWriter}; statements are prepared on first use, per column set. */
export function createSqliteRowWriter(database: SqliteDatabase.Database): RowWriter {
  const statements = new Map<string, SqliteDatabase.Statement>()
  /** The single-row INSERT for `table` with exactly the columns of `row`, by name. */
  const insertFor = (table: string, row: object): SqliteDatabase.Statement => {
    const columns = Object.keys(row)
    const key = `${table}(${columns.join(',')})`
    let statement = statements.get(key)
    if (statement === undefined) {
      // Column names come from our own row mappers, never from input.
      statement = database.prepare(
        `INSERT INTO ${table} (${columns.join(', ')}) VALUES (${columns.map((c) => `@${c}`).join(', ')})`,
      )
      statements.set(key, statement)
    }
    return statement
  }
  const assertInTransaction = (): void => {
    if (!database.inTransaction) {
      throw new StoreError('invalid_argument', 'rows can only be written inside a store transaction')
    }
  }
  let inbox: { claim: SqliteDatabase.Statement; insert: SqliteDatabase.Statement } | undefined
  return {
    insertInbox(items) {
      assertInTransaction()
      inbox ??= {
        // No change means the receipt exists: this ID was accepted before.
        claim: database.prepare(
          'INSERT INTO inbox_receipts (message_id, received_at) VALUES (?, ?) ON CONFLICT (message_id) DO NOTHING',
        ),
        insert: database.prepare(
          'INSERT INTO inbox (id, body, received_at, not_before, source, trusted) VALUES (?, ?, ?, ?, ?, ?)',
        ),
      }
      const { claim, insert } = inbox
      return items.map((item): EnqueueOutcome => {
        if (claim.run(item.id, item.receivedAt).changes !== 1) return 'duplicate'
        insert.run(item.id, item.body, item.receivedAt, item.receivedAt, item.source, item.trusted ? 1 : 0)
        return 'accepted'
      })
    },
    insertMessages(rows) {
      assertInTransaction()
      return rows.map((row) => {
        const { lastInsertRowid } = insertFor('status_messages', row).run(row)
        return Number(lastInsertRowid)
      })
    },
    insertAttributes(rows) {
      assertInTransaction()
      for (const row of rows) insertFor('status_message_attributes', row).run(row)
    },
  }
}
