/**
 * Migration 0010: software distribution's applications and content (docs/distribution.md).
 * An application is a row of what every revision shares (its ID, current name, newest revision,
 * when it was removed) plus one row per revision holding the whole revision as JSON text, so a
 * deployment can name the exact revision it carries. Content files are rows by SHA-256; their
 * bytes live in the site's content folder, and a row exists only once the bytes are in place.
 */
import type { Kysely, Migration } from 'kysely'
import type { StoreDialect } from '../schema.ts'

/** Returns migration 0010 for `dialect`. */
export function createApplicationsAndContentMigration(dialect: StoreDialect): Migration {
  const int8 = dialect === 'postgres' ? 'bigint' : 'integer'
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('applications')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('latest_revision', 'integer', (c) => c.notNull())
        .addColumn('created_at', int8, (c) => c.notNull())
        .addColumn('updated_at', int8, (c) => c.notNull())
        .addColumn('removed_at', int8)
        .execute()
      await db.schema
        .createTable('application_revisions')
        .addColumn('application_id', 'text', (c) => c.notNull())
        .addColumn('revision', 'integer', (c) => c.notNull())
        .addColumn('body_json', 'text', (c) => c.notNull())
        .addColumn('created_at', int8, (c) => c.notNull())
        .addColumn('created_by', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('application_revisions_pk', ['application_id', 'revision'])
        .execute()
      await db.schema
        .createTable('content_files')
        .addColumn('sha256', 'text', (c) => c.primaryKey())
        .addColumn('size', int8, (c) => c.notNull())
        .addColumn('created_at', int8, (c) => c.notNull())
        .execute()
    },
  }
}
