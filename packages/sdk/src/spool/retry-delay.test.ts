import { describe, expect, it } from 'vitest'
import { retryDelayMs } from './retry-delay.ts'

describe('retryDelayMs', () => {
  it('doubles the ceiling per attempt and picks uniformly below it (full jitter)', () => {
    expect(retryDelayMs({ attempt: 1, random: () => 0.5 })).toBe(500)
    expect(retryDelayMs({ attempt: 2, random: () => 0.5 })).toBe(1000)
    expect(retryDelayMs({ attempt: 3, random: () => 0.5 })).toBe(2000)
    expect(retryDelayMs({ attempt: 3, random: () => 0 })).toBe(0)
    expect(retryDelayMs({ attempt: 3, random: () => 0.999 })).toBe(3996)
  })

  it('never exceeds the maximum, however many attempts failed', () => {
    expect(retryDelayMs({ attempt: 500, random: () => 0.999999, maxMs: 60_000 })).toBeLessThan(60_000)
  })

  it("lets the server's Retry-After win over the backoff", () => {
    expect(retryDelayMs({ attempt: 1, retryAfterMs: 30_000, random: () => 0 })).toBe(30_000)
  })
})
