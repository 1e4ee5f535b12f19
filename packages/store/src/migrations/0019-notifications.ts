/**
 * Migration 0019: the notification record (docs/alerting.md). `notifications` holds one row per
 * message queued for an export target, numbered by its outbox entry; `notification_attempts`
 * one row per delivery attempt.
 */
import type { Kysely, Migration } from 'kysely'
import type { StoreDialect } from '../schema.ts'

/** Returns migration 0019 for `dialect`. */
export function createNotificationsMigration(dialect: StoreDialect): Migration {
  const int8 = dialect === 'postgres' ? 'bigint' : 'integer'
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('notifications')
        .addColumn('id', int8, (c) => c.primaryKey())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('target', 'text', (c) => c.notNull())
        .addColumn('message_id', 'text', (c) => c.notNull())
        .addColumn('created_at', int8, (c) => c.notNull())
        .addColumn('state', 'text', (c) => c.notNull())
        .addColumn('attempts', 'integer', (c) => c.notNull())
        .addColumn('last_attempt_at', int8)
        .addColumn('last_error', 'text')
        .addColumn('finished_at', int8)
        .addColumn('loss_reason', 'text')
        .addColumn('payload', 'text')
        .execute()
      // The API filters by target, by state (dead letters) and by message, newest first.
      await db.schema
        .createIndex('notifications_target')
        .on('notifications')
        .columns(['target', 'id'])
        .execute()
      await db.schema
        .createIndex('notifications_state')
        .on('notifications')
        .columns(['state', 'id'])
        .execute()
      await db.schema.createIndex('notifications_message').on('notifications').column('message_id').execute()

      await db.schema
        .createTable('notification_attempts')
        .addColumn('notification_id', int8, (c) => c.notNull())
        .addColumn('attempt', 'integer', (c) => c.notNull())
        .addColumn('at', int8, (c) => c.notNull())
        .addColumn('outcome', 'text', (c) => c.notNull())
        .addColumn('error', 'text')
        .addColumn('duration_ms', 'integer', (c) => c.notNull())
        .addPrimaryKeyConstraint('notification_attempts_pk', ['notification_id', 'attempt'])
        .execute()
    },
  }
}
