/**
 * Migration 0004: console and API users, their sessions and API tokens (docs/security.md).
 * Users are keyed by the lower-cased name, so names are unique ignoring case; sessions and
 * tokens keep only SHA-256 hashes of their secrets.
 */
import type { Kysely, Migration } from 'kysely'
import type { StoreDialect } from '../schema.ts'

/** Returns migration 0004 for `dialect`. */
export function createUsersAndSessionsMigration(dialect: StoreDialect): Migration {
  const int8 = dialect === 'postgres' ? 'bigint' : 'integer'
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('users')
        .addColumn('username_key', 'text', (c) => c.primaryKey())
        .addColumn('username', 'text', (c) => c.notNull())
        .addColumn('password_hash', 'text', (c) => c.notNull())
        .addColumn('role', 'text', (c) => c.notNull())
        .addColumn('created_at', int8, (c) => c.notNull())
        .addColumn('updated_at', int8, (c) => c.notNull())
        .execute()
      await db.schema
        .createTable('sessions')
        .addColumn('id_hash', 'text', (c) => c.primaryKey())
        .addColumn('username_key', 'text', (c) => c.notNull())
        .addColumn('csrf_token', 'text', (c) => c.notNull())
        .addColumn('created_at', int8, (c) => c.notNull())
        .addColumn('last_used_at', int8, (c) => c.notNull())
        .addColumn('expires_at', int8, (c) => c.notNull())
        .execute()
      await db.schema.createIndex('sessions_username').on('sessions').column('username_key').execute()
      await db.schema.createIndex('sessions_expires').on('sessions').column('expires_at').execute()
      await db.schema
        .createTable('api_tokens')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('username_key', 'text', (c) => c.notNull())
        .addColumn('token_hash', 'text', (c) => c.notNull().unique())
        .addColumn('created_at', int8, (c) => c.notNull())
        .addColumn('last_used_at', int8)
        .execute()
      await db.schema.createIndex('api_tokens_username').on('api_tokens').column('username_key').execute()
    },
  }
}
