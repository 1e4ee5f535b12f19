/**
 * The status manager of a real `sitrep up` process killed with SIGKILL mid-way through a full
 * inbox, then started again: every message is stored exactly once, on both engines (on
 * PostgreSQL the site runs in a database of its own). Neither process may log an error.
 */
import { writeFileSync } from 'node:fs'
import path from 'node:path'
import { newMessageId } from '@sitrep/protocol'
import type { InboxItem, SiteStore } from '@sitrep/store'
import { openStore } from '@sitrep/store'
import { beforeAll, expect, it } from 'vitest'
import { describeEachEngine } from './helpers/engines.ts'
import type { SiteProcess } from './helpers/site-process.ts'
import { startSiteProcess, waitFor } from './helpers/site-process.ts'

const TOTAL = 100_000
const COMPONENT = 'CrashTest'

/** The error-level lines (pino level 50 and up) a site process wrote to stderr. */
function errorLines(site: SiteProcess): string[] {
  return site
    .stderr()
    .split('\n')
    .filter((line) => {
      // A line cut short by SIGKILL is not JSON; it cannot be told apart, and is left out.
      try {
        const parsed = JSON.parse(line) as { level?: unknown }
        return typeof parsed.level === 'number' && parsed.level >= 50
      } catch {
        return false
      }
    })
}

describeEachEngine('the status manager killed with SIGKILL while it processes 100,000 messages', (engine) => {
  let configFile: string
  /** The site's database: its SQLite file, or its PostgreSQL database. */
  let databaseUrl: string

  beforeAll(async () => {
    const dir = engine.tempDir('crash')
    const configured = await engine.databaseUrl()
    databaseUrl = configured === '' ? path.join(dir, 'site-ps1.sqlite') : configured
    configFile = path.join(dir, 'sitrep.json')
    writeFileSync(
      configFile,
      JSON.stringify({
        dataDir: dir,
        ...(configured === '' ? {} : { databaseUrl: configured }),
        osLog: { mode: 'off' },
        statusManager: { idlePollMs: 20 },
      }),
    )
    // Fill the inbox before the site runs, as a management point would have.
    const store = await openStore(databaseUrl)
    const now = Date.now()
    for (let start = 0; start < TOTAL; start += 1000) {
      const items: InboxItem[] = []
      for (let i = start; i < start + 1000; i++) {
        const message = {
          id: newMessageId(now),
          origin: { kind: 'client', id: 'GUID:5b1c6a8e-0000-4000-8000-000000000001' },
          sequence: i + 1,
          severity: i % 10 === 0 ? 'error' : 'informational',
          messageType: 'milestone',
          messageId: i % 10 === 0 ? 39999 : 39997,
          module: 'SMS Provider',
          component: COMPONENT,
          machine: 'WKS-001',
          siteCode: 'PS1',
          createdAt: new Date(now).toISOString(),
          insertionStrings: [`message ${i}`],
          attributes: [{ id: 401, value: 'PS120001' }],
        }
        items.push({
          id: message.id,
          body: JSON.stringify(message),
          receivedAt: now,
          source: 'mp',
          trusted: true,
        })
      }
      await store.enqueueInbox(items)
    }
    expect(await store.inboxSize()).toBe(TOTAL)
    await store.close()
  }, 180_000)

  it('stores exactly 100,000 after a restart, none twice and none lost', async () => {
    const reader = await openStore(databaseUrl)
    const stored = (): Promise<number> => reader.countMessages({ component: COMPONENT })
    try {
      const first = await startSiteProcess({ configFile })
      // Kill it mid-way: some batches committed, the rest still in the inbox.
      await waitFor(async () => (await stored()) >= TOTAL / 4, 'a quarter of the messages to be stored')
      first.child.kill('SIGKILL')
      expect(await first.exited()).toBe('SIGKILL')
      const atKill = await stored()
      expect(atKill).toBeLessThan(TOTAL)

      const second = await startSiteProcess({ configFile })
      await waitFor(
        async () => (await reader.inboxSize()) === 0,
        'the inbox to empty after the restart',
        120_000,
      )
      second.child.kill('SIGTERM')
      await second.exited()
      expect(errorLines(first)).toEqual([])
      expect(errorLines(second)).toEqual([])

      expect(await stored()).toBe(TOTAL)
      expect(await distinctIds(reader)).toBe(TOTAL)
      expect(await reader.listQuarantine()).toEqual([])
    } finally {
      await reader.close()
    }
  }, 300_000)
})

async function distinctIds(store: SiteStore): Promise<number> {
  const ids = new Set<string>()
  let before: number | undefined
  for (;;) {
    const page = await store.listMessages({
      component: COMPONENT,
      limit: 1000,
      ...(before === undefined ? {} : { beforeRecordId: before }),
    })
    if (page.length === 0) return ids.size
    for (const message of page) ids.add(message.id)
    before = page[page.length - 1]?.recordId
  }
}
