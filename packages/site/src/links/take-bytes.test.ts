import { describe, expect, it } from 'vitest'
import { takeBytes } from './take-bytes.ts'

describe('takeBytes', () => {
  const settings = { bytesPerSecond: 1000, mustGo: false }

  it('lets a low batch through while the bucket holds its size', () => {
    const first = takeBytes(undefined, 0, 600, settings)
    expect(first).toMatchObject({ allowed: true, state: { tokens: 400 } })
    const second = takeBytes(first.state, 0, 600, settings)
    expect(second).toMatchObject({ allowed: false, retryAfterMs: 200 })
    expect(takeBytes(second.state, 200, 600, settings).allowed).toBe(true)
  })

  it('always lets high and medium batches go, into debt that low batches then wait out', () => {
    const high = takeBytes(undefined, 0, 3000, { ...settings, mustGo: true })
    expect(high).toMatchObject({ allowed: true, state: { tokens: -2000 } })
    const low = takeBytes(high.state, 1000, 100, settings)
    expect(low).toMatchObject({ allowed: false, retryAfterMs: 1100 })
  })

  it('lets a batch larger than the bucket go once the bucket is full', () => {
    expect(takeBytes({ tokens: 1000, updatedAt: 0 }, 0, 5000, settings).allowed).toBe(true)
  })

  it('has no budget at 0 bytes per second', () => {
    expect(
      takeBytes({ tokens: -1e9, updatedAt: 0 }, 0, 1e9, { bytesPerSecond: 0, mustGo: false }).allowed,
    ).toBe(true)
  })
})
