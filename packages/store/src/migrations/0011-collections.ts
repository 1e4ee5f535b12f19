/**
 * Migration 0011: collections (docs/distribution.md). A collection's rules, static members and
 * maintenance windows are one JSON text the site parses; its evaluated members are rows, with a
 * history of every addition and removal so the console can show how membership changed.
 */
import type { Kysely, Migration } from 'kysely'
import type { StoreDialect } from '../schema.ts'

/** Returns migration 0011 for `dialect`. */
export function createCollectionsMigration(dialect: StoreDialect): Migration {
  const pg = dialect === 'postgres'
  const int8 = pg ? 'bigint' : 'integer'
  const key = pg ? 'bigserial' : 'integer'
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('collections')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('definition_json', 'text', (c) => c.notNull())
        .addColumn('builtin', 'smallint', (c) => c.notNull().defaultTo(0))
        .addColumn('member_count', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('created_at', int8, (c) => c.notNull())
        .addColumn('updated_at', int8, (c) => c.notNull())
        .addColumn('evaluated_at', int8)
        .addColumn('removed_at', int8)
        .execute()
      await db.schema
        .createTable('collection_members')
        .addColumn('collection_id', 'text', (c) => c.notNull())
        .addColumn('client_id', 'text', (c) => c.notNull())
        .addColumn('since', int8, (c) => c.notNull())
        .addPrimaryKeyConstraint('collection_members_pk', ['collection_id', 'client_id'])
        .execute()
      // "Which collections is this client in" (policy for one client) reads by client.
      await db.schema
        .createIndex('collection_members_client')
        .on('collection_members')
        .column('client_id')
        .execute()
      await db.schema
        .createTable('collection_membership_history')
        .addColumn('seq', key, (c) => (pg ? c.primaryKey() : c.primaryKey().autoIncrement()))
        .addColumn('collection_id', 'text', (c) => c.notNull())
        .addColumn('client_id', 'text', (c) => c.notNull())
        .addColumn('change', 'text', (c) => c.notNull())
        .addColumn('at', int8, (c) => c.notNull())
        .execute()
      await db.schema
        .createIndex('collection_membership_history_collection')
        .on('collection_membership_history')
        .columns(['collection_id', 'seq'])
        .execute()
    },
  }
}
