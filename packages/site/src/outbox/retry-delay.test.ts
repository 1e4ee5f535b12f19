import { describe, expect, it } from 'vitest'
import { nextAttemptAt, retryDelayMs } from './retry-delay.ts'

const middle = () => 0.5

describe('retryDelayMs', () => {
  it('doubles from 1 s and stops at 10 min by default', () => {
    expect([1, 2, 3, 4].map((n) => retryDelayMs(n, middle))).toEqual([1000, 2000, 4000, 8000])
    expect(retryDelayMs(30, middle)).toBe(600_000)
  })

  it('follows a target’s own first delay and cap', () => {
    const backoff = { initialDelayMs: 50, maxDelayMs: 300 }
    expect([1, 2, 3, 4, 5].map((n) => retryDelayMs(n, middle, backoff))).toEqual([50, 100, 200, 300, 300])
  })

  it('adds at most ±20 % jitter', () => {
    expect(retryDelayMs(1, () => 0)).toBe(800)
    expect(retryDelayMs(1, () => 1)).toBe(1200)
  })
})

describe('nextAttemptAt', () => {
  it('lets the receiver’s Retry-After win over the backoff, up to the cap', () => {
    const backoff = { initialDelayMs: 50, maxDelayMs: 60_000 }
    expect(nextAttemptAt({ now: 1000, attempt: 1, backoff, random: middle })).toBe(1050)
    expect(nextAttemptAt({ now: 1000, attempt: 1, retryAfterMs: 5000, backoff })).toBe(6000)
    expect(nextAttemptAt({ now: 1000, attempt: 1, retryAfterMs: 86_400_000, backoff })).toBe(61_000)
  })
})
