/**
 * Migration 0002: what the management point needs. Clients get their registration details and
 * a unique public key (registration is idempotent by key); state messages from the relay
 * endpoint get a table of their own, looked up by topic.
 */
import type { Kysely, Migration } from 'kysely'
import type { StoreDialect } from '../schema.ts'

/** Returns migration 0002 for `dialect`. */
export function createClientsAndStateMessagesMigration(dialect: StoreDialect): Migration {
  const pg = dialect === 'postgres'
  const int8 = pg ? 'bigint' : 'integer'
  const key = pg ? 'bigserial' : 'integer'

  return {
    async up(db: Kysely<unknown>): Promise<void> {
      // SQLite adds one column per ALTER TABLE, so each is its own statement on both engines.
      await db.schema
        .alterTable('clients')
        .addColumn('fqdn', 'text', (c) => c.notNull().defaultTo(''))
        .execute()
      await db.schema.alterTable('clients').addColumn('locale_id', 'integer').execute()
      await db.schema
        .alterTable('clients')
        .addColumn('agent_identity', 'text', (c) => c.notNull().defaultTo(''))
        .execute()
      await db.schema
        .alterTable('clients')
        .addColumn('agent_version', 'text', (c) => c.notNull().defaultTo(''))
        .execute()
      await db.schema
        .alterTable('clients')
        .addColumn('agent_type', 'integer', (c) => c.notNull().defaultTo(0))
        .execute()
      // One client per key: the conflict target of the idempotent registration insert.
      await db.schema.createIndex('clients_public_key').on('clients').column('public_key').unique().execute()

      await db.schema
        .createTable('state_messages')
        .addColumn('record_id', key, (c) => (pg ? c.primaryKey() : c.primaryKey().autoIncrement()))
        .addColumn('message_uuid', 'text', (c) => c.notNull())
        .addColumn('origin_kind', 'text', (c) => c.notNull())
        .addColumn('origin_id', 'text', (c) => c.notNull())
        .addColumn('serial_number', int8, (c) => c.notNull())
        .addColumn('topic_id', 'text', (c) => c.notNull())
        .addColumn('topic_type', int8, (c) => c.notNull())
        .addColumn('topic_id_type', int8, (c) => c.notNull())
        .addColumn('topic_user', 'text', (c) => c.notNull())
        .addColumn('topic_user_sid', 'text', (c) => c.notNull())
        .addColumn('state_id', int8, (c) => c.notNull())
        .addColumn('criticality', int8, (c) => c.notNull())
        .addColumn('details_type', int8)
        .addColumn('details_text', 'text')
        .addColumn('user_flags', int8, (c) => c.notNull())
        .addColumn('user_params', 'text', (c) => c.notNull())
        .addColumn('message_time', int8, (c) => c.notNull())
        .addColumn('received_at', int8, (c) => c.notNull())
        .addColumn('trusted', 'smallint', (c) => c.notNull())
        .execute()
      // "Every state of topic X" (deployment status) reads newest first by record_id.
      await db.schema
        .createIndex('state_messages_topic')
        .on('state_messages')
        .columns(['topic_type', 'topic_id', 'record_id'])
        .execute()
    },
  }
}
