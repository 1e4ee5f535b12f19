import { describe, expect, it } from 'vitest'
import { totalsByReason } from './queries.ts'

describe('the loss ledger', () => {
  it('totals rows per reason, largest first', () => {
    const row = (reason: string, count: number) => ({
      siteCode: 'PS1',
      origin: 'o',
      reason,
      count,
      firstAt: null,
      lastAt: null,
    })
    expect(totalsByReason([row('refused', 2), row('expired', 5), row('refused', 4)])).toEqual([
      { reason: 'refused', count: 6 },
      { reason: 'expired', count: 5 },
    ])
  })
})
