import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import SqliteDatabase from 'better-sqlite3'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createSqliteStore } from '../src/index.ts'

describe('migration 0007-summary-keys', () => {
  let dir = ''
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'sitrep-keys-'))
  })
  afterEach(() => {
    rmSync(dir, { recursive: true, force: true })
  })

  it('rewrites summaries keys joined with NUL as JSON arrays and keeps their values', async () => {
    const filename = join(dir, 'site.db')
    const first = await createSqliteStore({ filename })
    await first.saveSummaries('component-state', [
      { key: 'PS1\u0000SERVER\u0000SMS_MP', valueJson: '{"old":true}', updatedAt: 1 },
      { key: 'plain', valueJson: '{"plain":true}', updatedAt: 1 },
    ])
    await first.saveSummaries('storage-state', [
      { key: 'SERVER\u0000/data\u0000disk', valueJson: '{"old":1}', updatedAt: 1 },
      { key: '["SERVER","/data","disk"]', valueJson: '{"new":2}', updatedAt: 2 },
    ])
    await first.close()
    // Make the database look as if it predates the migration, then open it again.
    const raw = new SqliteDatabase(filename)
    raw.prepare(`delete from kysely_migration where name = '0007-summary-keys'`).run()
    raw.close()

    const second = await createSqliteStore({ filename })
    try {
      const components = await second.listSummaries('component-state')
      expect(components.map((e) => [e.key, e.valueJson]).sort()).toEqual([
        ['["PS1","SERVER","SMS_MP"]', '{"old":true}'],
        ['plain', '{"plain":true}'],
      ])
      // Where a row under the new key exists already, it is the newer one and stays.
      const storage = await second.listSummaries('storage-state')
      expect(storage.map((e) => [e.key, e.valueJson])).toEqual([['["SERVER","/data","disk"]', '{"new":2}']])
    } finally {
      await second.close()
    }
  })
})
