/**
 * The embedded SQLite adapter: one database file per site, WAL mode, durable commits.
 */
import { statSync } from 'node:fs'
import path from 'node:path'
import SqliteDatabase from 'better-sqlite3'
import { Kysely, SqliteDialect } from 'kysely'
import { StoreError } from './errors.ts'
import { createKyselySiteStore } from './kysely-site-store.ts'
import { migrateToLatest } from './migrations/migrate-to-latest.ts'
import type { Database } from './schema.ts'
import type { SiteStore, StorageUsage } from './site-store.ts'
import { createSqliteRowWriter } from './sqlite-row-writer.ts'
import { createDurableTransaction, createWalSync } from './sqlite-wal-sync.ts'
import type { SyncFile } from './sqlite-wal-sync.ts'
import { SQLITE_MAX_PARAMETERS } from './statement-chunks.ts'

/** How long a statement waits for another process's lock before failing, in ms. */
export const SQLITE_BUSY_TIMEOUT_MS = 5000

/** Options of {@link createSqliteStore}. */
export interface SqliteStoreOptions {
  /** Path of the database file (created when missing), or `:memory:` for a private in-memory database. */
  readonly filename: string
  /** How a commit syncs the WAL file (tests hold it to see that nothing resolves early). */
  readonly syncFile?: SyncFile
}

/**
 * Opens (creating if needed) a site database in one SQLite file and migrates it to the newest
 * schema. Commits are durable when they return: WAL with `synchronous=FULL`, because the
 * management point acknowledges a message to its sender as soon as the inbox commit returns.
 * Write transactions get that guarantee with the sync moved off the event loop: they commit with
 * `synchronous=NORMAL` and resolve after an asynchronous sync of the WAL (`sqlite-wal-sync.ts`);
 * single statements outside a transaction still sync inside SQLite.
 *
 * Transactions start with `BEGIN IMMEDIATE`, so the write lock is taken up front and a second
 * process on the same file waits (up to {@link SQLITE_BUSY_TIMEOUT_MS}) instead of failing halfway.
 *
 * @example
 * const store = await createSqliteStore({ filename: join(dataDir, 'site.db') })
 */
export async function createSqliteStore(options: SqliteStoreOptions): Promise<SiteStore> {
  let database: SqliteDatabase.Database
  try {
    database = new SqliteDatabase(options.filename, { timeout: SQLITE_BUSY_TIMEOUT_MS })
    // WAL lets readers (the API, the CLI) run while the status manager writes.
    database.pragma('journal_mode = WAL')
    // FULL syncs the WAL on every commit; NORMAL could lose the last acknowledged commits on power loss.
    database.pragma('synchronous = FULL')
    database.pragma(`busy_timeout = ${SQLITE_BUSY_TIMEOUT_MS}`)
    database.pragma('foreign_keys = ON')
  } catch (cause) {
    throw new StoreError(
      'store_unavailable',
      `cannot open SQLite database ${options.filename}; check that its directory exists and is writable`,
      { cause },
    )
  }
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database }) })
  try {
    await migrateToLatest(db, { dialect: 'sqlite' })
  } catch (error) {
    await db.destroy()
    throw error
  }
  const wal = createWalSync(options.filename, options.syncFile)
  return createKyselySiteStore({
    db,
    dialect: 'sqlite',
    maxParameters: SQLITE_MAX_PARAMETERS,
    rowWriter: createSqliteRowWriter(database),
    transaction: createDurableTransaction(db, database, wal),
    storageUsage: () => Promise.resolve(sqliteUsage(options.filename)),
    close: async () => {
      await wal.close()
      await db.destroy()
    },
  })
}

function sqliteUsage(filename: string): StorageUsage {
  if (filename === ':memory:' || filename === '') {
    return { databaseBytes: null, databaseFile: null, databaseName: 'in-memory SQLite' }
  }
  const size = (file: string): number => {
    try {
      return statSync(file).size
    } catch {
      return 0 // No WAL file yet (or none left after a checkpoint).
    }
  }
  return {
    databaseBytes: size(filename) + size(`${filename}-wal`),
    databaseFile: filename,
    databaseName: path.basename(filename),
  }
}
