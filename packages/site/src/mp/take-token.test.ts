import { describe, expect, it } from 'vitest'
import { createRateLimiter } from './create-rate-limiter.ts'
import { isMpError } from './mp-error.ts'
import { takeToken } from './take-token.ts'

const settings = { ratePerSecond: 2, burst: 3 }

describe('takeToken', () => {
  it('lets a burst through from a full bucket, then refuses with the time to the next token', () => {
    let state = undefined
    for (let i = 0; i < 3; i++) {
      const d = takeToken(state, 1000, settings)
      expect(d.allowed).toBe(true)
      state = d.state
    }
    const refused = takeToken(state, 1000, settings)
    expect(refused).toEqual({ allowed: false, state: { tokens: 0, updatedAt: 1000 }, retryAfterMs: 500 })
  })

  it('refills at the rate, never above the burst', () => {
    const empty = { tokens: 0, updatedAt: 0 }
    expect(takeToken(empty, 250, settings)).toMatchObject({ allowed: false, retryAfterMs: 250 })
    expect(takeToken(empty, 500, settings)).toEqual({ allowed: true, state: { tokens: 0, updatedAt: 500 } })
    expect(takeToken(empty, 60_000, settings)).toEqual({
      allowed: true,
      state: { tokens: 2, updatedAt: 60_000 },
    })
  })

  it('refills nothing when the clock steps backwards', () => {
    expect(takeToken({ tokens: 0.5, updatedAt: 5000 }, 1000, settings)).toMatchObject({ allowed: false })
  })
})

describe('createRateLimiter', () => {
  it('keeps one bucket per key and throws rate_limited with Retry-After in whole seconds', () => {
    let now = 0
    const limiter = createRateLimiter({ ratePerSecond: 0.5, burst: 1, clock: () => now })
    limiter.check('a')
    limiter.check('b')
    let caught: unknown
    try {
      limiter.check('a')
    } catch (error) {
      caught = error
    }
    expect(isMpError(caught) && caught.code === 'rate_limited' && caught.retryAfterSeconds).toBe(2)
    now = 2000
    expect(() => limiter.check('a')).not.toThrow()
  })

  it('forgets the least recently used key beyond maxKeys, as if its bucket were full', () => {
    const limiter = createRateLimiter({ ratePerSecond: 1, burst: 1, clock: () => 0, maxKeys: 2 })
    limiter.check('a')
    limiter.check('b')
    limiter.check('c')
    expect(() => limiter.check('a')).not.toThrow()
    expect(() => limiter.check('c')).toThrow()
  })
})
