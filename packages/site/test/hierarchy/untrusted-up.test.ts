/**
 * Issue 12, item 2: a message taken by the unsigned fallback endpoint is untrusted wherever it
 * goes: stored so at the site that took it, shown so by its API, and replicated so to the parent,
 * while a message the child raised itself arrives at the parent trusted. The parent runs on the
 * engine of the pass, the child on SQLite; neither may log an error.
 */
import { newMessageId } from '@sitrep/protocol'
import { afterEach, expect, it } from 'vitest'
import { startSite } from '../../src/start-site.ts'
import type { RunningSite } from '../../src/start-site.ts'
import { describeEachEngine } from '../helpers/engines.ts'
import { waitFor } from '../helpers/site-process.ts'
import { childConfig, freePort, parentConfig, replicationRules } from './linked-sites.ts'

const COMPONENT = 'Unsigned Door'

describeEachEngine('trust of a message taken unsigned', (engine) => {
  const running: RunningSite[] = []
  afterEach(async () => {
    for (const site of running.splice(0)) await site.stop()
  })

  it('reads back trusted: false at the child and at its parent; a signed-door message stays trusted', async () => {
    const dir = engine.tempDir('untrusted')
    const parentPort = await freePort()
    const parent = await startSite(parentConfig(dir, 'PS1', parentPort), {
      logger: engine.siteLog('PS1').logger,
      ...(await engine.siteOptions()),
    })
    running.push(parent)
    await parent.store.saveRules(replicationRules({}))
    const linked = childConfig(dir, 'SS1', { siteCode: 'PS1', port: parentPort })
    const child = await startSite(
      { ...linked, mp: { ...linked.mp, allowUnsigned: true } },
      { logger: engine.siteLog('SS1').logger },
    )
    running.push(child)
    await child.store.saveRules(replicationRules({ informational: 'high' }))

    const message = {
      id: newMessageId(Date.now()),
      origin: { kind: 'client', id: 'GUID:5b1c6a8e-0000-4000-8000-00000000000c' },
      sequence: 1,
      severity: 'informational',
      messageType: 'milestone',
      messageId: 1,
      module: 'Acme Backup',
      component: COMPONENT,
      machine: 'WKS-012',
      createdAt: new Date().toISOString(),
      insertionStrings: ['taken without a signature'],
    }
    const posted = await fetch(`${child.url}/mp/v1/status/unsigned`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ messages: [message] }),
    })
    expect(posted.status).toBe(202)
    // A message from the child's own trusted path goes up alongside it.
    await child.reporter.raise({
      component: COMPONENT,
      messageId: 39997,
      severity: 'informational',
      insertionStrings: ['raised by the site itself'],
    })

    await waitFor(
      async () => (await parent.store.countMessages({ component: COMPONENT })) === 2,
      'the parent to store both messages',
      20_000,
    )
    const atChild = await apiMessages(child)
    expect(atChild.find((m) => m.id === message.id)).toMatchObject({ trusted: false })
    const atParent = await apiMessages(parent)
    expect(atParent.map((m) => [m.id === message.id ? 'unsigned' : 'own', m.trusted]).sort()).toEqual([
      ['own', true],
      ['unsigned', false],
    ])
    expect(await parent.store.countMessages({ component: COMPONENT, trusted: false })).toBe(1)
  }, 90_000)
})

async function apiMessages(site: RunningSite): Promise<{ id: string; trusted: boolean }[]> {
  const reply = await fetch(`${site.url}/api/v1/messages?component=${encodeURIComponent(COMPONENT)}`, {
    headers: { authorization: `Bearer ${site.adminToken}` },
  })
  expect(reply.status).toBe(200)
  // The documented reply of GET /api/v1/messages (docs/api.md).
  return ((await reply.json()) as { messages: { id: string; trusted: boolean }[] }).messages
}
