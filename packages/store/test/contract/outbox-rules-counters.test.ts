import { expect, it } from 'vitest'
import type { FilterRule } from '@sitrep/core'
import type { OutboxEntryInput } from '../../src/index.ts'
import { HOUR_MS, T0 } from '../helpers/messages.ts'
import { createTestStores, describeEachStore } from '../helpers/test-stores.ts'

const adapters = await createTestStores()

const RULES: FilterRule[] = [
  {
    id: 'r-audit',
    name: 'Write audit messages to the database for 180 days',
    enabled: true,
    criteria: { messageType: 'audit' },
    actions: { writeToDatabase: true, daysToKeep: 180, stopProcessing: false },
  },
  {
    id: 'r-deploy',
    name: 'Replicate deployment 401=PS120001 to the parent (Ünïcode ✓)',
    enabled: false,
    criteria: {
      component: 'Software Distribution',
      attribute: { id: 401, value: 'PS120001' },
      messageId: 10008,
    },
    actions: { replicateToParent: true, replicationPriority: 'high', exportTo: ['webhook-a', 'syslog'] },
  },
  {
    id: 'r-all',
    name: 'Everything else',
    enabled: true,
    criteria: {},
    actions: { writeToDatabase: true, daysToKeep: 30 },
  },
]

describeEachStore(adapters, 'rules, outbox, loss ledger and component counts', (ctx) => {
  it('lists no rules until they are saved, then the saved list in order', async () => {
    expect(await ctx.store().listRules()).toEqual([])
    await ctx.store().saveRules(RULES)
    expect(await ctx.store().listRules()).toEqual(RULES)
    const reordered = [RULES[2], RULES[0]].filter((r) => r !== undefined)
    await ctx.store().saveRules(reordered)
    expect(await ctx.store().listRules()).toEqual(reordered)
    await ctx.store().saveRules([])
    expect(await ctx.store().listRules()).toEqual([])
  })

  const entry = (overrides: Partial<OutboxEntryInput>): OutboxEntryInput => ({
    kind: 'replicate',
    target: 'CAS',
    priority: 'medium',
    messageId: 'm',
    payload: '{"a":1}',
    createdAt: T0,
    ...overrides,
  })

  it('lists due outbox entries high lane first, then in order, and retries and completes them', async () => {
    await ctx
      .store()
      .transaction((tx) =>
        tx.enqueueOutbox([
          entry({ messageId: 'm1', priority: 'low' }),
          entry({ messageId: 'm2' }),
          entry({ messageId: 'm3', priority: 'high' }),
          entry({ messageId: 'm4' }),
          entry({ messageId: 'm5', kind: 'export', target: 'webhook-a', createdAt: T0 + 10 }),
        ]),
      )
    expect(await ctx.store().outboxSize()).toBe(5)
    expect(await ctx.store().outboxSize(['export'])).toBe(1)
    expect(await ctx.store().outboxSize([])).toBe(0)

    const due = await ctx.store().listDueOutbox({ kinds: ['replicate'], now: T0, limit: 10 })
    expect(due.map((e) => e.messageId)).toEqual(['m3', 'm2', 'm4', 'm1'])
    expect(due[0]).toMatchObject({
      ...entry({ messageId: 'm3', priority: 'high' }),
      attempts: 0,
      notBefore: T0,
    })
    expect(await ctx.store().listDueOutbox({ kinds: ['export'], now: T0 + 9, limit: 10 })).toEqual([])
    expect(await ctx.store().listDueOutbox({ kinds: ['replicate'], now: T0, limit: 2 })).toHaveLength(2)

    const m3 = due[0]?.seq ?? 0
    await ctx.store().retryOutbox(m3, T0 + 60_000)
    await ctx.store().retryOutbox(m3, T0 + 120_000)
    expect(
      (await ctx.store().listDueOutbox({ kinds: ['replicate'], now: T0, limit: 10 })).map((e) => e.messageId),
    ).toEqual(['m2', 'm4', 'm1'])
    const later = await ctx
      .store()
      .listDueOutbox({ kinds: ['replicate', 'export'], now: T0 + 120_000, limit: 10 })
    expect(later.map((e) => e.messageId)).toEqual(['m3', 'm2', 'm4', 'm5', 'm1'])
    expect(later[0]).toMatchObject({ attempts: 2, notBefore: T0 + 120_000 })

    await ctx.store().completeOutbox(later.slice(0, 4).map((e) => e.seq))
    expect(await ctx.store().outboxSize()).toBe(1)
  })

  it('adds to the loss ledger per site, origin and reason', async () => {
    await ctx.store().transaction((tx) =>
      tx.addLoss([
        { siteCode: 'PS1', origin: 'client:GUID:1', reason: 'not_kept', count: 2, at: T0 + 5 },
        { siteCode: 'PS1', origin: 'client:GUID:1', reason: 'not_kept', count: 1, at: T0 + 1 },
        { siteCode: 'PS1', origin: 'unknown', reason: 'quarantined', count: 1, at: T0 },
      ]),
    )
    await ctx
      .store()
      .transaction((tx) =>
        tx.addLoss([{ siteCode: 'PS1', origin: 'client:GUID:1', reason: 'not_kept', count: 4, at: T0 + 9 }]),
      )
    expect(await ctx.store().lossLedger()).toEqual([
      {
        siteCode: 'PS1',
        origin: 'client:GUID:1',
        reason: 'not_kept',
        count: 7,
        firstAt: T0 + 1,
        lastAt: T0 + 9,
      },
      { siteCode: 'PS1', origin: 'unknown', reason: 'quarantined', count: 1, firstAt: T0, lastAt: T0 },
    ])
  })

  it('upserts component counts and reads them by site and time', async () => {
    const delta = {
      siteCode: 'PS1',
      machine: 'SRV1',
      component: 'SMS_MP',
      hourStart: T0,
      severity: 'error' as const,
    }
    await ctx.store().transaction((tx) =>
      tx.addComponentCounts([
        { ...delta, count: 2 },
        { ...delta, count: 3 },
        { ...delta, severity: 'warning', count: 1 },
        { ...delta, hourStart: T0 + HOUR_MS, count: 1 },
        { ...delta, siteCode: 'CAS', count: 9 },
      ]),
    )
    await ctx.store().transaction((tx) => tx.addComponentCounts([{ ...delta, count: 10 }]))
    expect(await ctx.store().componentCounts({ siteCode: 'PS1' })).toEqual([
      { ...delta, count: 15 },
      { ...delta, severity: 'warning', count: 1 },
      { ...delta, hourStart: T0 + HOUR_MS, count: 1 },
    ])
    expect(await ctx.store().componentCounts({ since: T0 + HOUR_MS })).toEqual([
      { ...delta, hourStart: T0 + HOUR_MS, count: 1 },
    ])
    expect(await ctx.store().componentCounts({})).toHaveLength(4)
  })

  it('hands out sequence numbers per origin from 1, never twice', async () => {
    expect(await ctx.store().allocateSequence('site:PS1', 1)).toBe(1)
    expect(await ctx.store().allocateSequence('site:PS1', 5)).toBe(2)
    expect(await ctx.store().allocateSequence('site:CAS', 1)).toBe(1)
    const parallel = await Promise.all([1, 2, 3].map(() => ctx.store().allocateSequence('site:PS1', 1)))
    expect([...parallel].sort((a, b) => a - b)).toEqual([7, 8, 9])
    await expect(ctx.store().allocateSequence('site:PS1', 0)).rejects.toMatchObject({
      code: 'invalid_argument',
    })
  })

  it('hands out numbers for several requests in one call, an origin named twice getting two blocks', async () => {
    const firsts = await ctx.store().allocateSequences([
      { origin: 'xml:A', count: 1 },
      { origin: 'xml:B', count: 2 },
      { origin: 'xml:A', count: 3 },
    ])
    expect(firsts).toEqual([1, 1, 2])
    expect(await ctx.store().allocateSequence('xml:A', 1)).toBe(5)
    expect(await ctx.store().allocateSequences([])).toEqual([])
    await expect(ctx.store().allocateSequences([{ origin: 'xml:A', count: 1.5 }])).rejects.toMatchObject({
      code: 'invalid_argument',
    })
    // A refused call hands out nothing.
    expect(await ctx.store().allocateSequence('xml:A', 1)).toBe(6)
  })
})
