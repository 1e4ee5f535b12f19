/**
 * Issue 7 acceptance (docs/hierarchy.md "Path down") inside running sites: CAS ← PS1 ← SS1 on
 * loopback, sharing one clock that the test moves forward. When PS1 stops and stays silent past
 * `links.childTimeoutMinutes`, CAS marks it — with SS1 under it — unknown and raises one 4800 for
 * the subtree; when PS1 comes back the mark clears and CAS raises one 4801.
 */
import type { RunningSite } from '../../src/start-site.ts'
import { startSite } from '../../src/start-site.ts'
import type { SiteLinkView as LinkView } from '@sitrep/api'
import { LINK_RESTORED_MESSAGE_ID, SUBTREE_UNKNOWN_MESSAGE_ID } from '../../src/links/watch-children.ts'
import { afterAll, describe, expect, it } from 'vitest'
import { waitFor } from '../helpers/site-process.ts'
import {
  childConfig,
  freePort,
  LINK_SECRET,
  makeSitesDir,
  parentConfig,
  replicationRules,
} from './linked-sites.ts'

const MINUTE = 60_000

describe('path down between running sites', () => {
  const sites = makeSitesDir('path-down')
  const running = new Set<RunningSite>()
  let offset = 0
  const clock = (): number => Date.now() + offset
  afterAll(async () => {
    for (const site of running) await site.stop()
    sites.cleanup()
  })
  const start = async (config: Parameters<typeof startSite>[0]): Promise<RunningSite> => {
    const site = await startSite(config, { clock })
    running.add(site)
    return site
  }
  const stop = async (site: RunningSite): Promise<void> => {
    running.delete(site)
    await site.stop()
  }

  it('raises one 4800 for a silent subtree and one 4801 when it reports again', async () => {
    const ports = { cas: await freePort(), ps1: await freePort() }
    const cas = await start(
      parentConfig(sites.dir, 'CAS', ports.cas, {
        links: { enrolmentSecrets: [LINK_SECRET], checkIntervalSeconds: 0.05 },
      }),
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
    const lastContact = (await cas.store.getSiteLink('child', 'PS1'))?.lastContactAt ?? 0

    // PS1 stops, and 16 minutes pass at CAS.
    await stop(ps1)
    offset += 16 * MINUTE
    await waitFor(
      async () => (await cas.store.getSiteLink('child', 'PS1'))?.unknownSince != null,
      'CAS to mark PS1 unknown',
    )
    await waitFor(async () => (await count(cas, SUBTREE_UNKNOWN_MESSAGE_ID)) === 1, 'the 4800 to be stored')
    const [down] = await cas.store.listMessages({ messageId: SUBTREE_UNKNOWN_MESSAGE_ID, limit: 10 })
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
    const [back] = await cas.store.listMessages({ messageId: LINK_RESTORED_MESSAGE_ID, limit: 10 })
    expect(back).toMatchObject({
      severity: 'informational',
      insertionStrings: ['PS1', expect.any(String), '2'],
    })
  }, 30_000)
})

async function count(site: RunningSite, messageId: number): Promise<number> {
  await site.statusManager.drain()
  return site.store.countMessages({ messageId })
}

async function linkAt(site: RunningSite, siteCode: string): Promise<LinkView | undefined> {
  const reply = await fetch(`${site.url}/api/v1/links`, {
    headers: { authorization: `Bearer ${site.adminToken}` },
  })
  // The documented reply shape of GET /api/v1/links (docs/api.md).
  const body = (await reply.json()) as { links: LinkView[] }
  return body.links.find((l) => l.siteCode === siteCode)
}
