import { expect, it } from 'vitest'
import { partitionFor } from '../../src/index.ts'
import { DAY_MS, T0, makeMessage } from '../helpers/messages.ts'
import { createTestStores, describeEachStore } from '../helpers/test-stores.ts'

const adapters = await createTestStores()

describeEachStore(adapters, 'deleteAgedMessages', (ctx) => {
  const attrs = [{ id: 401, value: 'PS120001' }]

  it('deletes only expired messages, in bounded batches, with their attributes', async () => {
    const expired = Array.from({ length: 5 }, () => ({
      message: makeMessage({ attributes: attrs }),
      receivedAt: T0,
      deleteAfter: T0 + DAY_MS,
    }))
    const kept = [
      { message: makeMessage({ attributes: attrs }), receivedAt: T0, deleteAfter: T0 + 10 * DAY_MS },
      { message: makeMessage({ attributes: attrs }), receivedAt: T0, deleteAfter: null },
      // Exactly due is not yet past.
      { message: makeMessage({ attributes: attrs }), receivedAt: T0, deleteAfter: T0 + 2 * DAY_MS },
    ]
    await ctx.store().transaction((tx) => tx.saveMessages([...expired, ...kept]))
    const now = T0 + 2 * DAY_MS
    // The day is not over on either engine, so PostgreSQL deletes rows instead of dropping.
    expect(await ctx.store().deleteAgedMessages({ now: T0 + 2 * DAY_MS - 1, limit: 2 })).toBe(2)
    expect(await ctx.store().deleteAgedMessages({ now, limit: 2 })).toBe(2)
    expect(await ctx.store().deleteAgedMessages({ now, limit: 2 })).toBe(1)
    expect(await ctx.store().deleteAgedMessages({ now, limit: 2 })).toBe(0)
    expect(await ctx.store().countMessages()).toBe(3)
    expect(await ctx.store().countMessages({ attribute: { id: 401, value: 'PS120001' } })).toBe(3)
    const left = await ctx.store().listMessages({})
    expect(left.map((m) => m.id).sort()).toEqual(kept.map((k) => k.message.id).sort())
    expect(left.every((m) => m.attributes.length === 1)).toBe(true)
  })

  // PostgreSQL only: day partitions exist there; SQLite keeps one table (docs/storage.md).
  it.runIf(ctx.kind === 'postgres')(
    'drops a fully expired day partition and deletes rows from a partly expired one',
    async () => {
      const store = ctx.postgres()
      const day1 = T0
      const day2 = T0 + DAY_MS
      await store.transaction((tx) =>
        tx.saveMessages([
          ...[1, 2, 3].map((i) => ({
            message: makeMessage({ attributes: attrs }),
            receivedAt: day1 + i,
            deleteAfter: day1 + 2 * DAY_MS,
          })),
          { message: makeMessage({ attributes: attrs }), receivedAt: day2, deleteAfter: day2 + DAY_MS },
          {
            message: makeMessage({ attributes: attrs }),
            receivedAt: day2 + 5,
            deleteAfter: day2 + 30 * DAY_MS,
          },
        ]),
      )
      const names = async (): Promise<string[]> => (await store.listMessagePartitions()).map((p) => p.name)
      // Each day's partition and the next day's, created ahead.
      expect(await names()).toEqual([
        partitionFor(day1).name,
        partitionFor(day2).name,
        partitionFor(day2 + DAY_MS).name,
      ])

      const now = day2 + 3 * DAY_MS
      // limit 0: partition drops only; the partly expired day keeps all its rows.
      expect(await store.deleteAgedMessages({ now, limit: 0 })).toBe(3)
      expect(await names()).toEqual([partitionFor(day2).name])
      expect(await store.countMessages()).toBe(2)
      expect(await store.deleteAgedMessages({ now, limit: 10 })).toBe(1)
      expect(await names()).toEqual([partitionFor(day2).name])
      const [left] = await store.listMessages({})
      expect(left?.receivedAt).toBe(day2 + 5)
      expect(left?.attributes).toEqual(attrs)

      // A late message for a dropped day recreates its partition.
      await store.transaction((tx) =>
        tx.saveMessages([{ message: makeMessage(), receivedAt: day1, deleteAfter: null }]),
      )
      expect(await names()).toContain(partitionFor(day1).name)
      // Much later the 30-day message's partition goes too; one holding a message kept forever stays.
      expect(await store.deleteAgedMessages({ now: now + 100 * DAY_MS, limit: 0 })).toBe(1)
      expect(await names()).toEqual([partitionFor(day1).name])
      expect(await store.countMessages()).toBe(1)
    },
  )

  // PostgreSQL only, like the partition test above.
  it.runIf(ctx.kind === 'postgres')('prepares partitions ahead for a time range', async () => {
    const store = ctx.postgres()
    await store.preparePartitions({ from: T0, until: T0 + 3 * DAY_MS })
    expect((await store.listMessagePartitions()).map((p) => p.from)).toEqual([
      T0,
      T0 + DAY_MS,
      T0 + 2 * DAY_MS,
      T0 + 3 * DAY_MS,
    ])
  })
})
