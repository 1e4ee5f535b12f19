import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createSequenceAllocator } from './sequence-allocator.ts'

let dir: string
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'sitrep-seq-'))
})
afterEach(async () => {
  await rm(dir, { recursive: true, force: true })
})

describe('createSequenceAllocator', () => {
  it('counts from 1 without gaps inside one process', async () => {
    const sequences = createSequenceAllocator({ stateDir: dir, blockSize: 10 })
    const values = await Promise.all(Array.from({ length: 25 }, () => sequences.next()))
    expect(values).toEqual(Array.from({ length: 25 }, (_, i) => i + 1))
  })

  it('continues after a restart past the reserved block, leaving a visible gap', async () => {
    const first = createSequenceAllocator({ stateDir: dir, blockSize: 10 })
    expect([await first.next(), await first.next(), await first.next()]).toEqual([1, 2, 3])
    const restarted = createSequenceAllocator({ stateDir: dir, blockSize: 10 })
    expect(await restarted.next()).toBe(11)
  })

  it('never hands out a number twice to two allocators sharing a state directory', async () => {
    const a = createSequenceAllocator({ stateDir: dir, blockSize: 5 })
    const b = createSequenceAllocator({ stateDir: dir, blockSize: 5 })
    const values = await Promise.all(Array.from({ length: 20 }, (_, i) => (i % 2 === 0 ? a : b).next()))
    expect(new Set(values).size).toBe(20)
  })
})
