/**
 * Fast generation of stored messages for the query and footprint scenarios, straight into the
 * store's real schema: the store is opened once so its migrations create the tables, then rows
 * go in by raw SQL that matches `packages/store/src/schema.ts` and the migrations column for
 * column, with the same values the JS generator (`bench-messages.ts`) makes for message `i`.
 *
 * - SQLite: prepared better-sqlite3 statements in big transactions, with the secondary indexes
 *   dropped first and rebuilt afterwards from their own `sqlite_master` definitions.
 * - PostgreSQL: server-side `INSERT … SELECT … FROM generate_series(…)` in chunks, into the daily
 *   partitions the store prepares.
 */
import SqliteDatabase from 'better-sqlite3'
import { newMessageId } from '@sitrep/protocol'
import type { PostgresSiteStore } from '@sitrep/store'
import { createSqliteStore } from '@sitrep/store'
import pg from 'pg'
import {
  BENCH_COMPONENTS,
  BENCH_ORIGIN_ID,
  DEPLOYMENT_COUNT,
  KB_WORD_COUNT,
  MACHINE_COUNT,
  benchInsertionStrings,
  benchSeverity,
  deploymentId,
} from './bench-messages.ts'

const DAY_MS = 86_400_000
/** Generated messages are spread evenly over the 30 days before the data set's end. */
export const DATASET_SPAN_MS = 30 * DAY_MS
/** Days a generated message is kept (the default rule's 30). */
const KEEP_MS = 30 * DAY_MS
const SQLITE_CHUNK_ROWS = 100_000
const POSTGRES_CHUNK_ROWS = 500_000

/** A generated data set: `rows` messages created in `[end - DATASET_SPAN_MS, end)`. */
export interface Dataset {
  readonly rows: number
  readonly end: number
  /** Wall time the generation took, ms. */
  readonly generationMs: number
}

/** `created_at` of message `i` of `rows` ending at `end`. */
export function createdAtOf(i: number, rows: number, end: number): number {
  return end - DATASET_SPAN_MS + Math.floor((i * DATASET_SPAN_MS) / rows)
}

/** Fills a new SQLite site database at `filename` with `rows` messages and 2 attributes each. */
export async function generateSqliteDataset(filename: string, rows: number, end: number): Promise<Dataset> {
  const startedAt = performance.now()
  const store = await createSqliteStore({ filename })
  await store.close()
  const db = new SqliteDatabase(filename)
  try {
    // Generation is setup, not the measured path: no sync, a big cache.
    db.pragma('synchronous = OFF')
    db.pragma('cache_size = -262144')
    const indexes = db
      .prepare<[], { name: string; sql: string }>(
        `select name, sql from sqlite_master where type = 'index' and sql is not null
         and tbl_name in ('status_messages', 'status_message_attributes')`,
      )
      .all()
    for (const index of indexes) db.exec(`drop index "${index.name}"`)
    const insertChunk = prepareSqliteMessageInsert(db, rows, end)
    for (let from = 0; from < rows; from += SQLITE_CHUNK_ROWS)
      insertChunk(from, Math.min(rows, from + SQLITE_CHUNK_ROWS))
    for (const index of indexes) db.exec(index.sql)
    // Keep autoincrement consistent with the explicit record IDs, as the store would have left it.
    db.prepare(`update sqlite_sequence set seq = ? where name = 'status_messages'`).run(rows)
    db.pragma('wal_checkpoint(TRUNCATE)')
  } finally {
    db.close()
  }
  return { rows, end, generationMs: performance.now() - startedAt }
}

/**
 * Returns a transaction that inserts messages `[from, to)` of a `rows`-message data set ending at
 * `end` (one message row and two attribute rows each) into an open site database. The storage
 * baseline uses it too, on a database with the store's durability settings.
 */
export function prepareSqliteMessageInsert(
  db: SqliteDatabase.Database,
  rows: number,
  end: number,
): (from: number, to: number) => void {
  const insertMessage = db.prepare(
    `insert into status_messages (record_id, message_uuid, origin_kind, origin_id, sequence, severity,
      message_type, message_id, module, component, machine, site_code, top_level_site_code, process_id,
      thread_id, win32_error, created_at, per_client, report_function, in_transaction,
      successful_transaction, insertion_strings, received_at, delete_after, trusted)
     values (?, ?, 'client', ?, ?, ?, 'milestone', 10008, 'SMS Client', ?, ?, 'PS1', null, 4321, 1234, 0,
      ?, 0, 'report', 0, 0, ?, ?, ?, 1)`,
  )
  const insertAttribute = db.prepare(
    `insert into status_message_attributes (record_id, received_at, position, attribute_id, value)
     values (?, ?, ?, ?, ?)`,
  )
  return db.transaction((from: number, to: number) => {
    for (let i = from; i < to; i++) {
      const createdAt = createdAtOf(i, rows, end)
      const receivedAt = createdAt + 50
      const recordId = i + 1
      insertMessage.run(
        recordId,
        newMessageId(createdAt),
        BENCH_ORIGIN_ID,
        i + 1,
        benchSeverity(i),
        BENCH_COMPONENTS[i % BENCH_COMPONENTS.length],
        `PC-${String(i % MACHINE_COUNT).padStart(5, '0')}`,
        createdAt,
        JSON.stringify(benchInsertionStrings(i)),
        receivedAt,
        receivedAt + KEEP_MS,
      )
      insertAttribute.run(recordId, receivedAt, 0, 401, deploymentId(i))
      insertAttribute.run(recordId, receivedAt, 1, 402, `COL${String(i % 50).padStart(5, '0')}`)
    }
  })
}

/** SQL for `created_at` of message `g` (0-based), matching {@link createdAtOf}. */
function createdAtSql(rows: number, end: number): string {
  return `(${end - DATASET_SPAN_MS}::bigint + floor(g::numeric * ${DATASET_SPAN_MS} / ${rows})::bigint)`
}

/**
 * Fills the (migrated, empty) PostgreSQL site schema behind `store` with `rows` messages and 2
 * attributes each, then runs ANALYZE (as autovacuum would on a live site).
 */
export async function generatePostgresDataset(
  store: PostgresSiteStore,
  connection: { readonly url: string; readonly schema: string },
  rows: number,
  end: number,
): Promise<Dataset> {
  const startedAt = performance.now()
  await store.preparePartitions({ from: end - DATASET_SPAN_MS - DAY_MS, until: end + DAY_MS })
  const client = new pg.Client({
    connectionString: connection.url,
    options: `-c search_path=${connection.schema}`,
  })
  await client.connect()
  try {
    const created = createdAtSql(rows, end)
    const pad = (expr: string, width: number): string => `lpad((${expr})::text, ${width}, '0')`
    for (let from = 0; from < rows; from += POSTGRES_CHUNK_ROWS) {
      const to = Math.min(rows, from + POSTGRES_CHUNK_ROWS) - 1
      const dep = `'DEP' || ${pad(`g % ${DEPLOYMENT_COUNT}`, 5)}`
      const kb = `'KB' || ${pad(`(g * 7) % ${KB_WORD_COUNT}`, 5)}`
      await client.query(`
        insert into status_messages (record_id, message_uuid, origin_kind, origin_id, sequence, severity,
          message_type, message_id, module, component, machine, site_code, top_level_site_code, process_id,
          thread_id, win32_error, created_at, per_client, report_function, in_transaction,
          successful_transaction, insertion_strings, received_at, delete_after, trusted)
        select g + 1, ${uuidSql()}, 'client', '${BENCH_ORIGIN_ID}', g + 1,
          case when g % 100 < 3 then 'error' when g % 100 < 10 then 'warning' else 'informational' end,
          'milestone', 10008, 'SMS Client', 'BENCH_COMPONENT_' || ${pad(`g % ${BENCH_COMPONENTS.length}`, 2)},
          'PC-' || ${pad(`g % ${MACHINE_COUNT}`, 5)}, 'PS1', null, 4321, 1234, 0, ${created}, 0, 'report', 0, 0,
          '["' || ${dep} || '","Setup program ' || (g % 37) || '","Installed update ' || ${kb} || ' with exit code 0"]',
          ${created} + 50, ${created} + 50 + ${KEEP_MS}, 1
        from generate_series(${from}::bigint, ${to}::bigint) as g`)
      await client.query(`
        insert into status_message_attributes (record_id, received_at, position, attribute_id, value)
        select g + 1, ${created} + 50, 0, 401, ${dep} from generate_series(${from}::bigint, ${to}::bigint) as g
        union all
        select g + 1, ${created} + 50, 1, 402, 'COL' || ${pad('g % 50', 5)}
        from generate_series(${from}::bigint, ${to}::bigint) as g`)
    }
    await client.query(`select setval(pg_get_serial_sequence('status_messages', 'record_id'), ${rows})`)
    await client.query('analyze status_messages')
    await client.query('analyze status_message_attributes')
  } finally {
    await client.end()
  }
  return { rows, end, generationMs: performance.now() - startedAt }
}

/** A 36-character UUID-shaped text from `md5(g)`, the size of the UUIDv7s the MP stores. */
function uuidSql(): string {
  const h = `md5(g::text)`
  return `substr(${h}, 1, 8) || '-' || substr(${h}, 9, 4) || '-7' || substr(${h}, 14, 3) || '-8' || substr(${h}, 18, 3) || '-' || substr(${h}, 21, 12)`
}
