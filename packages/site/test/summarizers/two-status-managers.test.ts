/**
 * Issue 5, item 6: two status managers drain one inbox at once (on PostgreSQL each on its own
 * connection pool to the same schema, as two processes of a site; on SQLite sharing the site's
 * one connection, as two workers do); every message is stored once and the component summaries
 * count exactly what was sent, per component, machine and severity.
 */
import { DEFAULT_FILTER_RULES } from '@sitrep/core'
import type { Severity, StatusMessage } from '@sitrep/protocol'
import { createCatalogue, encodeStatusMessageJson, lookupMessage } from '@sitrep/protocol'
import type { SiteStore } from '@sitrep/store'
import type { Logger } from 'pino'
import { expect, it } from 'vitest'
import { createApp } from '../../src/http/create-app.ts'
import { createSiteReporter } from '../../src/reporting/site-reporter.ts'
import { createStatusManager } from '../../src/status-manager/status-manager.ts'
import type { StatusManager } from '../../src/status-manager/status-manager.ts'
import { readComponentSummaries } from '../../src/summarizers/component-summaries.ts'
import { defaultSummarizerSettings } from '../../src/summarizers/summarizer-settings.ts'
import { describeEachEngine } from '../helpers/engines.ts'
import { makeMessage } from '../helpers/messages.ts'

const NOW = Date.UTC(2026, 10, 21, 8, 30)
const TOKEN = 'two-workers-test-token-0123456789abcdefghijklmn'
const COMPONENTS = ['Backup', 'Inventory', 'Patching', 'Antivirus', 'Scheduler']
const MACHINES = ['SRV-01', 'SRV-02']
const SEVERITIES: readonly Severity[] = ['informational', 'warning', 'error']

/** 30 groups with distinct counts adding up to 5,000: 94, 99, …, 239, and 244 + 5 for the last. */
const groups = COMPONENTS.flatMap((component) =>
  MACHINES.flatMap((machine) => SEVERITIES.map((severity) => ({ component, machine, severity }))),
).map((g, index, all) => ({ ...g, count: 94 + 5 * index + (index === all.length - 1 ? 5 : 0) }))

function statusManagerOn(store: SiteStore, logger: Logger): StatusManager {
  const catalogue = createCatalogue()
  const clock = (): number => NOW
  const reporter = createSiteReporter({
    store,
    siteCode: 'PS1',
    machine: 'SITE-SERVER',
    processId: 1,
    clock,
    severityOf: (module, id) => lookupMessage(catalogue, module, id)?.severity,
  })
  return createStatusManager({
    store,
    reporter,
    site: { siteCode: 'PS1', parentSiteCode: null },
    settings: {
      workers: 1,
      batchSize: 100,
      idlePollMs: 50,
      futureThresholdMs: 300_000,
      selfReportIntervalMs: 3_600_000,
    },
    clock,
    logger,
    render: () => '',
    exportTargets: new Set(),
    cpuMicros: () => 0,
  })
}

describeEachEngine('two status managers at once', (engine) => {
  it('stores each of 5,000 messages exactly once and counts exactly what was sent per component, machine and severity', async () => {
    const first = await engine.openStore()
    const second = await engine.openStoreBeside(first)
    await first.saveRules(DEFAULT_FILTER_RULES)
    const sent: StatusMessage[] = []
    for (const g of groups) {
      for (let i = 0; i < g.count; i++) {
        sent.push(
          makeMessage({
            component: g.component,
            machine: g.machine,
            severity: g.severity,
            // Spread over 08:00–08:29, inside today's since-12am period, none in the future.
            createdAt: NOW - 30 * 60_000 + ((i * 7919) % (29 * 60_000)),
          }),
        )
      }
    }
    for (let i = 0; i < sent.length; i += 1000) {
      await first.enqueueInbox(
        sent.slice(i, i + 1000).map((m) => ({
          id: m.id,
          body: JSON.stringify(encodeStatusMessageJson(m)),
          receivedAt: NOW,
          source: 'mp',
          trusted: true,
        })),
      )
    }

    expect(sent).toHaveLength(5000)
    expect(await first.inboxSize()).toBe(5000)
    const a = statusManagerOn(first, engine.siteLog('worker-a').logger)
    const b = statusManagerOn(second, engine.siteLog('worker-b').logger)
    const [totalsA, totalsB] = await Promise.all([a.drain(), b.drain()])
    expect(await first.inboxSize()).toBe(0)
    // Both really worked: each stored part of the stream.
    expect(totalsA.stored).toBeGreaterThan(0)
    expect(totalsB.stored).toBeGreaterThan(0)
    expect(totalsA.stored + totalsB.stored).toBe(5000)

    expect(await first.countMessages()).toBe(5000)
    expect(new Set(await storedIds(second))).toEqual(new Set(sent.map((m) => m.id)))

    const settings = defaultSummarizerSettings('PS1')
    const direct = await readComponentSummaries(first, settings, { window: 'since-12am', now: NOW })
    const app = createApp({
      siteCode: 'PS1',
      siteName: 'Test',
      version: 'test',
      roles: [],
      api: {
        store: second,
        catalogue: createCatalogue(),
        adminToken: TOKEN,
        clock: () => NOW,
        summaries: {
          settings,
          reporter: { raise: () => Promise.reject(new Error('nothing is raised here')) },
          parentSiteCode: null,
        },
      },
    })
    try {
      const response = await app.inject({
        method: 'GET',
        url: '/api/v1/summaries/components?interval=since-12am',
        headers: { authorization: `Bearer ${TOKEN}` },
      })
      expect(response.statusCode).toBe(200)
      const body = response.json<{
        components: { component: string; machine: string; infos: number; warnings: number; errors: number }[]
      }>()
      expect(body.components).toHaveLength(10)
      for (const rows of [body.components, direct.rows]) {
        for (const component of COMPONENTS) {
          for (const machine of MACHINES) {
            const expected = (severity: Severity): number =>
              groups.find(
                (g) => g.component === component && g.machine === machine && g.severity === severity,
              )?.count ?? -1
            const found = rows.find((r) => r.component === component && r.machine === machine)
            expect(found, `${component} on ${machine}`).toMatchObject({
              infos: expected('informational'),
              warnings: expected('warning'),
              errors: expected('error'),
            })
          }
        }
      }
    } finally {
      await app.close()
    }
  }, 120_000)
})

/** The IDs of every stored message, page by page. */
async function storedIds(store: SiteStore): Promise<string[]> {
  const ids: string[] = []
  let before: number | undefined
  for (;;) {
    const page = await store.listMessages({
      limit: 1000,
      ...(before === undefined ? {} : { beforeRecordId: before }),
    })
    ids.push(...page.map((m) => m.id))
    if (page.length < 1000) return ids
    before = page.at(-1)?.recordId
  }
}
