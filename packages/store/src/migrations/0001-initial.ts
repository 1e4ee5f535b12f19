/**
 * The first schema of the site database, written once with Kysely's schema builder for both
 * engines. It branches on the dialect only where the engines differ: key generation, `WITHOUT
 * ROWID` on SQLite, and time partitioning of the message tables on PostgreSQL. docs/storage.md
 * explains every table and index.
 */
import { sql } from 'kysely'
import type { Kysely, Migration } from 'kysely'
import type { StoreDialect } from '../schema.ts'

/** Returns the initial migration for `dialect`. */
export function createInitialMigration(dialect: StoreDialect): Migration {
  const pg = dialect === 'postgres'
  // SQLite integers are 64-bit whatever the declared type; `integer` keeps rowid aliases working.
  const int8 = pg ? 'bigint' : 'integer'
  // `autoincrement` on SQLite so record IDs are never reused after the newest rows are deleted.
  const key = pg ? 'bigserial' : 'integer'
  const withoutRowid = pg ? sql`` : sql`without rowid`

  return {
    async up(db: Kysely<unknown>): Promise<void> {
      const messages = db.schema
        .createTable('status_messages')
        .addColumn('record_id', key, (c) => (pg ? c.notNull() : c.primaryKey().autoIncrement()))
        .addColumn('message_uuid', 'text', (c) => c.notNull())
        .addColumn('origin_kind', 'text', (c) => c.notNull())
        .addColumn('origin_id', 'text', (c) => c.notNull())
        .addColumn('sequence', int8, (c) => c.notNull())
        .addColumn('severity', 'text', (c) => c.notNull())
        .addColumn('message_type', 'text', (c) => c.notNull())
        .addColumn('message_id', 'integer', (c) => c.notNull())
        .addColumn('module', 'text', (c) => c.notNull())
        .addColumn('component', 'text', (c) => c.notNull())
        .addColumn('machine', 'text', (c) => c.notNull())
        .addColumn('site_code', 'text')
        .addColumn('top_level_site_code', 'text')
        .addColumn('process_id', int8, (c) => c.notNull())
        .addColumn('thread_id', int8, (c) => c.notNull())
        .addColumn('win32_error', int8, (c) => c.notNull())
        .addColumn('created_at', int8, (c) => c.notNull())
        .addColumn('per_client', 'smallint', (c) => c.notNull())
        .addColumn('report_function', 'text', (c) => c.notNull())
        .addColumn('in_transaction', 'smallint', (c) => c.notNull())
        .addColumn('successful_transaction', 'smallint', (c) => c.notNull())
        .addColumn('insertion_strings', 'text', (c) => c.notNull())
        .addColumn('received_at', int8, (c) => c.notNull())
        .addColumn('delete_after', int8)
        .addColumn('trusted', 'smallint', (c) => c.notNull())
      // A partitioned table's primary key must contain the partition key (received_at).
      await (
        pg
          ? messages
              .addPrimaryKeyConstraint('status_messages_pk', ['record_id', 'received_at'])
              .modifyEnd(sql`partition by range (received_at)`)
          : messages
      ).execute()

      await db.schema
        .createTable('status_message_attributes')
        .addColumn('record_id', int8, (c) => c.notNull())
        .addColumn('received_at', int8, (c) => c.notNull())
        .addColumn('position', 'integer', (c) => c.notNull())
        .addColumn('attribute_id', int8, (c) => c.notNull())
        .addColumn('value', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint(
          'status_message_attributes_pk',
          pg ? ['record_id', 'position', 'received_at'] : ['record_id', 'position'],
        )
        .modifyEnd(pg ? sql`partition by range (received_at)` : withoutRowid)
        .execute()

      // The viewer's only time-range index: component + created_at ("messages of X since T").
      await db.schema
        .createIndex('status_messages_component_created')
        .on('status_messages')
        .columns(['component', 'created_at'])
        .execute()
      // Retention finds aged rows without a scan.
      await db.schema
        .createIndex('status_messages_delete_after')
        .on('status_messages')
        .column('delete_after')
        .execute()
      // Attribute queries ("all messages about deployment X"), newest first by record_id.
      await db.schema
        .createIndex('status_message_attributes_value')
        .on('status_message_attributes')
        .columns(['attribute_id', 'value', 'record_id'])
        .execute()

      await db.schema
        .createTable('inbox')
        .addColumn('seq', key, (c) => (pg ? c.primaryKey() : c.primaryKey().autoIncrement()))
        .addColumn('id', 'text', (c) => c.notNull().unique())
        .addColumn('body', 'text', (c) => c.notNull())
        .addColumn('received_at', int8, (c) => c.notNull())
        .addColumn('not_before', int8, (c) => c.notNull())
        .addColumn('source', 'text', (c) => c.notNull())
        .addColumn('trusted', 'smallint', (c) => c.notNull())
        .execute()

      await db.schema
        .createTable('inbox_receipts')
        .addColumn('message_id', 'text', (c) => c.primaryKey())
        .addColumn('received_at', int8, (c) => c.notNull())
        .modifyEnd(withoutRowid)
        .execute()

      await db.schema
        .createTable('quarantine')
        .addColumn('seq', key, (c) => (pg ? c.primaryKey() : c.primaryKey().autoIncrement()))
        .addColumn('id', 'text', (c) => c.notNull())
        .addColumn('body', 'text', (c) => c.notNull())
        .addColumn('reason', 'text', (c) => c.notNull())
        .addColumn('source', 'text', (c) => c.notNull())
        .addColumn('received_at', int8, (c) => c.notNull())
        .addColumn('quarantined_at', int8, (c) => c.notNull())
        .execute()

      await db.schema
        .createTable('outbox')
        .addColumn('seq', key, (c) => (pg ? c.primaryKey() : c.primaryKey().autoIncrement()))
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('target', 'text', (c) => c.notNull())
        .addColumn('priority', 'smallint', (c) => c.notNull())
        .addColumn('message_id', 'text', (c) => c.notNull())
        .addColumn('payload', 'text', (c) => c.notNull())
        .addColumn('created_at', int8, (c) => c.notNull())
        .addColumn('attempts', 'integer', (c) => c.notNull())
        .addColumn('not_before', int8, (c) => c.notNull())
        .execute()
      // Senders read one kind's due entries, high lane first; a parent outage can grow the backlog.
      await db.schema
        .createIndex('outbox_kind_priority')
        .on('outbox')
        .columns(['kind', 'priority desc', 'seq'])
        .execute()

      await db.schema
        .createTable('loss_ledger')
        .addColumn('site_code', 'text', (c) => c.notNull())
        .addColumn('origin', 'text', (c) => c.notNull())
        .addColumn('reason', 'text', (c) => c.notNull())
        .addColumn('count', int8, (c) => c.notNull())
        .addColumn('first_at', int8, (c) => c.notNull())
        .addColumn('last_at', int8, (c) => c.notNull())
        .addPrimaryKeyConstraint('loss_ledger_pk', ['site_code', 'origin', 'reason'])
        .modifyEnd(withoutRowid)
        .execute()

      await db.schema
        .createTable('filter_rules')
        .addColumn('position', 'integer', (c) => c.primaryKey())
        .addColumn('id', 'text', (c) => c.notNull().unique())
        .addColumn('rule_json', 'text', (c) => c.notNull())
        .execute()

      await db.schema
        .createTable('clients')
        .addColumn('client_id', 'text', (c) => c.primaryKey())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('public_key', 'text', (c) => c.notNull())
        .addColumn('approval', 'text', (c) => c.notNull())
        .addColumn('registered_at', int8, (c) => c.notNull())
        .addColumn('last_seen_at', int8)
        .modifyEnd(withoutRowid)
        .execute()

      await db.schema
        .createTable('component_counts')
        .addColumn('site_code', 'text', (c) => c.notNull())
        .addColumn('machine', 'text', (c) => c.notNull())
        .addColumn('component', 'text', (c) => c.notNull())
        .addColumn('hour_start', int8, (c) => c.notNull())
        .addColumn('severity', 'text', (c) => c.notNull())
        .addColumn('count', int8, (c) => c.notNull())
        .addPrimaryKeyConstraint('component_counts_pk', [
          'site_code',
          'machine',
          'component',
          'hour_start',
          'severity',
        ])
        .modifyEnd(withoutRowid)
        .execute()

      await db.schema
        .createTable('summaries')
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('key', 'text', (c) => c.notNull())
        .addColumn('value_json', 'text', (c) => c.notNull())
        .addColumn('updated_at', int8, (c) => c.notNull())
        .addPrimaryKeyConstraint('summaries_pk', ['kind', 'key'])
        .modifyEnd(withoutRowid)
        .execute()

      await db.schema
        .createTable('origin_sequences')
        .addColumn('origin', 'text', (c) => c.primaryKey())
        .addColumn('last_sequence', int8, (c) => c.notNull())
        .modifyEnd(withoutRowid)
        .execute()
    },
  }
}
