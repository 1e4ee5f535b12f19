import { describe, expect, it } from 'vitest'
import type { LossRow } from '../../api/api-types.ts'
import { totalsByReason } from './queries.ts'

describe('the loss ledger', () => {
  it('totals rows per reason, largest first', () => {
    const row = (reason: LossRow['reason'], count: number): LossRow => ({
      siteCode: 'PS1',
      origin: 'o',
      reason,
      count,
      firstAt: '2026-11-21T08:00:00.000Z',
      lastAt: '2026-11-21T08:00:00.000Z',
    })
    expect(totalsByReason([row('refused', 2), row('expired', 5), row('refused', 4)])).toEqual([
      { reason: 'refused', count: 6 },
      { reason: 'expired', count: 5 },
    ])
  })
})
