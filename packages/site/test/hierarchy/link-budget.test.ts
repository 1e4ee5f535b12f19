/**
 * The link byte budget at the sender (docs/hierarchy.md "Budget"): a child's sender with a real
 * store, a fake clock and a small `bytesPerSecond`, uploading to a real parent site on loopback
 * (the child's store and the parent on the engine of the pass). Over the budget, low entries wait (and the link counts them as deferred, as
 * `GET /api/v1/links` shows) while high and medium ones still go; once the budget refills the
 * low ones follow.
 */
import { createCatalogue } from '@sitrep/protocol'
import type { ReplicationPriority } from '@sitrep/core'
import type { InboxItem, SiteStore } from '@sitrep/store'
import { afterEach, expect, it } from 'vitest'
import { parseSiteConfig } from '../../src/config.ts'
import { createApp } from '../../src/http/create-app.ts'
import type { SiteLinkView as LinkView } from '@sitrep/api'
import { createLinkSender } from '../../src/links/link-sender.ts'
import type { LinkSender } from '../../src/links/link-sender.ts'
import { createSiteKey } from '../../src/links/site-key.ts'
import { startSite } from '../../src/start-site.ts'
import type { RunningSite } from '../../src/start-site.ts'
import { describeEachEngine } from '../helpers/engines.ts'
import { waitFor } from '../helpers/site-process.ts'
import { inboxMessages, LINK_SECRET, parentConfig, replicationRules } from './linked-sites.ts'

const COMPONENT = 'Budget'
const ADMIN_TOKEN = 'budget-test-admin-token-0123456789abcdef'

describeEachEngine('the byte budget of a link', (engine) => {
  let parent: RunningSite
  let store: SiteStore
  let now = Date.now()
  let sender: LinkSender
  let size = 0
  const stops: (() => Promise<void>)[] = []

  const start = async (): Promise<void> => {
    parent = await startSite(parentConfig(engine.tempDir('budget'), 'PS1', 0), {
      logger: engine.siteLog('PS1').logger,
      ...(await engine.siteOptions()),
    })
    stops.push(() => parent.stop())
    await parent.store.saveRules(replicationRules({}))
    store = await engine.openStore()
    // Every test message has about the same size; the budget is three of them per second.
    size = Math.max(
      ...inboxMessages(COMPONENT, 'informational', 0, 10).map((m) => Buffer.byteLength(m.body) + 1),
    )
    const config = parseSiteConfig({
      siteCode: 'SS1',
      parent: { url: parent.url, siteCode: 'PS1', secret: LINK_SECRET, bytesPerSecond: 3 * size },
    })
    if (config.parent === null) throw new Error('the configuration names a parent')
    sender = createLinkSender({
      store,
      siteCode: 'SS1',
      siteUrl: 'http://127.0.0.1:1',
      key: createSiteKey(),
      parent: config.parent,
      clock: () => now,
      logger: engine.siteLog('SS1').logger,
    })
    stops.push(() => sender.stop())
  }
  afterEach(async () => {
    for (const stop of stops.splice(0).reverse()) await stop()
  })

  let counter = 0
  const queue = async (priority: ReplicationPriority, count: number): Promise<InboxItem[]> => {
    const severity = priority === 'low' ? 'informational' : priority === 'medium' ? 'warning' : 'error'
    const items = inboxMessages(COMPONENT, severity, counter, count)
    counter += count
    await store.transaction((tx) =>
      tx.enqueueOutbox(
        items.map((m) => ({
          kind: 'replicate',
          target: 'PS1',
          priority,
          messageId: m.id,
          payload: m.body,
          createdAt: now,
        })),
      ),
    )
    return items
  }
  const atParent = async (): Promise<Set<string>> => {
    await parent.statusManager.drain()
    const stored = await parent.store.listMessages({ component: COMPONENT, limit: 1000 })
    return new Set(stored.map((m) => m.id))
  }
  const linkView = async (): Promise<LinkView | undefined> => {
    const app = createApp({
      siteCode: 'SS1',
      siteName: 'Budget child',
      version: '0.0.0',
      roles: [],
      api: { store, catalogue: createCatalogue(), adminToken: ADMIN_TOKEN, parentLink: sender },
    })
    const reply = await app.inject({
      method: 'GET',
      url: '/api/v1/links',
      headers: { authorization: `Bearer ${ADMIN_TOKEN}` },
    })
    await app.close()
    expect(reply.statusCode).toBe(200)
    // Typed as the documented reply shape of GET /api/v1/links (docs/api.md).
    return reply.json<{ links: LinkView[] }>().links[0]
  }

  it('holds low entries back over the budget while high and medium go, then sends them', async () => {
    await start()
    // A full bucket lets the first low upload through.
    const first = await queue('low', 2)
    expect(await sender.step()).toBe(0)
    expect(sender.state()).toBe('connected')
    expect(await atParent()).toEqual(new Set(first.map((m) => m.id)))

    // The bucket holds one message now: the low ones wait, high and medium go.
    const low = await queue('low', 3)
    const upper = [...(await queue('high', 2)), ...(await queue('medium', 1))]
    const wait = await sender.step()
    expect(wait).toBeGreaterThan(0)
    expect(await store.replicationBacklog('PS1')).toEqual({ high: 0, medium: 0, low: 3 })
    await waitFor(async () => (await atParent()).size === 5, 'the parent to store the upper lanes')
    expect(await atParent()).toEqual(new Set([...first, ...upper].map((m) => m.id)))
    expect(await linkView()).toMatchObject({
      direction: 'parent',
      siteCode: 'PS1',
      state: 'connected',
      backlog: { high: 0, medium: 0, low: 3 },
      sent: 5,
      deferredOverBudget: 3,
    })

    // Still in debt a moment later: held again, and counted again (per attempt).
    now += 100
    expect(await sender.step()).toBeGreaterThan(0)
    expect((await linkView())?.deferredOverBudget).toBe(6)
    expect(await store.replicationBacklog('PS1')).toEqual({ high: 0, medium: 0, low: 3 })

    // A second later the budget has refilled, and the low entries go.
    now += Math.max(wait, 1000) + 1000
    expect(await sender.step()).toBe(0)
    expect(await store.outboxSize(['replicate'])).toBe(0)
    const all = [...first, ...upper, ...low].map((m) => m.id)
    await waitFor(async () => (await atParent()).size === all.length, 'the parent to store the low entries')
    expect(await atParent()).toEqual(new Set(all))
    expect(await linkView()).toMatchObject({ sent: 8, deferredOverBudget: 6, throughputPerMinute: 8 })
  }, 60_000)
})
