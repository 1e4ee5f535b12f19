/**
 * The path-down watch on a store of each engine (docs/hierarchy.md "Path down"): a child silent
 * past the timeout is marked unknown with its subtree and one 4800, and the mark clears (4801)
 * when it reports again.
 */
import type { SiteStore } from '@sitrep/store'
import { beforeEach, expect, it } from 'vitest'
import { createSiteReporter } from '../../src/reporting/site-reporter.ts'
import {
  LINK_RESTORED_MESSAGE_ID,
  SUBTREE_UNKNOWN_MESSAGE_ID,
  reportLinkRestored,
  watchChildrenOnce,
} from '../../src/links/watch-children.ts'
import { describeEachEngine } from '../helpers/engines.ts'

const T0 = Date.UTC(2025, 0, 15)
const MINUTE = 60_000
const KEY = Buffer.alloc(32, 3).toString('base64')

describeEachEngine('path down', (engine) => {
  let store: SiteStore
  let now = T0
  beforeEach(async () => {
    store = await engine.openStore()
    now = T0
  })

  it('marks a silent child and its subtree unknown with one message, and clears the mark when it returns', async () => {
    const clock = () => now
    const reporter = createSiteReporter({ store, siteCode: 'CAS', machine: 'SRV', processId: 1, clock })
    const deps = { store, reporter, clock, timeoutMs: 15 * MINUTE, logger: engine.siteLog('CAS').logger }
    await store.enrolChildLink({ siteCode: 'PS1', url: 'u', publicKey: KEY, approved: true, at: T0 })
    await store.touchSiteLink('child', 'PS1', T0)
    await store.setSiteLinkSubtree('PS1', [
      { siteCode: 'SS1', parentSiteCode: 'PS1' },
      { siteCode: 'SS2', parentSiteCode: 'PS1' },
    ])

    now = T0 + 10 * MINUTE
    expect(await watchChildrenOnce(deps)).toEqual([])
    now = T0 + 16 * MINUTE
    expect((await watchChildrenOnce(deps)).map((l) => l.siteCode)).toEqual(['PS1'])
    now = T0 + 30 * MINUTE
    expect(await watchChildrenOnce(deps)).toEqual([])
    expect((await store.getSiteLink('child', 'PS1'))?.unknownSince).toBe(T0 + 16 * MINUTE)

    const raised = await inboxBodies(store)
    expect(raised.filter((m) => m.messageId === SUBTREE_UNKNOWN_MESSAGE_ID)).toHaveLength(1)
    expect(raised[0]?.insertionStrings).toEqual(['PS1', new Date(T0).toISOString(), '2', 'SS1, SS2'])

    now = T0 + 40 * MINUTE
    const cleared = await store.touchSiteLink('child', 'PS1', now)
    expect(cleared).toBe(T0 + 16 * MINUTE)
    const link = await store.getSiteLink('child', 'PS1')
    if (link === undefined || cleared === null) throw new Error('the link and its mark are there')
    await reportLinkRestored(reporter, link, cleared, now)
    expect(link.unknownSince).toBeNull()
    const after = await inboxBodies(store)
    expect(after.map((m) => m.messageId)).toEqual([SUBTREE_UNKNOWN_MESSAGE_ID, LINK_RESTORED_MESSAGE_ID])
  })
})

async function inboxBodies(store: SiteStore): Promise<{ messageId: number; insertionStrings: string[] }[]> {
  return store.transaction(async (tx) => {
    const items = await tx.claimInbox({ max: 100, now: Number.MAX_SAFE_INTEGER })
    // Inbox bodies are the JSON form of status messages the reporter wrote.
    return items.map((i) => JSON.parse(i.body) as { messageId: number; insertionStrings: string[] })
  })
}
