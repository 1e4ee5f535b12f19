/**
 * Issue 23 acceptance: a central site on PostgreSQL (its own schema) with a primary and a
 * secondary on SQLite under it, all running in-process on loopback. Every site runs its
 * component status summarizer and its site-system poll; no site logs an error, and the central
 * site's summaries list the central site itself beside the sites below it. Before the summary
 * keys were JSON arrays, every save at the central site failed with PostgreSQL's 22021 (NUL in
 * text) and its site-system summary showed only its children. The SQLite pass runs the same
 * hierarchy with the central site on SQLite.
 */
import type { SiteStore } from '@sitrep/store'
import { afterEach, expect, it } from 'vitest'
import type { RunningSite } from '../../src/start-site.ts'
import { startSite } from '../../src/start-site.ts'
import type { SiteLog } from '../helpers/site-log.ts'
import { describeEachEngine } from '../helpers/engines.ts'
import { waitFor } from '../helpers/site-process.ts'
import { childConfig, freePort, inboxMessages, parentConfig, replicationRules } from './linked-sites.ts'

interface StorageObjectRow {
  readonly siteCode: string
  readonly siteSystem: string
  readonly status: string
}
interface ComponentRow {
  readonly siteCode: string
  readonly component: string
  readonly warnings: number
}
interface SiteRow {
  readonly siteCode: string
  readonly parentSiteCode: string | null
}

describeEachEngine('a central site over a primary and a secondary', (engine) => {
  const running: RunningSite[] = []
  afterEach(async () => {
    for (const site of running.splice(0)) await site.stop()
  })

  // The secondary's 12 warnings are counted once at the central site: before replicated copies
  // were left to the child's summaries, this test now and then saw 24 (replicated-counts.test.ts
  // pins that order down).
  it(
    "runs every site's summarizers and polls without an error, and the central site's summaries include itself",
    { timeout: 150_000 },
    async () => {
      const dir = engine.tempDir('central-summaries')
      const ports = { cas: await freePort(), ps1: await freePort() }
      const logs: Record<'CAS' | 'PS1' | 'SS1', SiteLog> = {
        CAS: engine.siteLog('CAS'),
        PS1: engine.siteLog('PS1'),
        SS1: engine.siteLog('SS1'),
      }
      const start = async (
        config: Parameters<typeof startSite>[0],
        log: SiteLog,
        options: { readonly store?: SiteStore } = {},
      ): Promise<RunningSite> => {
        const site = await startSite(config, { logger: log.logger, ...options })
        running.push(site)
        return site
      }

      // The central site on the engine of this pass; the primary and the secondary on SQLite.
      const cas = await start(parentConfig(dir, 'CAS', ports.cas), logs.CAS, await engine.siteOptions())
      await cas.store.saveRules(replicationRules({}))
      const toCas = childConfig(dir, 'PS1', { siteCode: 'CAS', port: ports.cas, summaryIntervalSeconds: 1 })
      const ps1 = await start(parentConfig(dir, 'PS1', ports.ps1, { parent: toCas.parent }), logs.PS1)
      await ps1.store.saveRules(replicationRules({ warning: 'medium', error: 'high' }))
      const ss1 = await start(
        childConfig(dir, 'SS1', { siteCode: 'PS1', port: ports.ps1, summaryIntervalSeconds: 1 }),
        logs.SS1,
      )
      await ss1.store.saveRules(replicationRules({ warning: 'medium', error: 'high' }))

      // Warnings at the secondary travel up; the central site has warnings of its own.
      await ss1.store.enqueueInbox(inboxMessages('Backup', 'warning', 0, 12))
      await cas.store.enqueueInbox(inboxMessages('Central Database', 'warning', 100, 3))
      await waitFor(
        async () => {
          await cas.statusManager.drain()
          return (await cas.store.countMessages({ component: 'Backup' })) === 12
        },
        "the secondary's warnings to reach the central site",
        30_000,
      )

      for (const site of [ss1, ps1, cas]) {
        await site.statusManager.drain()
        await site.summarizers.runComponents()
        await site.summarizers.pollSiteSystems()
      }
      // Each site's summaries go up with its next summaries (every second here).
      await waitFor(
        async () => {
          const { objects } = await get<{ objects: StorageObjectRow[] }>(
            cas,
            '/api/v1/summaries/site-systems',
          )
          const codes = new Set(objects.map((o) => o.siteCode))
          // The secondary's counts travel with its summaries, not with the replicated copies.
          const { components } = await get<{ components: ComponentRow[] }>(
            cas,
            '/api/v1/summaries/components',
          )
          const backup = components.find((c) => c.siteCode === 'SS1' && c.component === 'Backup')
          return codes.has('CAS') && codes.has('PS1') && codes.has('SS1') && (backup?.warnings ?? 0) >= 12
        },
        "the central site to list the storage objects of every site and the secondary's warnings",
        30_000,
      )
      // Once more after the summaries arrived: the runs now see children's rows too.
      await cas.summarizers.runComponents()
      await cas.summarizers.pollSiteSystems()

      const { objects } = await get<{ objects: StorageObjectRow[] }>(cas, '/api/v1/summaries/site-systems')
      const own = objects.filter((o) => o.siteCode === 'CAS')
      expect(own.length).toBeGreaterThan(0)
      expect(own.every((o) => o.siteSystem !== '' && o.status !== '')).toBe(true)

      const { components } = await get<{ components: ComponentRow[] }>(cas, '/api/v1/summaries/components')
      expect(components).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ siteCode: 'CAS', component: 'Central Database', warnings: 3 }),
          expect.objectContaining({ siteCode: 'SS1', component: 'Backup', warnings: 12 }),
        ]),
      )

      const { sites } = await get<{ sites: SiteRow[] }>(cas, '/api/v1/summaries/sites')
      expect(sites.map((s) => [s.siteCode, s.parentSiteCode])).toEqual([
        ['CAS', null],
        ['PS1', 'CAS'],
        ['SS1', 'PS1'],
      ])

      // No site logged an error (the engine's guard checks the same after the test, by name).
      expect({
        CAS: logs.CAS.unexpectedErrors().map((l) => l.line),
        PS1: logs.PS1.unexpectedErrors().map((l) => l.line),
        SS1: logs.SS1.unexpectedErrors().map((l) => l.line),
      }).toEqual({ CAS: [], PS1: [], SS1: [] })
    },
  )
})

async function get<T>(site: RunningSite, path: string): Promise<T> {
  const reply = await fetch(`${site.url}${path}`, { headers: { authorization: `Bearer ${site.adminToken}` } })
  expect(reply.status).toBe(200)
  // The documented reply shapes of docs/api.md; the assertions check the fields they read.
  return (await reply.json()) as T
}
