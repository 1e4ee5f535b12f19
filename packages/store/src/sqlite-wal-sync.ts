/**
 * Durable SQLite commits without blocking the event loop. With `synchronous=FULL`, SQLite syncs
 * the WAL inside COMMIT, on the calling thread: the management point's event loop stood still
 * for every fsync. Instead, a write transaction commits with `synchronous=NORMAL` (SQLite writes
 * the WAL frames but does not sync them) and the caller is told only after an asynchronous
 * `fdatasync` of the WAL file on libuv's thread pool, started after the commit, has finished.
 * That is the guarantee FULL gives — the commit frame is on disk before anyone learns of the
 * commit — while the event loop parses and verifies the next requests as the disk works.
 *
 * Syncs are shared: while one runs, every commit that finishes meanwhile waits for the next one,
 * and one sync covers them all (an fsync flushes everything written to the file before it).
 *
 * The WAL file is opened once and reopened if SQLite replaces it (it deletes the file only when
 * the last connection closes, which this process's connection prevents while the store is open).
 */
import { statSync } from 'node:fs'
import { open } from 'node:fs/promises'
import type { FileHandle } from 'node:fs/promises'
import type SqliteDatabase from 'better-sqlite3'
import { sql } from 'kysely'
import type { Kysely } from 'kysely'
import type { Database } from './schema.ts'

/** Syncs the data of an open file to disk; the default is `FileHandle.datasync`. */
export type SyncFile = (handle: FileHandle) => Promise<void>

/** The WAL of one database file. */
export interface WalSync {
  /**
   * The open WAL file to sync after the next commit, or `undefined` when there is none (an
   * in-memory database, or no WAL yet): then commit with `synchronous=FULL` as usual.
   */
  handle(): Promise<FileHandle | undefined>
  /** Resolves once a sync of `handle` that started after this call has finished. */
  syncAfterCommit(handle: FileHandle): Promise<void>
  close(): Promise<void>
}

/** Creates the {@link WalSync} of database `filename` (`:memory:` or empty: no WAL). */
export function createWalSync(filename: string, syncFile: SyncFile = (h) => h.datasync()): WalSync {
  const walPath = filename === ':memory:' || filename === '' ? undefined : `${filename}-wal`
  let wal: { handle: FileHandle; inode: number } | undefined
  let opening: Promise<FileHandle | undefined> | undefined
  let syncing: Promise<void> | undefined
  let nextSync: Promise<void> | undefined
  let closed = false

  const reopen = async (inode: number): Promise<FileHandle | undefined> => {
    const previous = wal
    wal = undefined
    await previous?.handle.close()
    try {
      // r+: no create, no truncate; Windows needs write access to flush a file.
      const handle = await open(walPath ?? '', 'r+')
      if (closed) {
        await handle.close()
        return undefined
      }
      wal = { handle, inode }
      return handle
    } catch {
      return undefined
    }
  }

  const syncAfterCommit = (handle: FileHandle): Promise<void> => {
    if (syncing === undefined) {
      syncing = syncFile(handle).finally(() => {
        syncing = undefined
      })
      return syncing
    }
    // The running sync may have started before this commit: wait for the one after it.
    const again = (): Promise<void> => {
      nextSync = undefined
      return syncAfterCommit(handle)
    }
    nextSync ??= syncing.then(again, again)
    return nextSync
  }

  return {
    async handle() {
      if (walPath === undefined || closed) return undefined
      let inode: number
      try {
        inode = statSync(walPath).ino
      } catch {
        return undefined
      }
      if (wal?.inode === inode) return wal.handle
      // One reopen at a time, so concurrent callers share a handle instead of leaking one.
      opening ??= reopen(inode).finally(() => {
        opening = undefined
      })
      return opening
    },
    syncAfterCommit,
    async close() {
      closed = true
      await opening
      const current = wal
      wal = undefined
      await syncing?.catch(() => undefined)
      await current?.handle.close()
    },
  }
}

/**
 * Returns the store's transaction function for one SQLite connection: `work` runs between
 * `BEGIN IMMEDIATE` and `COMMIT` while holding Kysely's connection mutex (its SQLite driver has
 * one connection), with the connection at NORMAL for that commit and back at FULL at once; the
 * call resolves after the WAL sync, which waits outside the mutex.
 */
export function createDurableTransaction(
  db: Kysely<Database>,
  database: SqliteDatabase.Database,
  wal: WalSync,
): <T>(work: (db: Kysely<Database>) => Promise<T>) => Promise<T> {
  const normal = database.prepare('PRAGMA synchronous = NORMAL')
  const full = database.prepare('PRAGMA synchronous = FULL')
  return async (work) => {
    const handle = await wal.handle()
    const result = await db.connection().execute(async (connection) => {
      if (handle !== undefined) normal.run()
      try {
        await sql`begin immediate`.execute(connection)
        let value
        try {
          value = await work(connection)
        } catch (error) {
          // SQLite may already have rolled back (e.g. on SQLITE_FULL); the original error matters.
          if (database.inTransaction) await sql`rollback`.execute(connection)
          throw error
        }
        await sql`commit`.execute(connection)
        return value
      } finally {
        if (handle !== undefined) full.run()
      }
    })
    if (handle !== undefined) await wal.syncAfterCommit(handle)
    return result
  }
}
