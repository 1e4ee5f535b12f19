/**
 * Issue 7 acceptance (docs/hierarchy.md "Priority"): a child queues a backlog of low-priority
 * replication while its parent is down, then a few high-priority messages; when the parent comes
 * back on the same URL, the high lane overtakes the low backlog, and every message arrives once.
 * The parent runs on the engine of the pass, the child on SQLite; neither may log an error.
 */
import type { StoredMessage } from '@sitrep/store'
import { afterEach, expect, it } from 'vitest'
import { startSite } from '../../src/start-site.ts'
import type { RunningSite } from '../../src/start-site.ts'
import { describeEachEngine } from '../helpers/engines.ts'
import { waitFor } from '../helpers/site-process.ts'
import { childConfig, freePort, inboxMessages, parentConfig, replicationRules } from './linked-sites.ts'

const LOW = 3000
const HIGH = 50
const BATCH = 200
const COMPONENT = 'Lanes'

describeEachEngine('priority lanes after a reconnect', (engine) => {
  const running: RunningSite[] = []
  afterEach(async () => {
    for (const site of running.splice(0)) await site.stop()
  })

  it('sends the high lane before the low backlog once the parent is back, each message once', async () => {
    const dir = engine.tempDir('lanes')
    const parentPort = await freePort()
    const child = await startSite(
      childConfig(dir, 'SS1', { siteCode: 'PS1', port: parentPort, batchSize: BATCH }),
      { logger: engine.siteLog('SS1').logger },
    )
    running.push(child)
    await child.store.saveRules(replicationRules({ informational: 'low', error: 'high' }))

    // The parent is down: everything the rules replicate waits in the child's outbox.
    const low = inboxMessages(COMPONENT, 'informational', 0, LOW)
    await child.store.enqueueInbox(low)
    await child.statusManager.drain()
    const high = inboxMessages(COMPONENT, 'error', LOW, HIGH)
    await child.store.enqueueInbox(high)
    await child.statusManager.drain()
    await waitFor(
      async () => (await child.store.outboxSize(['replicate'])) === LOW + HIGH,
      'the child to queue every replicate entry',
    )
    expect(await child.store.replicationBacklog('PS1')).toEqual({ high: HIGH, medium: 0, low: LOW })

    const parent = await startSite(parentConfig(dir, 'PS1', parentPort), {
      logger: engine.siteLog('PS1').logger,
      ...(await engine.siteOptions()),
    })
    running.push(parent)
    await parent.store.saveRules(replicationRules({}))
    await waitFor(
      async () =>
        (await child.store.outboxSize(['replicate'])) === 0 &&
        (await parent.store.inboxSize()) === 0 &&
        (await parent.store.countMessages({ component: COMPONENT })) >= LOW + HIGH,
      'the parent to store the whole backlog',
      60_000,
    )

    const stored = (await allMessages(parent, COMPONENT)).sort((a, b) => a.recordId - b.recordId)
    expect(stored).toHaveLength(LOW + HIGH)
    const ids = stored.map((m) => m.id)
    expect(new Set(ids).size).toBe(LOW + HIGH)
    expect(new Set(ids)).toEqual(new Set([...low, ...high].map((m) => m.id)))
    expect(stored.every((m) => m.siteCode === 'SS1')).toBe(true)

    // The high lane went first: the first records at the parent are all the high messages,
    // in their outbox order, and they came in the first upload (one receivedAt).
    const first = stored.slice(0, HIGH)
    expect(first.map((m) => m.severity)).toEqual(Array.from({ length: HIGH }, () => 'error'))
    expect(first.map((m) => m.id)).toEqual(high.map((m) => m.id))
    const lastLow = lastOf(stored.filter((m) => m.severity === 'informational'))
    expect(Math.max(...first.map((m) => m.recordId))).toBeLessThan(lastLow.recordId)
    expect(new Set(first.map((m) => m.receivedAt)).size).toBe(1)
    // The low backlog took several uploads after that one.
    const lowUploads = new Set(stored.slice(HIGH).map((m) => m.receivedAt))
    expect(stored.slice(HIGH).every((m) => m.receivedAt >= (first[0]?.receivedAt ?? 0))).toBe(true)
    expect(lowUploads.size).toBeGreaterThan(1)

    const [link] = await child.store.listSiteLinks()
    expect(link).toMatchObject({ direction: 'parent', siteCode: 'PS1', status: 'approved' })
    expect(link?.sentCount).toBe(LOW + HIGH)
  }, 90_000)
})

async function allMessages(site: RunningSite, component: string): Promise<StoredMessage[]> {
  const all: StoredMessage[] = []
  for (;;) {
    const before = all.at(-1)?.recordId
    const page = await site.store.listMessages({
      component,
      limit: 1000,
      ...(before === undefined ? {} : { beforeRecordId: before }),
    })
    all.push(...page)
    if (page.length < 1000) return all
  }
}

function lastOf(messages: readonly StoredMessage[]): StoredMessage {
  const last = messages.at(-1)
  if (last === undefined) throw new Error('no messages')
  return last
}
