/**
 * Issue 7 acceptance (docs/hierarchy.md "Path down") inside running sites: CAS ← PS1 ← SS1 on
 * loopback, sharing one clock that the test moves forward. When PS1 stops and stays silent past
 * `links.childTimeoutMinutes`, CAS marks it — with SS1 under it — unknown and raises one 4800 for
 * the subtree; when PS1 comes back the mark clears and CAS raises one 4801. CAS runs on each
 * engine; PS1 and SS1 on SQLite.
 *
 * Issue 23: a site tells its parent about a child the moment the child enrols, not with its
 * next summaries (every 300 s by default), so a 4800 raised soon after names the whole subtree.
 */
import type { RunningSite } from '../../src/start-site.ts'
import { startSite } from '../../src/start-site.ts'
import type { SiteLinkView as LinkView } from '@sitrep/api'
import { LINK_RESTORED_MESSAGE_ID, SUBTREE_UNKNOWN_MESSAGE_ID } from '../../src/links/watch-children.ts'
import { afterEach, expect, it } from 'vitest'
import { describeEachEngine } from '../helpers/engines.ts'
import { waitFor } from '../helpers/site-process.ts'
import { childConfig, freePort, LINK_SECRET, parentConfig, replicationRules } from './linked-sites.ts'

const MINUTE = 60_000

describeEachEngine('path down between running sites', (engine) => {
  const running = new Set<RunningSite>()
  let offset = 0
  const clock = (): number => Date.now() + offset
  afterEach(async () => {
    for (const site of running) await site.stop()
    running.clear()
    offset = 0
  })
  const start = async (
    config: Parameters<typeof startSite>[0],
    options: { readonly onEngine?: boolean } = {},
  ): Promise<RunningSite> => {
    const site = await startSite(config, {
      clock,
      logger: engine.siteLog(config.siteCode).logger,
      ...(options.onEngine === true ? await engine.siteOptions() : {}),
    })
    running.add(site)
    return site
  }
  const stop = async (site: RunningSite): Promise<void> => {
    running.delete(site)
    await site.stop()
  }

  it('raises one 4800 for a silent subtree and one 4801 when it reports again', async () => {
    const sites = { dir: engine.tempDir('path-down') }
    const ports = { cas: await freePort(), ps1: await freePort() }
    const cas = await start(
      parentConfig(sites.dir, 'CAS', ports.cas, {
        links: { enrolmentSecrets: [LINK_SECRET], checkIntervalSeconds: 0.05 },
      }),
      { onEngine: true },
    )
    await cas.store.saveRules(replicationRules({}))
    const ps1Config = parentConfig(sites.dir, 'PS1', ports.ps1, {
      links: { enrolmentSecrets: [LINK_SECRET] },
      parent: childConfig(sites.dir, 'PS1', { siteCode: 'CAS', port: ports.cas, summaryIntervalSeconds: 1 })
        .parent,
    })
    const ps1 = await start(ps1Config)
    await start(childConfig(sites.dir, 'SS1', { siteCode: 'PS1', port: ports.ps1 }))

    // PS1 tells CAS about SS1 with its next summaries.
    await waitFor(
      async () =>
        (await cas.store.getSiteLink('child', 'PS1'))?.subtree.map((s) => s.siteCode).join() === 'SS1',
      'CAS to learn the subtree of PS1',
      20_000,
    )
    // PS1 stops, and 16 minutes pass at CAS. Its last contact is read once it can send no more.
    await stop(ps1)
    const lastContact = (await cas.store.getSiteLink('child', 'PS1'))?.lastContactAt ?? 0
    offset += 16 * MINUTE
    await waitFor(
      async () => (await cas.store.getSiteLink('child', 'PS1'))?.unknownSince != null,
      'CAS to mark PS1 unknown',
    )
    await waitFor(async () => (await count(cas, SUBTREE_UNKNOWN_MESSAGE_ID)) === 1, 'the 4800 to be stored')
    const [down] = await cas.store.listMessages({
      messageId: SUBTREE_UNKNOWN_MESSAGE_ID,
      siteCode: 'CAS',
      limit: 10,
    })
    expect(down).toMatchObject({ component: 'SMS_SITE_LINK_MANAGER', severity: 'warning', siteCode: 'CAS' })
    expect(down?.insertionStrings).toEqual(['PS1', new Date(lastContact).toISOString(), '1', 'SS1'])
    expect(await linkAt(cas, 'PS1')).toMatchObject({ state: 'unknown', subtree: ['SS1'] })
    expect((await linkAt(cas, 'PS1'))?.unknownSince).not.toBeNull()

    // PS1 comes back on its URL; its first contact clears the mark.
    await start(ps1Config)
    await waitFor(
      async () => (await cas.store.getSiteLink('child', 'PS1'))?.unknownSince === null,
      'CAS to clear the mark',
    )
    await waitFor(async () => (await count(cas, LINK_RESTORED_MESSAGE_ID)) === 1, 'the 4801 to be stored')
    expect(await linkAt(cas, 'PS1')).toMatchObject({ state: 'connected', unknownSince: null })
    // The watch kept running all along: still one 4800 per outage.
    expect(await count(cas, SUBTREE_UNKNOWN_MESSAGE_ID)).toBe(1)
    const [back] = await cas.store.listMessages({
      messageId: LINK_RESTORED_MESSAGE_ID,
      siteCode: 'CAS',
      limit: 10,
    })
    expect(back).toMatchObject({
      severity: 'informational',
      insertionStrings: ['PS1', expect.any(String), '2'],
    })
  }, 90_000)

  it('names the subtree in a 4800 raised right after a child joined, before any summary interval', async () => {
    const dir = engine.tempDir('enrol-then-silence')
    const ports = { cas: await freePort(), ps1: await freePort() }
    const cas = await start(
      parentConfig(dir, 'CAS', ports.cas, {
        links: { enrolmentSecrets: [LINK_SECRET], checkIntervalSeconds: 0.05 },
      }),
      { onEngine: true },
    )
    await cas.store.saveRules(replicationRules({}))
    // PS1 sends summaries at the default interval (300 s): only a subtree change sends them sooner.
    const ps1Parent = childConfig(dir, 'PS1', { siteCode: 'CAS', port: ports.cas }).parent
    expect(ps1Parent?.summaryIntervalSeconds).toBe(300)
    const ps1 = await start(
      parentConfig(dir, 'PS1', ports.ps1, { links: { enrolmentSecrets: [LINK_SECRET] }, parent: ps1Parent }),
    )
    await waitFor(
      async () => (await cas.store.getSiteLink('child', 'PS1'))?.status === 'approved',
      'PS1 to enrol at CAS',
    )
    // PS1 has sent its first summaries (no sites under it) before SS1 joins.
    await waitFor(
      async () => ((await cas.store.getSiteLink('child', 'PS1'))?.lastContactAt ?? null) !== null,
      'PS1 to report to CAS',
    )
    await start(childConfig(dir, 'SS1', { siteCode: 'PS1', port: ports.ps1 }))
    await waitFor(
      async () =>
        (await cas.store.getSiteLink('child', 'PS1'))?.subtree.map((s) => s.siteCode).join() === 'SS1',
      'PS1 to tell CAS about SS1 as soon as SS1 enrolled',
      20_000,
    )

    await stop(ps1)
    offset += 16 * MINUTE
    await waitFor(async () => (await count(cas, SUBTREE_UNKNOWN_MESSAGE_ID)) === 1, 'the 4800 to be stored')
    const [down] = await cas.store.listMessages({
      messageId: SUBTREE_UNKNOWN_MESSAGE_ID,
      siteCode: 'CAS',
      limit: 10,
    })
    expect(down?.insertionStrings.slice(2)).toEqual(['1', 'SS1'])
  }, 90_000)
})

/**
 * The site's own messages with `messageId`: a 4800 that PS1 raises about SS1 (PS1's clock jumps
 * too) and replicates up is PS1's, not CAS's.
 */
async function count(site: RunningSite, messageId: number): Promise<number> {
  await site.statusManager.drain()
  return site.store.countMessages({ messageId, siteCode: 'CAS' })
}

async function linkAt(site: RunningSite, siteCode: string): Promise<LinkView | undefined> {
  const reply = await fetch(`${site.url}/api/v1/links`, {
    headers: { authorization: `Bearer ${site.adminToken}` },
  })
  // The documented reply shape of GET /api/v1/links (docs/api.md).
  const body = (await reply.json()) as { links: LinkView[] }
  return body.links.find((l) => l.siteCode === siteCode)
}
