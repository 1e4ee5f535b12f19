import type { OutboxEntryInput } from '../../src/index.ts'
import { expect, it } from 'vitest'
import { HOUR_MS, T0 } from '../helpers/messages.ts'
import { createTestStores, describeEachStore } from '../helpers/test-stores.ts'

const adapters = await createTestStores()
const KEY_A = Buffer.alloc(32, 1).toString('base64')
const KEY_B = Buffer.alloc(32, 2).toString('base64')

function replicate(
  messageId: string,
  priority: OutboxEntryInput['priority'],
  target = 'CAS',
): OutboxEntryInput {
  return { kind: 'replicate', target, priority, messageId, payload: '{}', createdAt: T0 }
}

describeEachStore(adapters, 'site links', (ctx) => {
  it('enrols a child pending without the secret and approves it when the secret comes', async () => {
    const store = ctx.store()
    const child = { siteCode: 'PS1', url: 'http://ps1', publicKey: KEY_A, at: T0 }
    expect(await store.enrolChildLink({ ...child, approved: false })).toMatchObject({
      direction: 'child',
      siteCode: 'PS1',
      status: 'pending',
      lastContactAt: null,
      unknownSince: null,
      subtree: [],
    })
    expect((await store.enrolChildLink({ ...child, approved: true })).status).toBe('approved')
    expect((await store.enrolChildLink({ ...child, approved: false })).status).toBe('approved')
  })

  it('puts a child that presents a new key back to pending', async () => {
    const store = ctx.store()
    await store.enrolChildLink({ siteCode: 'PS1', url: 'u', publicKey: KEY_A, approved: true, at: T0 })
    const again = await store.enrolChildLink({
      siteCode: 'PS1',
      url: 'u',
      publicKey: KEY_B,
      approved: false,
      at: T0,
    })
    expect(again).toMatchObject({ publicKey: KEY_B, status: 'pending' })
    expect(await store.setSiteLinkStatus('child', 'PS1', 'approved')).toMatchObject({ status: 'approved' })
    expect(await store.setSiteLinkStatus('child', 'XXX', 'approved')).toBeUndefined()
  })

  it('keeps one parent link and lists the parent before the children', async () => {
    const store = ctx.store()
    await store.saveParentLink({ siteCode: 'OLD', url: 'u', publicKey: KEY_A, status: 'pending', at: T0 })
    await store.saveParentLink({
      siteCode: 'CAS',
      url: 'http://cas',
      publicKey: KEY_A,
      status: 'approved',
      at: T0,
    })
    await store.enrolChildLink({ siteCode: 'SS1', url: 'u', publicKey: KEY_B, approved: true, at: T0 })
    const links = await store.listSiteLinks()
    expect(links.map((l) => [l.direction, l.siteCode, l.status])).toEqual([
      ['parent', 'CAS', 'approved'],
      ['child', 'SS1', 'approved'],
    ])
  })

  it('marks a silent child unknown once and lets exactly one contact clear the mark', async () => {
    const store = ctx.store()
    await store.enrolChildLink({ siteCode: 'PS1', url: 'u', publicKey: KEY_A, approved: true, at: T0 })
    await store.enrolChildLink({ siteCode: 'PS2', url: 'u', publicKey: KEY_B, approved: true, at: T0 })
    expect(await store.touchSiteLink('child', 'PS2', T0 + HOUR_MS)).toBeNull()
    const marked = await store.markSilentChildren(T0 + 30 * 60_000, T0 + HOUR_MS)
    expect(marked.map((l) => l.siteCode)).toEqual(['PS1'])
    expect(await store.markSilentChildren(T0 + 30 * 60_000, T0 + HOUR_MS + 1)).toEqual([])
    const [first, second] = await Promise.all([
      store.touchSiteLink('child', 'PS1', T0 + 2 * HOUR_MS),
      store.touchSiteLink('child', 'PS1', T0 + 2 * HOUR_MS),
    ])
    expect([first, second].filter((v) => v !== null)).toEqual([T0 + HOUR_MS])
    expect(await store.getSiteLink('child', 'PS1')).toMatchObject({
      unknownSince: null,
      lastContactAt: T0 + 2 * HOUR_MS,
    })
  })

  it('records acknowledgements, deferrals and the reported subtree', async () => {
    const store = ctx.store()
    await store.saveParentLink({ siteCode: 'CAS', url: 'u', publicKey: KEY_A, status: 'approved', at: T0 })
    await store.recordSiteLinkAck('parent', 'CAS', { lastAckedSeq: 9, sent: 5, at: T0 + 1 })
    await store.recordSiteLinkAck('parent', 'CAS', { lastAckedSeq: 4, sent: 2, at: T0 + 2 })
    await store.addSiteLinkDeferred('parent', 'CAS', 3)
    expect(await store.getSiteLink('parent', 'CAS')).toMatchObject({
      lastAckedSeq: 9,
      sentCount: 7,
      deferredCount: 3,
      lastContactAt: T0 + 2,
    })
    await store.enrolChildLink({ siteCode: 'PS1', url: 'u', publicKey: KEY_B, approved: true, at: T0 })
    await store.setSiteLinkSubtree('PS1', [{ siteCode: 'SS1', parentSiteCode: 'PS1' }])
    expect((await store.getSiteLink('child', 'PS1'))?.subtree).toEqual([
      { siteCode: 'SS1', parentSiteCode: 'PS1' },
    ])
  })

  it('lists replication entries high lane first, counts the backlog per lane, and filters lanes', async () => {
    const store = ctx.store()
    await store.transaction((tx) =>
      tx.enqueueOutbox([
        replicate('l1', 'low'),
        replicate('m1', 'medium'),
        replicate('h1', 'high'),
        replicate('l2', 'low'),
        replicate('x1', 'high', 'OTHER'),
      ]),
    )
    const all = await store.listReplicationDue({ target: 'CAS', now: T0, limit: 10 })
    expect(all.map((e) => e.messageId)).toEqual(['h1', 'm1', 'l1', 'l2'])
    const upper = await store.listReplicationDue({ target: 'CAS', now: T0, limit: 10, minPriority: 'medium' })
    expect(upper.map((e) => e.messageId)).toEqual(['h1', 'm1'])
    expect(await store.replicationBacklog('CAS')).toEqual({ high: 1, medium: 1, low: 2 })
  })

  it('writes component counts as absolute values, so a resent summary does not add up', async () => {
    const store = ctx.store()
    const row = {
      siteCode: 'SS1',
      machine: 'SRV',
      component: 'SMS_MP',
      hourStart: T0,
      severity: 'error' as const, // A literal of the Severity union.
      count: 7,
    }
    await store.setComponentCounts([row])
    await store.setComponentCounts([row, { ...row, count: 9 }])
    expect(await store.componentCounts({ siteCode: 'SS1' })).toEqual([{ ...row, count: 9 }])
  })
})
