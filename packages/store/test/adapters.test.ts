import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import SqliteDatabase from 'better-sqlite3'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createPostgresStore, createSqliteStore, openStore, redactUrl } from '../src/index.ts'
import {
  checkPostgres,
  createTestPostgresStore,
  isPostgresRequired,
  queryPostgres,
} from './helpers/postgres.ts'
import { T0, makeInboxItem } from './helpers/messages.ts'

const probe = await checkPostgres()

describe('createSqliteStore', () => {
  let dir = ''
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'sitrep-store-'))
  })
  afterEach(() => {
    rmSync(dir, { recursive: true, force: true })
  })

  it('keeps committed data in the file across reopen, in WAL mode with synchronous=FULL', async () => {
    const filename = join(dir, 'site.db')
    const first = await createSqliteStore({ filename })
    await first.enqueueInbox([makeInboxItem(T0)])
    await first.close()
    const raw = new SqliteDatabase(filename, { readonly: true })
    expect(raw.pragma('journal_mode', { simple: true })).toBe('wal')
    raw.close()
    const second = await openStore(filename)
    expect(second.dialect).toBe('sqlite')
    expect(await second.inboxSize()).toBe(1)
    await second.close()
  })

  it('answers store_unavailable, naming the file, when it cannot be opened', async () => {
    const filename = join(dir, 'missing', 'site.db')
    await expect(createSqliteStore({ filename })).rejects.toMatchObject({
      code: 'store_unavailable',
      // Vitest's asymmetric matchers are typed `any`; `unknown` keeps lint quiet and changes nothing.
      message: expect.stringContaining(filename) as unknown,
    })
  })

  it('answers corrupt_row for a stored rule that no longer parses', async () => {
    const filename = join(dir, 'site.db')
    const store = await createSqliteStore({ filename })
    await store.saveRules([{ id: 'r1', name: 'All', enabled: true, criteria: {}, actions: {} }])
    await store.close()
    const raw = new SqliteDatabase(filename)
    raw.prepare(`update filter_rules set rule_json = '{"id":"r1","name":"","enabled":true}'`).run()
    raw.close()
    const reopened = await createSqliteStore({ filename })
    await expect(reopened.listRules()).rejects.toMatchObject({ code: 'corrupt_row' })
    await reopened.close()
  })
})

describe('createPostgresStore', () => {
  it('answers store_unavailable without the password when the server is unreachable', async () => {
    const url = 'postgres://sitrep:secret@127.0.0.1:1/none'
    const error: unknown = await createPostgresStore({ connectionString: url }).catch((e: unknown) => e)
    expect(error).toMatchObject({ code: 'store_unavailable' })
    expect(String(error)).toContain('127.0.0.1:1')
    expect(String(error)).not.toContain('secret')
  })

  it('refuses a schema name it would have to quote', async () => {
    await expect(
      createPostgresStore({ connectionString: 'postgres://127.0.0.1:1/x', schema: 'a"; drop' }),
    ).rejects.toMatchObject({ code: 'invalid_argument' })
  })

  it('redacts passwords from URLs', () => {
    expect(redactUrl('postgres://u:pw@h:5432/d')).toBe('postgres://u:***@h:5432/d')
  })

  it.runIf(probe.reachable || isPostgresRequired())(
    'opens in its own schema and migrates only once',
    async () => {
      const test = await createTestPostgresStore()
      try {
        const again = await createPostgresStore({
          connectionString: test.url,
          schema: test.schema,
          poolSize: 1,
        })
        await again.close()
        const rows = await queryPostgres<{ name: string }>(
          test.url,
          test.schema,
          'select name from kysely_migration',
        )
        // Each migration ran once, in name order; other issues add their own numbers in between.
        const names = rows.map((r) => r.name)
        expect(names).toEqual([...new Set(names)].sort())
        expect(names).toEqual(
          expect.arrayContaining([
            '0001-initial',
            '0002-clients-and-state-messages',
            '0003-summaries-and-queries',
            '0004-users-and-sessions',
            '0005-site-links',
            '0007-summary-keys',
            '0007-state-message-reports',
            '0010-applications-and-content',
            '0011-collections',
            '0012-deployments',
            '0013-client-facts',
          ]),
        )
        const tables = await queryPostgres<{ n: string }>(
          test.url,
          test.schema,
          `select count(*) as n from pg_tables where schemaname = $1 and tablename = 'inbox'`,
          [test.schema],
        )
        expect(tables[0]?.n).toBe('1')
      } finally {
        await test.cleanup()
      }
    },
  )
})
