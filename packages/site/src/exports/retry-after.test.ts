import { describe, expect, it } from 'vitest'
import { parseRetryAfter } from './retry-after.ts'

const NOW = Date.UTC(2026, 11, 7, 21, 0, 0)

describe('parseRetryAfter', () => {
  it('reads a number of seconds', () => {
    expect(parseRetryAfter('120', NOW)).toBe(120_000)
    expect(parseRetryAfter(' 0 ', NOW)).toBe(0)
  })

  it('reads an HTTP date as the wait from now, and a date in the past as no wait', () => {
    expect(parseRetryAfter('Mon, 07 Dec 2026 21:00:30 GMT', NOW)).toBe(30_000)
    expect(parseRetryAfter('Mon, 07 Dec 2026 20:00:00 GMT', NOW)).toBe(0)
  })

  it('ignores a missing or unreadable header', () => {
    expect(parseRetryAfter(null, NOW)).toBeUndefined()
    expect(parseRetryAfter('soon', NOW)).toBeUndefined()
    expect(parseRetryAfter('-5', NOW)).toBeUndefined()
    expect(parseRetryAfter('2026-12-07T21:00:30', NOW)).toBeUndefined()
  })
})
