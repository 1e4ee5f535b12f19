/**
 * Migration 0005: the site hierarchy (docs/hierarchy.md). One row per link to the parent or a
 * child site: the other end's URL and public key, its approval, when it was last heard from,
 * the last outbox entry it acknowledged, the subtree it reported, and the counters that
 * `sitrep links` shows.
 */
import type { Kysely, Migration } from 'kysely'
import type { StoreDialect } from '../schema.ts'

/** Returns migration 0005 for `dialect`. */
export function createSiteLinksMigration(dialect: StoreDialect): Migration {
  const int8 = dialect === 'postgres' ? 'bigint' : 'integer'
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('site_links')
        .addColumn('direction', 'text', (c) => c.notNull())
        .addColumn('site_code', 'text', (c) => c.notNull())
        .addColumn('url', 'text', (c) => c.notNull())
        .addColumn('public_key', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('enrolled_at', int8, (c) => c.notNull())
        .addColumn('last_contact_at', int8)
        .addColumn('last_acked_seq', int8, (c) => c.notNull().defaultTo(0))
        .addColumn('unknown_since', int8)
        .addColumn('subtree', 'text', (c) => c.notNull().defaultTo('[]'))
        .addColumn('sent_count', int8, (c) => c.notNull().defaultTo(0))
        .addColumn('deferred_count', int8, (c) => c.notNull().defaultTo(0))
        .addPrimaryKeyConstraint('site_links_pk', ['direction', 'site_code'])
        .execute()
    },
  }
}
