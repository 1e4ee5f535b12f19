/**
 * Migration 0007 (state message reports): what the client said about itself with each state
 * message — the reporting machine's name and the report header's client version, code page,
 * locale ID, priority and date (docs/protocol.md "Relay"). Rows stored before it get an empty
 * machine name and no header fields.
 */
import type { Kysely, Migration } from 'kysely'
import type { StoreDialect } from '../schema.ts'

/** Returns migration 0007 (state message reports) for `dialect`. */
export function createStateMessageReportsMigration(dialect: StoreDialect): Migration {
  const int8 = dialect === 'postgres' ? 'bigint' : 'integer'
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      const columns: readonly [string, 'text' | typeof int8][] = [
        ['client_version', 'text'],
        ['code_page', int8],
        ['locale_id', int8],
        ['report_priority', int8],
        ['report_date', int8],
      ]
      await db.schema
        .alterTable('state_messages')
        .addColumn('machine', 'text', (c) => c.notNull().defaultTo(''))
        .execute()
      // SQLite takes one column per ALTER TABLE.
      for (const [name, type] of columns) {
        await db.schema.alterTable('state_messages').addColumn(name, type).execute()
      }
    },
  }
}
