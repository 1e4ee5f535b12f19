import { describe, expect, it } from 'vitest'
import { deleteAgedMessages } from './delete-aged-messages.ts'

/** A store double that only counts calls: retention's batching is what is under test here. */
function storeWithAged(aged: number) {
  const calls: number[] = []
  let left = aged
  return {
    calls,
    store: {
      deleteAgedMessages: ({ limit }: { now: number; limit: number }) => {
        const deleted = Math.min(limit, left)
        left -= deleted
        calls.push(deleted)
        return Promise.resolve(deleted)
      },
    },
  }
}

describe('deleteAgedMessages', () => {
  it('deletes in batches until a batch comes back short', async () => {
    const { store, calls } = storeWithAged(2500)
    expect(await deleteAgedMessages(store, { now: 0, batchSize: 1000, maxBatches: 10 })).toBe(2500)
    expect(calls).toEqual([1000, 1000, 500])
  })

  it('stops after the maximum number of batches and leaves the rest for the next run', async () => {
    const { store, calls } = storeWithAged(10_000)
    expect(await deleteAgedMessages(store, { now: 0, batchSize: 1000, maxBatches: 3 })).toBe(3000)
    expect(calls).toHaveLength(3)
  })
})
