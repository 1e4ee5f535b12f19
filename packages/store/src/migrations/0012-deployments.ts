/**
 * Migration 0012: deployments (docs/distribution.md): an application revision × a collection,
 * with its settings as JSON text the site parses, who made it, and whether it was cancelled.
 */
import type { Kysely, Migration } from 'kysely'
import type { StoreDialect } from '../schema.ts'

/** Returns migration 0012 for `dialect`. */
export function createDeploymentsMigration(dialect: StoreDialect): Migration {
  const int8 = dialect === 'postgres' ? 'bigint' : 'integer'
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('deployments')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('application_id', 'text', (c) => c.notNull())
        .addColumn('revision', 'integer', (c) => c.notNull())
        .addColumn('collection_id', 'text', (c) => c.notNull())
        .addColumn('settings_json', 'text', (c) => c.notNull())
        .addColumn('created_at', int8, (c) => c.notNull())
        .addColumn('created_by', 'text', (c) => c.notNull())
        .addColumn('cancelled_at', int8)
        .addColumn('cancelled_by', 'text')
        .execute()
      await db.schema
        .createIndex('deployments_collection')
        .on('deployments')
        .column('collection_id')
        .execute()
      await db.schema
        .createIndex('deployments_application')
        .on('deployments')
        .column('application_id')
        .execute()
    },
  }
}
