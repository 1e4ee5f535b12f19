/**
 * Migration 0007 (summary keys): `summaries` keys that the site once joined with NUL become JSON
 * arrays of their parts, the form the site writes now. PostgreSQL refuses NUL in text, so only
 * SQLite databases can hold such keys; on PostgreSQL the migration has nothing to do.
 */
import { sql } from 'kysely'
import type { Kysely, Migration } from 'kysely'
import type { StoreDialect } from '../schema.ts'

/** Returns migration 0007 (summary keys) for `dialect`. */
export function createSummaryKeysMigration(dialect: StoreDialect): Migration {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      if (dialect !== 'sqlite') return
      const rows = await sql<{ kind: string; key: string }>`
        select kind, key from summaries where instr(key, char(0)) > 0
      `.execute(db)
      for (const row of rows.rows) {
        const key = JSON.stringify(row.key.split('\u0000'))
        // A row already under the new key (written by a newer site) wins over the old one.
        await sql`
          update or ignore summaries set key = ${key} where kind = ${row.kind} and key = ${row.key}
        `.execute(db)
        await sql`delete from summaries where kind = ${row.kind} and key = ${row.key}`.execute(db)
      }
    },
  }
}
