/**
 * Issue 7 item 3 (docs/hierarchy.md "Summaries up") inside running sites: CAS ← PS1 on loopback.
 * PS1's own storage poll (with thresholds no disk meets, so its objects are critical) and a
 * deployment report at PS1 reach CAS with PS1's next summaries: CAS lists PS1's storage objects
 * under PS1, adds PS1's deployment counts to its own, and rolls PS1's critical status up.
 * CAS runs on the engine of the pass, PS1 on SQLite; neither may log an error.
 */
import { newMessageId } from '@sitrep/protocol'
import { afterEach, expect, it } from 'vitest'
import type { RunningSite } from '../../src/start-site.ts'
import { startSite } from '../../src/start-site.ts'
import { describeEachEngine } from '../helpers/engines.ts'
import { waitFor } from '../helpers/site-process.ts'
import { childConfig, freePort, LINK_SECRET, parentConfig } from './linked-sites.ts'

const CRITICAL_ALWAYS = {
  storage: {
    defaults: { warningPercent: 100, warningFreeKb: 2 ** 50, criticalPercent: 100, criticalFreeKb: 2 ** 50 },
    overrides: [],
  },
}

describeEachEngine('summaries up between running sites', (engine) => {
  const running: RunningSite[] = []
  afterEach(async () => {
    for (const site of running.splice(0)) await site.stop()
  })

  it("shows a child's storage objects, deployment counts and worst status at its parent", async () => {
    const dir = engine.tempDir('summaries-up')
    const port = await freePort()
    const cas = await startSite(
      parentConfig(dir, 'CAS', port, { links: { enrolmentSecrets: [LINK_SECRET] } }),
      {
        logger: engine.siteLog('CAS').logger,
        ...(await engine.siteOptions()),
      },
    )
    running.push(cas)
    const ps1Config = childConfig(dir, 'PS1', { siteCode: 'CAS', port, summaryIntervalSeconds: 1 })
    const ps1 = await startSite(
      { ...ps1Config, summarizers: { ...ps1Config.summarizers, ...CRITICAL_ALWAYS } },
      { logger: engine.siteLog('PS1').logger },
    )
    running.push(ps1)

    // A client at PS1 reports that deployment PS100001 succeeded (10008).
    const now = Date.now()
    const message = {
      id: newMessageId(now),
      origin: { kind: 'client', id: 'GUID:5b1c6a8e-0000-4000-8000-000000000009' },
      sequence: 1,
      severity: 'informational',
      messageType: 'milestone',
      messageId: 10008,
      module: 'SMS Client',
      component: 'Software Distribution',
      machine: 'PC-1',
      createdAt: new Date(now).toISOString(),
      insertionStrings: [],
      attributes: [{ id: 401, value: 'PS100001' }],
    }
    await ps1.store.enqueueInbox([
      { id: message.id, body: JSON.stringify(message), receivedAt: now, source: 'mp', trusted: true },
    ])
    await ps1.statusManager.drain()
    expect(await get(ps1, '/api/v1/summaries/deployments')).toMatchObject({
      deployments: [{ deploymentId: 'PS100001', succeeded: 1 }],
    })

    await waitFor(
      async () => {
        const body = await get<{ objects: { siteCode: string }[] }>(cas, '/api/v1/summaries/site-systems')
        const deployments = await get<{ deployments: unknown[] }>(cas, '/api/v1/summaries/deployments')
        return body.objects.some((o) => o.siteCode === 'PS1') && deployments.deployments.length > 0
      },
      "CAS to receive PS1's storage objects and deployments",
      20_000,
    )
    const objects = await get<{ objects: { siteCode: string; status: string }[] }>(
      cas,
      '/api/v1/summaries/site-systems',
    )
    const atPs1 = objects.objects.filter((o) => o.siteCode === 'PS1')
    expect(atPs1.length).toBeGreaterThan(0)
    expect(atPs1.every((o) => o.status === 'critical')).toBe(true)
    expect(objects.objects.filter((o) => o.siteCode === 'CAS').every((o) => o.status !== 'critical')).toBe(
      true,
    )

    expect(await get(cas, '/api/v1/summaries/deployments')).toMatchObject({
      deployments: [{ deploymentId: 'PS100001', targeted: 1, succeeded: 1, notYetReported: 0 }],
    })

    const { sites: rollUp } = await get<{
      sites: { siteCode: string; parentSiteCode: string | null; status: string; rolledUpStatus: string }[]
    }>(cas, '/api/v1/summaries/sites')
    expect(rollUp.find((s) => s.siteCode === 'PS1')).toMatchObject({
      parentSiteCode: 'CAS',
      status: 'critical',
      rolledUpStatus: 'critical',
    })
    expect(rollUp.find((s) => s.siteCode === 'CAS')).toMatchObject({
      parentSiteCode: null,
      rolledUpStatus: 'critical',
    })
  }, 90_000)
})

async function get<T = unknown>(site: RunningSite, path: string): Promise<T> {
  const reply = await fetch(`${site.url}${path}`, { headers: { authorization: `Bearer ${site.adminToken}` } })
  // The documented reply shapes of docs/api.md; the assertions check the fields they read.
  return (await reply.json()) as T
}
