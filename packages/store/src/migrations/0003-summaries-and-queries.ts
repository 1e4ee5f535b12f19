/**
 * Migration 0003: what the summarizers and the query API keep besides the generic `summaries`
 * table. `deployment_reports` holds one row per software-distribution message (appended inside
 * the status manager's batch transaction, so two workers never lose an update); the deployment
 * summary folds them on read. `saved_queries` holds the administrators' saved message queries.
 */
import type { Kysely, Migration } from 'kysely'
import type { StoreDialect } from '../schema.ts'

/** Returns migration 0003 for `dialect`. */
export function createSummariesAndQueriesMigration(dialect: StoreDialect): Migration {
  const pg = dialect === 'postgres'
  const int8 = pg ? 'bigint' : 'integer'
  const key = pg ? 'bigserial' : 'integer'

  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('deployment_reports')
        .addColumn('seq', key, (c) => (pg ? c.primaryKey() : c.primaryKey().autoIncrement()))
        /** Upper-case deployment ID: deployments group ignoring case. */
        .addColumn('deployment_key', 'text', (c) => c.notNull())
        .addColumn('deployment_id', 'text', (c) => c.notNull())
        /** Upper-case machine name. */
        .addColumn('client_key', 'text', (c) => c.notNull())
        .addColumn('client', 'text', (c) => c.notNull())
        .addColumn('message_id', 'integer', (c) => c.notNull())
        .addColumn('severity', 'text', (c) => c.notNull())
        .addColumn('created_at', int8, (c) => c.notNull())
        .addColumn('sequence', int8, (c) => c.notNull())
        .execute()
      await db.schema
        .createIndex('deployment_reports_key')
        .on('deployment_reports')
        .columns(['deployment_key', 'client_key'])
        .execute()

      await db.schema
        .createTable('saved_queries')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('owner', 'text', (c) => c.notNull())
        .addColumn('filter_json', 'text', (c) => c.notNull())
        .addColumn('prompts_json', 'text', (c) => c.notNull())
        .addColumn('created_at', int8, (c) => c.notNull())
        .execute()
    },
  }
}
