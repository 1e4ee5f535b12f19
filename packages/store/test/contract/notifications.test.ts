import { expect, it } from 'vitest'
import type { OutboxEntryInput, SiteStore } from '../../src/index.ts'
import { T0 } from '../helpers/messages.ts'
import { createTestStores, describeEachStore } from '../helpers/test-stores.ts'

const adapters = await createTestStores()

const entry = (overrides: Partial<OutboxEntryInput>): OutboxEntryInput => ({
  kind: 'export',
  target: 'hooks',
  priority: 'medium',
  messageId: 'm',
  payload: '{"message":{},"text":"disk full"}',
  createdAt: T0,
  ...overrides,
})

async function queue(store: SiteStore, entries: readonly OutboxEntryInput[]): Promise<void> {
  await store.transaction((tx) => tx.enqueueOutbox(entries))
}

const loss = {
  siteCode: 'PS1',
  origin: 'outbox:export:hooks',
  reason: 'expired' as const,
  count: 1,
  at: T0 + 9,
}

describeEachStore(adapters, 'the notification record', (ctx) => {
  it('records each queued export as a queued notification numbered by its outbox entry, and nothing else', async () => {
    await queue(ctx.store(), [
      entry({ messageId: 'm1' }),
      entry({ messageId: 'm1', target: 'alerts' }),
      entry({ messageId: 'm2', kind: 'os-log', target: 'local' }),
      entry({ messageId: 'm3', kind: 'replicate', target: 'CAS' }),
    ])
    const due = await ctx.store().listDueOutbox({ kinds: ['export'], now: T0, limit: 10 })
    const records = await ctx.store().listNotifications()
    expect(records).toHaveLength(2)
    expect(new Set(records.map((r) => r.id))).toEqual(new Set(due.map((e) => e.seq)))
    expect(records.find((r) => r.target === 'alerts')).toEqual({
      id: due.find((e) => e.target === 'alerts')?.seq,
      kind: 'export',
      target: 'alerts',
      messageId: 'm1',
      createdAt: T0,
      state: 'queued',
      attempts: 0,
      lastAttemptAt: null,
      lastError: null,
      finishedAt: null,
      lossReason: null,
    })
  })

  it('records a failed attempt, reschedules the entry, then records the delivery and completes it', async () => {
    await queue(ctx.store(), [entry({ messageId: 'm1' })])
    const [due] = await ctx.store().listDueOutbox({ kinds: ['export'], now: T0, limit: 10 })
    const seq = due?.seq ?? 0
    await ctx.store().settleOutboxAttempt({
      seq,
      kind: 'export',
      attempt: 1,
      at: T0 + 1,
      outcome: 'failed',
      error: 'export target "hooks" answered HTTP 503',
      durationMs: 12,
      next: { kind: 'retry', notBefore: T0 + 1000 },
    })
    expect(await ctx.store().listDueOutbox({ kinds: ['export'], now: T0 + 999, limit: 10 })).toEqual([])
    expect(await ctx.store().listDueOutbox({ kinds: ['export'], now: T0 + 1000, limit: 10 })).toMatchObject([
      { seq, attempts: 1 },
    ])
    expect(await ctx.store().getNotification(seq)).toMatchObject({
      state: 'retrying',
      attempts: 1,
      lastAttemptAt: T0 + 1,
      lastError: 'export target "hooks" answered HTTP 503',
      finishedAt: null,
    })

    await ctx.store().settleOutboxAttempt({
      seq,
      kind: 'export',
      attempt: 2,
      at: T0 + 1001,
      outcome: 'delivered',
      error: null,
      durationMs: 3,
      next: { kind: 'complete' },
    })
    expect(await ctx.store().outboxSize()).toBe(0)
    expect(await ctx.store().getNotification(seq)).toEqual({
      id: seq,
      kind: 'export',
      target: 'hooks',
      messageId: 'm1',
      createdAt: T0,
      state: 'delivered',
      attempts: 2,
      lastAttemptAt: T0 + 1001,
      lastError: null,
      finishedAt: T0 + 1001,
      lossReason: null,
      payload: null,
      attemptLog: [
        {
          attempt: 1,
          at: T0 + 1,
          outcome: 'failed',
          error: 'export target "hooks" answered HTTP 503',
          durationMs: 12,
        },
        { attempt: 2, at: T0 + 1001, outcome: 'delivered', error: null, durationMs: 3 },
      ],
    })
    expect(await ctx.store().lossLedger()).toEqual([])
  })

  it('makes a dropped entry a dead letter that keeps its payload, and counts it in the loss ledger', async () => {
    await queue(ctx.store(), [entry({ messageId: 'm1' })])
    const [due] = await ctx.store().listDueOutbox({ kinds: ['export'], now: T0, limit: 10 })
    const seq = due?.seq ?? 0
    await ctx.store().settleOutboxAttempt({
      seq,
      kind: 'export',
      attempt: 1,
      at: T0 + 9,
      outcome: 'failed',
      error: 'connect ECONNREFUSED 127.0.0.1:9',
      durationMs: 1,
      next: { kind: 'drop', loss, reason: 'given up after 1 attempt: connect ECONNREFUSED 127.0.0.1:9' },
    })
    expect(await ctx.store().outboxSize()).toBe(0)
    expect(await ctx.store().getNotification(seq)).toMatchObject({
      state: 'dead_letter',
      lossReason: 'expired',
      lastError: 'given up after 1 attempt: connect ECONNREFUSED 127.0.0.1:9',
      finishedAt: T0 + 9,
      payload: entry({}).payload,
      attemptLog: [{ attempt: 1, outcome: 'failed', error: 'connect ECONNREFUSED 127.0.0.1:9' }],
    })
    expect(await ctx.store().lossLedger()).toMatchObject([
      { origin: 'outbox:export:hooks', reason: 'expired', count: 1 },
    ])
  })

  it('settles other kinds without recording them', async () => {
    await queue(ctx.store(), [entry({ kind: 'os-log', target: 'local' })])
    const [due] = await ctx.store().listDueOutbox({ kinds: ['os-log'], now: T0, limit: 10 })
    await ctx.store().settleOutboxAttempt({
      seq: due?.seq ?? 0,
      kind: 'os-log',
      attempt: 1,
      at: T0,
      outcome: 'delivered',
      error: null,
      durationMs: 0,
      next: { kind: 'complete' },
    })
    expect(await ctx.store().outboxSize()).toBe(0)
    expect(await ctx.store().listNotifications()).toEqual([])
  })

  it('lists notifications newest first, by target, state and message, a page at a time', async () => {
    await queue(ctx.store(), [
      entry({ messageId: 'm1' }),
      entry({ messageId: 'm2' }),
      entry({ messageId: 'm3', target: 'alerts' }),
    ])
    const all = await ctx.store().listNotifications()
    expect(all.map((r) => r.messageId)).toEqual(['m3', 'm2', 'm1'])
    const [first] = await ctx.store().listDueOutbox({ kinds: ['export'], now: T0, limit: 1 })
    await ctx.store().settleOutboxAttempt({
      seq: first?.seq ?? 0,
      kind: 'export',
      attempt: 1,
      at: T0,
      outcome: 'delivered',
      error: null,
      durationMs: 0,
      next: { kind: 'complete' },
    })
    const messages = async (query: Parameters<SiteStore['listNotifications']>[0]) =>
      (await ctx.store().listNotifications(query)).map((r) => r.messageId)
    expect(await messages({ target: 'hooks' })).toEqual(['m2', 'm1'])
    expect(await messages({ state: 'delivered' })).toEqual(['m1'])
    expect(await messages({ state: 'queued' })).toEqual(['m3', 'm2'])
    expect(await messages({ messageId: 'm3' })).toEqual(['m3'])
    expect(await messages({ limit: 2 })).toEqual(['m3', 'm2'])
    expect(await messages({ beforeId: all[1]?.id ?? 0 })).toEqual(['m1'])
    expect(await ctx.store().getNotification(9_999_999)).toBeUndefined()
  })
})
