/**
 * The SQLite inbox write path, the one the management point waits on before it answers a
 * client: prepared better-sqlite3 statements instead of SQL built per call — the receipt insert
 * (`ON CONFLICT DO NOTHING`, so `changes` says new or duplicate) and the inbox insert — in one
 * transaction whose WAL sync happens off the event loop (`sqlite-wal-sync.ts`).
 */
import type SqliteDatabase from 'better-sqlite3'
import type { EnqueueOutcome, InboxItem } from './site-store.ts'
import type { WalSync } from './sqlite-wal-sync.ts'

/** What the writer needs. */
export interface SqliteInboxWriterDeps {
  readonly database: SqliteDatabase.Database
  readonly wal: WalSync
  /** Runs `work` while holding the connection, so no other transaction interleaves with it. */
  readonly exclusive: <T>(work: () => T) => Promise<T>
}

/** Writes inbox items durably, resolving with one outcome per item once they are on disk. */
export type SqliteInboxWriter = (items: readonly InboxItem[]) => Promise<EnqueueOutcome[]>

/** Creates the writer; its statements are prepared on first use (after migrations). */
export function createSqliteInboxWriter(deps: SqliteInboxWriterDeps): SqliteInboxWriter {
  const { database, wal } = deps
  let statements: ReturnType<typeof prepare> | undefined

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

  return async (items) => {
    if (items.length === 0) return []
    const handle = await wal.handle()
    const outcomes = await deps.exclusive(() => write(items, handle !== undefined))
    // The commit frame is in the WAL (written, not yet synced): sync it before anyone is told.
    if (handle !== undefined) await wal.syncAfterCommit(handle)
    return outcomes
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
