import { mkdtempSync, rmSync } from 'node:fs'
import type { FileHandle } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import SqliteDatabase from 'better-sqlite3'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createSqliteStore } from '../src/index.ts'
import { Kysely, SqliteDialect } from 'kysely'
import type { Database } from '../src/schema.ts'
import type { InboxItem } from '../src/site-store.ts'
import { createSqliteRowWriter } from '../src/sqlite-row-writer.ts'
import { createDurableTransaction, createWalSync } from '../src/sqlite-wal-sync.ts'
import { T0, makeInboxItem } from './helpers/messages.ts'

describe('SQLite commits', () => {
  let dir = ''
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'sitrep-inbox-writer-'))
  })
  afterEach(() => {
    rmSync(dir, { recursive: true, force: true })
  })

  it('resolve only after the WAL file is synced', async () => {
    const filename = join(dir, 'site.db')
    const gate: { hold?: Promise<void> } = {}
    let syncs = 0
    const store = await createSqliteStore({
      filename,
      syncFile: async (handle: FileHandle) => {
        syncs += 1
        await gate.hold
        await handle.datasync()
      },
    })
    // The first commit may find no WAL file yet and commit with synchronous=FULL instead.
    await store.enqueueInbox([makeInboxItem(T0)])
    let release = (): void => undefined
    gate.hold = new Promise<void>((resolve) => {
      release = resolve
    })
    const before = syncs
    let resolved = false
    const pending = store.enqueueInbox([makeInboxItem(T0 + 1)]).then((outcomes) => {
      resolved = true
      return outcomes
    })
    await new Promise((r) => setTimeout(r, 50))
    expect(syncs).toBe(before + 1)
    expect(resolved).toBe(false)
    release()
    expect(await pending).toEqual(['accepted'])
    await store.close()
  })

  it('of a write transaction resolve only after the WAL file is synced', async () => {
    const gate: { hold?: Promise<void> } = {}
    const store = await createSqliteStore({
      filename: join(dir, 'site.db'),
      syncFile: async (handle: FileHandle) => {
        await gate.hold
        await handle.datasync()
      },
    })
    expect(await store.allocateSequence('xml:client-1', 1)).toBe(1)
    let release = (): void => undefined
    gate.hold = new Promise<void>((resolve) => {
      release = resolve
    })
    let resolved = false
    const pending = store.allocateSequence('xml:client-1', 1).then((n) => {
      resolved = true
      return n
    })
    await new Promise((r) => setTimeout(r, 50))
    expect(resolved).toBe(false)
    // The connection is free while the sync runs: reads do not wait for the disk.
    expect(await store.inboxSize()).toBe(0)
    release()
    expect(await pending).toBe(2)
    await store.close()
  })

  it('share a sync among concurrent commits, but never count on a sync that began before a commit', async () => {
    const gates: (() => void)[] = []
    const store = await createSqliteStore({
      filename: join(dir, 'site.db'),
      syncFile: async (handle: FileHandle) => {
        await new Promise<void>((resolve) => gates.push(resolve))
        await handle.datasync()
      },
    })
    const until = async (condition: () => boolean): Promise<void> => {
      for (let i = 0; i < 200 && !condition(); i++) await new Promise((r) => setTimeout(r, 5))
      expect(condition()).toBe(true)
    }
    // The first commit may find no WAL file yet; let it through either way.
    const warm = store.enqueueInbox([makeInboxItem(T0)])
    const opener = setInterval(() => gates.splice(0).forEach((open) => open()), 5)
    await warm
    clearInterval(opener)
    gates.length = 0

    const done: string[] = []
    const a = store.enqueueInbox([makeInboxItem(T0 + 1)]).then(() => done.push('a'))
    await until(() => gates.length === 1)
    const b = store.enqueueInbox([makeInboxItem(T0 + 2)]).then(() => done.push('b'))
    const c = store.enqueueInbox([makeInboxItem(T0 + 3)]).then(() => done.push('c'))
    await new Promise((r) => setTimeout(r, 30))
    // b and c committed while the first sync ran: they wait for the next one, one for both.
    expect(gates).toHaveLength(1)
    gates[0]?.()
    await a
    await until(() => gates.length === 2)
    expect(done).toEqual(['a'])
    gates[1]?.()
    await Promise.all([b, c])
    expect(done.sort()).toEqual(['a', 'b', 'c'])
    expect(gates).toHaveLength(2)
    await store.close()
  })

  it('leave every other transaction of the connection at synchronous=FULL', async () => {
    const filename = join(dir, 'site.db')
    await (await createSqliteStore({ filename })).close()
    const database = new SqliteDatabase(filename)
    database.pragma('journal_mode = WAL')
    database.pragma('synchronous = FULL')
    database.prepare('insert into inbox_receipts (message_id, received_at) values (?, ?)').run('warm', T0)
    const wal = createWalSync(filename)
    const transaction = createDurableTransaction(
      new Kysely<Database>({ dialect: new SqliteDialect({ database }) }),
      database,
      wal,
    )
    const rows = createSqliteRowWriter(database)
    const enqueue = (items: readonly InboxItem[]) =>
      transaction(() => Promise.resolve(rows.insertInbox(items)))
    expect(await enqueue([makeInboxItem(T0)])).toEqual(['accepted'])
    expect(database.pragma('synchronous', { simple: true })).toBe(2) // FULL
    await wal.close()
    database.close()
  })

  it('answer duplicate for an ID seen before, in the same list or an earlier one, and store it once', async () => {
    const store = await createSqliteStore({ filename: join(dir, 'site.db') })
    const a = makeInboxItem(T0)
    const b = makeInboxItem(T0 + 1)
    expect(await store.enqueueInbox([a, b, a])).toEqual(['accepted', 'accepted', 'duplicate'])
    expect(await store.enqueueInbox([b])).toEqual(['duplicate'])
    expect(await store.inboxSize()).toBe(2)
    await store.close()
  })

  it('roll back the whole list when one insert fails, so nothing is half accepted', async () => {
    const filename = join(dir, 'site.db')
    const store = await createSqliteStore({ filename })
    const raw = new SqliteDatabase(filename)
    // A trigger that refuses one body stands in for a disk-full failure halfway through.
    raw.exec(
      `create trigger refuse_bad before insert on inbox when new.body = 'bad' begin select raise(abort, 'refused by test'); end`,
    )
    raw.close()
    const good = makeInboxItem(T0)
    const bad = { ...makeInboxItem(T0 + 1), body: 'bad' }
    await expect(store.enqueueInbox([good, bad])).rejects.toThrow(/refused by test/)
    expect(await store.inboxSize()).toBe(0)
    // The receipt of the good item was rolled back too, so its retry is accepted.
    expect(await store.enqueueInbox([good])).toEqual(['accepted'])
    await store.close()
  })

  it('work on an in-memory database, which has no WAL to sync', async () => {
    const store = await createSqliteStore({ filename: ':memory:' })
    expect(await store.enqueueInbox([makeInboxItem(T0)])).toEqual(['accepted'])
    expect(await store.inboxSize()).toBe(1)
    await store.close()
  })
})
