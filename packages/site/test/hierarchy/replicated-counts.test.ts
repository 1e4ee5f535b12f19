/**
 * A child's warnings are counted once at its parent, whatever arrives first: the child's
 * summaries (its counter rows, written as absolute values) or the replicated copies of the
 * messages. CAS ← PS1 on loopback, CAS on the engine of the pass. CAS's status manager is held
 * so the copies wait in its inbox until PS1's summaries have arrived, the order that made the
 * central site show a child's 12 warnings as 24 until the child's next summaries.
 */
import { afterEach, expect, it } from 'vitest'
import type { RunningSite } from '../../src/start-site.ts'
import { startSite } from '../../src/start-site.ts'
import { describeEachEngine } from '../helpers/engines.ts'
import { waitFor } from '../helpers/site-process.ts'
import { childConfig, freePort, inboxMessages, parentConfig, replicationRules } from './linked-sites.ts'

const COMPONENT = 'Backup'

interface ComponentRow {
  readonly siteCode: string
  readonly component: string
  readonly warnings: number
}

describeEachEngine("a child's replicated messages at its parent", (engine) => {
  const running: RunningSite[] = []
  afterEach(async () => {
    for (const site of running.splice(0)) await site.stop()
  })

  it("counts the child's warnings once when the copies are processed after the child's summaries", async () => {
    const dir = engine.tempDir('replicated-counts')
    const port = await freePort()
    const cas = await startSite(parentConfig(dir, 'CAS', port), {
      logger: engine.siteLog('CAS').logger,
      ...(await engine.siteOptions()),
    })
    running.push(cas)
    await cas.store.saveRules(replicationRules({}))
    // Held: what PS1 replicates stays in CAS's inbox until the test drains it.
    await cas.statusManager.stop()

    const ps1 = await startSite(
      childConfig(dir, 'PS1', { siteCode: 'CAS', port, summaryIntervalSeconds: 1 }),
      {
        logger: engine.siteLog('PS1').logger,
      },
    )
    running.push(ps1)
    await ps1.store.saveRules(replicationRules({ warning: 'medium' }))
    await ps1.store.enqueueInbox(inboxMessages(COMPONENT, 'warning', 0, 12))
    await ps1.statusManager.drain()

    await waitFor(
      async () => (await cas.store.inboxSize()) === 12 && (await warningsAt(cas)) === 12,
      "PS1's copies to wait in CAS's inbox and PS1's summaries to count its 12 warnings at CAS",
      20_000,
    )
    // No more summaries from PS1: what CAS shows now is its own doing.
    running.splice(running.indexOf(ps1), 1)
    await ps1.stop()

    await cas.statusManager.drain()
    expect(await cas.store.inboxSize()).toBe(0)
    expect(await cas.store.countMessages({ component: COMPONENT, siteCode: 'PS1' })).toBe(12)
    expect(await warningsAt(cas)).toBe(12)
  }, 60_000)
})

/** PS1's Backup warnings as `GET /api/v1/summaries/components` at `site` shows them. */
async function warningsAt(site: RunningSite): Promise<number | undefined> {
  const reply = await fetch(`${site.url}/api/v1/summaries/components`, {
    headers: { authorization: `Bearer ${site.adminToken}` },
  })
  expect(reply.status).toBe(200)
  // The documented reply shape of GET /api/v1/summaries/components (docs/api.md).
  const { components } = (await reply.json()) as { components: ComponentRow[] }
  return components.find((c) => c.siteCode === 'PS1' && c.component === COMPONENT)?.warnings
}
