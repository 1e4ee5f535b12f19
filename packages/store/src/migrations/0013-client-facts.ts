/**
 * Migration 0013: what each client last reported about itself (platform, Linux family,
 * architecture, OS version) as JSON text, for collection rules (docs/software-distribution.md).
 */
import type { Kysely, Migration } from 'kysely'
import type { StoreDialect } from '../schema.ts'

/** Returns migration 0013 for `dialect`. */
export function createClientFactsMigration(dialect: StoreDialect): Migration {
  const int8 = dialect === 'postgres' ? 'bigint' : 'integer'
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('client_facts')
        .addColumn('client_id', 'text', (c) => c.primaryKey())
        .addColumn('facts_json', 'text', (c) => c.notNull())
        .addColumn('updated_at', int8, (c) => c.notNull())
        .execute()
    },
  }
}
