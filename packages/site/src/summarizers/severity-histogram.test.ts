import { describe, expect, it } from 'vitest'
import { severityHistogram } from './severity-histogram.ts'

const H = 3_600_000
const T0 = Date.UTC(2026, 10, 21, 8)

describe('the severity histogram', () => {
  it('has one bucket per hour, zero where nothing was counted', () => {
    expect(severityHistogram([], T0, T0 + 2 * H)).toEqual([
      { hourStart: '2026-11-21T08:00:00.000Z', informational: 0, warning: 0, error: 0 },
      { hourStart: '2026-11-21T09:00:00.000Z', informational: 0, warning: 0, error: 0 },
      { hourStart: '2026-11-21T10:00:00.000Z', informational: 0, warning: 0, error: 0 },
    ])
  })

  it('adds counters of every component of an hour by severity and leaves out hours outside the range', () => {
    const buckets = severityHistogram(
      [
        { hourStart: T0, severity: 'error', count: 2 },
        { hourStart: T0, severity: 'error', count: 3 },
        { hourStart: T0 + H, severity: 'informational', count: 40 },
        { hourStart: T0 + H, severity: 'warning', count: 1 },
        { hourStart: T0 - H, severity: 'error', count: 99 },
      ],
      T0,
      T0 + H,
    )
    expect(buckets).toEqual([
      { hourStart: '2026-11-21T08:00:00.000Z', informational: 0, warning: 0, error: 5 },
      { hourStart: '2026-11-21T09:00:00.000Z', informational: 40, warning: 1, error: 0 },
    ])
  })
})
