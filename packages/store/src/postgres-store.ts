/**
 * The PostgreSQL adapter, for sites that outgrow one machine: several site processes share one
 * database, workers claim inbox batches with `FOR UPDATE SKIP LOCKED`, and the message tables
 * are partitioned by day so retention drops partitions.
 */
import { Kysely, PostgresDialect, sql } from 'kysely'
import pg from 'pg'
import { StoreError } from './errors.ts'
import { createKyselySiteStore } from './kysely-site-store.ts'
import { migrateToLatest } from './migrations/migrate-to-latest.ts'
import {
  dropAgedPartitions,
  ensureMessagePartitions,
  listMessagePartitions,
  preparePartitionRange,
} from './postgres-partitions.ts'
import type { MessagePartition } from './postgres-partitions.ts'
import { RETRYABLE_SQL_STATES, sqlStateOf } from './postgres-sql-state.ts'
import { withOutageErrors } from './postgres-outage.ts'
import type { Database } from './schema.ts'
import type { SiteStore } from './site-store.ts'
import { POSTGRES_MAX_PARAMETERS } from './statement-chunks.ts'

/** Connections the pool opens at most, per site process. */
export const DEFAULT_POSTGRES_POOL_SIZE = 10
/** Default of {@link PostgresStoreOptions.connectTimeoutMs} (10 s). */
export const DEFAULT_POSTGRES_CONNECT_TIMEOUT_MS = 10_000
/** Default of {@link PostgresStoreOptions.statementTimeoutMs} (60 s). */
export const DEFAULT_POSTGRES_STATEMENT_TIMEOUT_MS = 60_000

/** Options of {@link createPostgresStore}. */
export interface PostgresStoreOptions {
  /** `postgres://user@host:port/database` (the site's `SITREP_DATABASE_URL`). */
  readonly connectionString: string
  /**
   * Schema holding the site's tables (default `public`); it must exist, see
   * {@link createPostgresSchema}. Each connection gets `search_path` set to it, so one server can
   * hold several sites or test runs side by side.
   */
  readonly schema?: string
  /** Default {@link DEFAULT_POSTGRES_POOL_SIZE}. */
  readonly poolSize?: number
  /**
   * Longest wait for a connection, in ms (default {@link DEFAULT_POSTGRES_CONNECT_TIMEOUT_MS}):
   * a server that accepts TCP and never answers fails start-up, and a request waiting for a
   * pooled connection, within this time.
   */
  readonly connectTimeoutMs?: number
  /**
   * Longest a statement may run, in ms, before the server cancels it (`statement_timeout`,
   * default {@link DEFAULT_POSTGRES_STATEMENT_TIMEOUT_MS}); its transaction rolls back.
   */
  readonly statementTimeoutMs?: number
  /** Told about errors of idle pooled connections (server restart); the pool replaces them. */
  readonly onIdleError?: (error: Error) => void
}

/** The PostgreSQL store: a {@link SiteStore} plus partition maintenance. */
export interface PostgresSiteStore extends SiteStore {
  readonly dialect: 'postgres'
  /** The daily partitions of the message tables, oldest first. */
  listMessagePartitions(): Promise<readonly MessagePartition[]>
  /**
   * Creates the partitions for `[from, until)` ahead of time, outside any batch; the site's
   * daily task calls it for the next few days so batches do not have to.
   */
  preparePartitions(range: { readonly from: number; readonly until: number }): Promise<void>
}

const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/

/**
 * Connects to PostgreSQL and migrates the schema to the newest version (concurrent site
 * processes serialize on Kysely's migration lock). Throws `store_unavailable` when the server
 * cannot be reached.
 *
 * @example
 * const store = await createPostgresStore({ connectionString: 'postgres://sitrep@db/sitrep' })
 */
export async function createPostgresStore(options: PostgresStoreOptions): Promise<PostgresSiteStore> {
  const schema = checkSchemaName(options.schema ?? 'public')
  const connectTimeoutMs = options.connectTimeoutMs ?? DEFAULT_POSTGRES_CONNECT_TIMEOUT_MS
  const pool = new pg.Pool({
    connectionString: options.connectionString,
    max: options.poolSize ?? DEFAULT_POSTGRES_POOL_SIZE,
    options: `-c search_path=${schema}`,
    connectionTimeoutMillis: connectTimeoutMs,
    statement_timeout: options.statementTimeoutMs ?? DEFAULT_POSTGRES_STATEMENT_TIMEOUT_MS,
    // Notices a server that vanished without closing the connection (a cut network).
    keepAlive: true,
  })
  // Without a listener an idle connection's error (server restart) would crash the process.
  pool.on('error', (error) => options.onIdleError?.(error))
  // The pool listens only while a connection is idle; one that dies while checked out (between
  // the statements of a transaction) would throw an uncaught 'error'. Its statement fails
  // anyway, and the pool drops the connection on release.
  pool.on('connect', (client) => client.on('error', () => undefined))
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) })
  try {
    await checkReachable(db, options.connectionString, connectTimeoutMs)
    await migrateToLatest(db, { dialect: 'postgres', schema })
  } catch (error) {
    await db.destroy()
    throw error
  }

  const base = createKyselySiteStore({
    db,
    dialect: 'postgres',
    maxParameters: POSTGRES_MAX_PARAMETERS,
    transaction: async (work) => {
      try {
        return await db.transaction().execute(work)
      } catch (error) {
        if (RETRYABLE_SQL_STATES.has(sqlStateOf(error))) {
          throw new StoreError(
            'store_conflict',
            `transaction rolled back by PostgreSQL (SQLSTATE ${sqlStateOf(error)}); nothing was committed, run it again`,
            { cause: error },
          )
        }
        throw error
      }
    },
    beforeSaveMessages: ensureMessagePartitions,
    dropAgedMessages: (now) => dropAgedPartitions(db, now),
    storageUsage: async () => {
      const { rows } = await sql<{ name: string; bytes: string }>`
        select current_database() as name, pg_database_size(current_database())::text as bytes`.execute(db)
      const row = rows[0]
      return {
        databaseBytes: row === undefined ? null : Number(row.bytes),
        databaseFile: null,
        databaseName: row?.name ?? 'postgres',
      }
    },
    close: () => db.destroy(),
  })
  return withOutageErrors({
    ...base,
    dialect: 'postgres',
    listMessagePartitions: () => listMessagePartitions(db),
    preparePartitions: ({ from, until }) => preparePartitionRange(db, from, until),
  })
}

/**
 * Creates `schema` if it does not exist. Tests give each run a schema of its own; an operator
 * can put several sites in one database the same way.
 */
export async function createPostgresSchema(connectionString: string, schema: string): Promise<void> {
  await withClient(connectionString, (client) =>
    client.query(`create schema if not exists "${checkSchemaName(schema)}"`),
  )
}

/** Drops `schema` and everything in it. */
export async function dropPostgresSchema(connectionString: string, schema: string): Promise<void> {
  await withClient(connectionString, (client) =>
    client.query(`drop schema if exists "${checkSchemaName(schema)}" cascade`),
  )
}

async function withClient(
  connectionString: string,
  work: (client: pg.Client) => Promise<unknown>,
): Promise<void> {
  const client = new pg.Client({ connectionString })
  try {
    await client.connect()
  } catch (cause) {
    throw unreachable(connectionString, cause)
  }
  try {
    await work(client)
  } finally {
    await client.end()
  }
}

async function checkReachable(
  db: Kysely<Database>,
  connectionString: string,
  connectTimeoutMs: number,
): Promise<void> {
  try {
    await sql`select 1`.execute(db)
  } catch (cause) {
    throw unreachable(connectionString, cause, connectTimeoutMs)
  }
}

function unreachable(connectionString: string, cause: unknown, connectTimeoutMs?: number): StoreError {
  const message = cause instanceof Error ? cause.message : String(cause)
  // pg says "timeout" in several ways; the user needs the limit that was hit, not pg's words.
  const reason =
    connectTimeoutMs !== undefined && /timeout/i.test(message)
      ? `no answer within ${connectTimeoutMs / 1000} s, the connect timeout`
      : message
  return new StoreError(
    'store_unavailable',
    `cannot connect to PostgreSQL at ${redactUrl(connectionString)} (${reason}); check ` +
      `SITREP_DATABASE_URL and that the server is running and accepts this user`,
    { cause },
  )
}

/** Returns the URL without its password, for messages and logs. */
export function redactUrl(connectionString: string): string {
  try {
    const url = new URL(connectionString)
    if (url.password !== '') url.password = '***'
    return url.toString()
  } catch {
    return '(unparseable connection string)'
  }
}

function checkSchemaName(schema: string): string {
  if (!SCHEMA_NAME.test(schema)) {
    throw new StoreError(
      'invalid_argument',
      `schema name ${JSON.stringify(schema)} is not allowed; use lower-case letters, digits and _ (at most 63)`,
    )
  }
  return schema
}
