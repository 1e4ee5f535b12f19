import { expect, it } from 'vitest'
import { createTestStores, describeEachStore } from '../helpers/test-stores.ts'
import { T0, makeInboxItem, makeMessage, toStore } from '../helpers/messages.ts'

const adapters = await createTestStores()

describeEachStore(adapters, 'inbox', (ctx) => {
  it('accepts new IDs and refuses duplicates, within a batch and across batches', async () => {
    const a = makeInboxItem()
    const b = makeInboxItem()
    expect(await ctx.store().enqueueInbox([a, b, a])).toEqual(['accepted', 'accepted', 'duplicate'])
    expect(await ctx.store().enqueueInbox([b, makeInboxItem()])).toEqual(['duplicate', 'accepted'])
    expect(await ctx.store().inboxSize()).toBe(3)
  })

  it('still refuses an ID after its inbox entry was processed and deleted', async () => {
    const item = makeInboxItem()
    await ctx.store().enqueueInbox([item])
    await ctx.store().transaction(async (tx) => {
      const claimed = await tx.claimInbox({ max: 10, now: T0 })
      await tx.deleteInbox(claimed.map((c) => c.id))
    })
    expect(await ctx.store().inboxSize()).toBe(0)
    expect(await ctx.store().enqueueInbox([item])).toEqual(['duplicate'])
    expect(await ctx.store().inboxSize()).toBe(0)
  })

  it('claims oldest first, at most max, with every field', async () => {
    const items = [1, 2, 3, 4, 5].map((i) => ({ ...makeInboxItem(T0 + i), trusted: i % 2 === 0 }))
    await ctx.store().enqueueInbox(items)
    const claimed = await ctx.store().transaction((tx) => tx.claimInbox({ max: 3, now: T0 + 10 }))
    expect(claimed.map((c) => c.id)).toEqual(items.slice(0, 3).map((i) => i.id))
    expect(claimed[1]).toMatchObject({ ...items[1], notBefore: T0 + 2 })
    expect(claimed[0]?.trusted).toBe(false)
    expect(claimed[0]?.seq).toBeLessThan(claimed[1]?.seq ?? 0)
  })

  it('does not claim items whose notBefore is still ahead', async () => {
    await ctx.store().enqueueInbox([makeInboxItem(T0 + 100)])
    expect(await ctx.store().transaction((tx) => tx.claimInbox({ max: 10, now: T0 + 99 }))).toEqual([])
    expect(await ctx.store().transaction((tx) => tx.claimInbox({ max: 10, now: T0 + 100 }))).toHaveLength(1)
  })

  it('defers items until a later time', async () => {
    const first = makeInboxItem()
    const second = makeInboxItem()
    await ctx.store().enqueueInbox([first, second])
    await ctx.store().transaction((tx) => tx.deferInbox([first.id], T0 + 300_000))
    const now = await ctx.store().transaction((tx) => tx.claimInbox({ max: 10, now: T0 + 1 }))
    expect(now.map((c) => c.id)).toEqual([second.id])
    const later = await ctx.store().transaction((tx) => tx.claimInbox({ max: 10, now: T0 + 300_000 }))
    expect(later.map((c) => c.id)).toEqual([first.id, second.id])
    expect(later[0]?.notBefore).toBe(T0 + 300_000)
  })

  it('moves unreadable items to quarantine with their reason, newest first', async () => {
    const bad1 = { ...makeInboxItem(T0), body: '{not json' }
    const bad2 = { ...makeInboxItem(T0 + 1), body: '[]', source: 'link:CAS', trusted: false }
    const good = makeInboxItem(T0 + 2)
    await ctx.store().enqueueInbox([bad1, bad2, good])
    await ctx.store().transaction(async (tx) => {
      await tx.quarantine(
        [
          { id: bad1.id, reason: 'body is not JSON' },
          { id: bad2.id, reason: 'body is not a message' },
        ],
        T0 + 5,
      )
      await tx.quarantine([{ id: bad2.id, reason: 'again' }], T0 + 6) // no longer in the inbox: no-op
    })
    expect(await ctx.store().inboxSize()).toBe(1)
    expect(await ctx.store().listQuarantine()).toEqual([
      {
        id: bad2.id,
        body: '[]',
        reason: 'body is not a message',
        source: 'link:CAS',
        receivedAt: T0 + 1,
        quarantinedAt: T0 + 5,
      },
      {
        id: bad1.id,
        body: '{not json',
        reason: 'body is not JSON',
        source: 'mp',
        receivedAt: T0,
        quarantinedAt: T0 + 5,
      },
    ])
    expect(await ctx.store().listQuarantine({ limit: 1 })).toHaveLength(1)
    expect(await ctx.store().enqueueInbox([bad1])).toEqual(['duplicate'])
  })

  it('commits nothing when the work throws', async () => {
    const item = makeInboxItem()
    await ctx.store().enqueueInbox([item])
    const failure = new Error('boom')
    await expect(
      ctx.store().transaction(async (tx) => {
        const claimed = await tx.claimInbox({ max: 10, now: T0 })
        await tx.saveMessages(toStore([makeMessage({ attributes: [{ id: 401, value: 'X' }] })]))
        await tx.addLoss([{ siteCode: 'PS1', origin: 'unknown', reason: 'not_kept', count: 1, at: T0 }])
        await tx.enqueueOutbox([
          {
            kind: 'export',
            target: 'x',
            priority: 'medium',
            messageId: item.id,
            payload: '{}',
            createdAt: T0,
          },
        ])
        await tx.addComponentCounts([
          { siteCode: 'PS1', machine: 'M', component: 'C', hourStart: T0, severity: 'error', count: 1 },
        ])
        await tx.deleteInbox(claimed.map((c) => c.id))
        throw failure
      }),
    ).rejects.toBe(failure)
    expect(await ctx.store().inboxSize()).toBe(1)
    expect(await ctx.store().countMessages()).toBe(0)
    expect(await ctx.store().lossLedger()).toEqual([])
    expect(await ctx.store().outboxSize()).toBe(0)
    expect(await ctx.store().componentCounts({})).toEqual([])
  })

  it('gives two claiming transactions started together disjoint batches', async () => {
    await ctx.store().enqueueInbox([1, 2, 3, 4, 5, 6].map((i) => makeInboxItem(T0 + i)))
    const claim = () =>
      ctx.store().transaction(async (tx) => {
        const claimed = await tx.claimInbox({ max: 3, now: T0 + 10 })
        await tx.deleteInbox(claimed.map((c) => c.id))
        return claimed
      })
    const [a, b] = await Promise.all([claim(), claim()])
    const ids = [...a, ...b].map((c) => c.id)
    expect(new Set(ids).size).toBe(6)
    expect(await ctx.store().inboxSize()).toBe(0)
  })

  // PostgreSQL only: SQLite has one writer at a time, so no second worker can hold a claim
  // open beside the first; SKIP LOCKED is PostgreSQL's mechanism and only there to prove.
  it.runIf(ctx.kind === 'postgres')(
    'never lets a second worker claim what an open transaction holds (SKIP LOCKED)',
    async () => {
      const items = [1, 2, 3, 4].map((i) => makeInboxItem(T0 + i))
      await ctx.store().enqueueInbox(items)
      let firstClaimed!: () => void // assigned synchronously by the Promise constructor
      const claimedByFirst = new Promise<void>((resolve) => (firstClaimed = resolve))
      let releaseFirst!: () => void // assigned synchronously by the Promise constructor
      const secondDone = new Promise<void>((resolve) => (releaseFirst = resolve))
      const first = ctx.store().transaction(async (tx) => {
        const claimed = await tx.claimInbox({ max: 2, now: T0 + 10 })
        firstClaimed()
        await secondDone // keep the row locks until the second worker has claimed
        await tx.deleteInbox(claimed.map((c) => c.id))
        return claimed
      })
      await claimedByFirst
      const second = await ctx.store().transaction((tx) => tx.claimInbox({ max: 4, now: T0 + 10 }))
      releaseFirst()
      const firstIds = (await first).map((c) => c.id)
      expect(firstIds).toEqual([items[0]?.id, items[1]?.id])
      expect(second.map((c) => c.id)).toEqual([items[2]?.id, items[3]?.id])
    },
  )
})
