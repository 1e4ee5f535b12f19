import { describe, expect, it } from 'vitest'
import { createSqliteStore } from '@sitrep/store'
import { createSequenceAllocator } from './create-sequence-allocator.ts'

describe('createSequenceAllocator', () => {
  it('numbers a burst of requests from 1 per origin in arrival order, in one store call', async () => {
    const store = await createSqliteStore({ filename: ':memory:' })
    const calls: number[] = []
    const allocator = createSequenceAllocator({
      allocateSequences: (requests) => {
        calls.push(requests.length)
        return store.allocateSequences(requests)
      },
    })
    const burst = await Promise.all(
      ['A', 'B', 'A', 'A', 'B'].map((origin) => allocator.next(`xml:${origin}`)),
    )
    expect(burst).toEqual([1, 1, 2, 3, 2])
    expect(calls).toEqual([2])
    expect(await allocator.next('xml:A')).toBe(4)
    await store.close()
  })

  it('rejects every request of a failed allocation and serves the next ones', async () => {
    let fail = true
    const allocator = createSequenceAllocator({
      allocateSequences: (requests) =>
        fail ? Promise.reject(new Error('disk full')) : Promise.resolve(requests.map(() => 10)),
    })
    const failed = await Promise.allSettled([allocator.next('xml:A'), allocator.next('xml:B')])
    expect(failed.map((r) => r.status)).toEqual(['rejected', 'rejected'])
    fail = false
    expect(await allocator.next('xml:A')).toBe(10)
  })
})
