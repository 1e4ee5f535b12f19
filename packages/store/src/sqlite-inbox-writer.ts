/**
 * The SQLite inbox write path, the one the management point waits on before it answers a
 * client. Two things make it fast without making it less durable:
 *
 * - Prepared better-sqlite3 statements instead of building SQL per call: the receipt insert
 *   (`ON CONFLICT DO NOTHING`, so `changes` says new or duplicate) and the inbox insert.
 * - The sync happens off the event loop. The transaction commits with `synchronous=NORMAL`
 *   (SQLite writes the WAL frames but does not sync them), then the WAL file is synced with an
 *   asynchronous `fdatasync` on libuv's thread pool, and only then does the call resolve. That
 *   is the same guarantee `synchronous=FULL` gives (the commit frame is on disk before anyone
 *   is told), but the main thread parses and verifies the next requests while the disk works,
 *   instead of blocking in the commit. Every other transaction keeps `synchronous=FULL`.
 *
 * When the WAL file cannot be opened (an in-memory database, or no WAL yet), the write commits
 * with `synchronous=FULL` as every other transaction does.
 */
import { statSync } from 'node:fs'
import { open } from 'node:fs/promises'
import type { FileHandle } from 'node:fs/promises'
import type SqliteDatabase from 'better-sqlite3'
import type { EnqueueOutcome, InboxItem } from './site-store.ts'

/** Syncs the data of an open file to disk; the default is `FileHandle.datasync`. */
export type SyncFile = (handle: FileHandle) => Promise<void>

/** What the writer needs. */
export interface SqliteInboxWriterDeps {
  readonly database: SqliteDatabase.Database
  /** The database file; the WAL is `<filename>-wal`. `:memory:` or empty: no WAL to sync. */
  readonly filename: string
  /** Runs `work` while holding the connection, so no other transaction interleaves with it. */
  readonly exclusive: <T>(work: () => T) => Promise<T>
  readonly syncFile?: SyncFile
}

/** Writes inbox items durably; `close` releases the WAL file handle. */
export interface SqliteInboxWriter {
  enqueue(items: readonly InboxItem[]): Promise<EnqueueOutcome[]>
  close(): Promise<void>
}

/** Creates the writer; its statements are prepared on first use (after migrations). */
export function createSqliteInboxWriter(deps: SqliteInboxWriterDeps): SqliteInboxWriter {
  const { database } = deps
  const walPath = deps.filename === ':memory:' || deps.filename === '' ? undefined : `${deps.filename}-wal`
  const syncFile: SyncFile = deps.syncFile ?? ((handle) => handle.datasync())
  let statements: ReturnType<typeof prepare> | undefined
  let wal: { handle: FileHandle; inode: number } | undefined
  let syncing: Promise<void> | undefined
  let nextSync: Promise<void> | undefined

  /**
   * Resolves once a sync that started after this call's commit has finished. Concurrent callers
   * share syncs: while one runs, everyone who committed meanwhile waits for the one after it.
   */
  const syncAfterCommit = (handle: FileHandle): Promise<void> => {
    if (syncing === undefined) {
      syncing = syncFile(handle).finally(() => {
        syncing = undefined
      })
      return syncing
    }
    nextSync ??= syncing.then(
      () => {
        nextSync = undefined
        return syncAfterCommit(handle)
      },
      () => {
        nextSync = undefined
        return syncAfterCommit(handle)
      },
    )
    return nextSync
  }

  /** The open WAL file, reopened if SQLite replaced it; `undefined` when there is none. */
  const walHandle = async (): Promise<FileHandle | undefined> => {
    if (walPath === undefined) return undefined
    let inode: number
    try {
      inode = statSync(walPath).ino
    } catch {
      return undefined
    }
    if (wal?.inode === inode) return wal.handle
    const previous = wal
    wal = undefined
    await previous?.handle.close()
    try {
      // r+: no create, no truncate; Windows needs write access to flush a file.
      const handle = await open(walPath, 'r+')
      wal = { handle, inode }
      return handle
    } catch {
      return undefined
    }
  }

  const write = (items: readonly InboxItem[], deferSync: boolean): EnqueueOutcome[] => {
    statements ??= prepare(database)
    const s = statements
    if (deferSync) s.syncNormal.run()
    try {
      s.begin.run()
      try {
        const outcomes: EnqueueOutcome[] = []
        for (const item of items) {
          // Receipts hold every ID ever accepted; no change means this ID was seen before.
          if (s.claim.run(item.id, item.receivedAt).changes === 1) {
            s.insert.run(
              item.id,
              item.body,
              item.receivedAt,
              item.receivedAt,
              item.source,
              item.trusted ? 1 : 0,
            )
            outcomes.push('accepted')
          } else {
            outcomes.push('duplicate')
          }
        }
        s.commit.run()
        return outcomes
      } catch (error) {
        // SQLite may already have rolled back (e.g. on SQLITE_FULL); the original error matters.
        if (database.inTransaction) s.rollback.run()
        throw error
      }
    } finally {
      if (deferSync) s.syncFull.run()
    }
  }

  return {
    async enqueue(items) {
      if (items.length === 0) return []
      const handle = await walHandle()
      const outcomes = await deps.exclusive(() => write(items, handle !== undefined))
      // The commit frame is in the WAL (written, not yet synced): sync it before anyone is told.
      if (handle !== undefined) await syncAfterCommit(handle)
      return outcomes
    },
    async close() {
      const current = wal
      wal = undefined
      await current?.handle.close()
    },
  }
}

function prepare(database: SqliteDatabase.Database) {
  return {
    begin: database.prepare('BEGIN IMMEDIATE'),
    commit: database.prepare('COMMIT'),
    rollback: database.prepare('ROLLBACK'),
    syncNormal: database.prepare('PRAGMA synchronous = NORMAL'),
    syncFull: database.prepare('PRAGMA synchronous = FULL'),
    claim: database.prepare(
      'INSERT INTO inbox_receipts (message_id, received_at) VALUES (?, ?) ON CONFLICT (message_id) DO NOTHING',
    ),
    insert: database.prepare(
      'INSERT INTO inbox (id, body, received_at, not_before, source, trusted) VALUES (?, ?, ?, ?, ?, ?)',
    ),
  }
}
