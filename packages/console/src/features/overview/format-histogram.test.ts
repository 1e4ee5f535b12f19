import { describe, expect, it } from 'vitest'
import { bucketMessages, describeHistogram, toChartColumns } from './format-histogram.ts'

const NOW = Date.parse('2026-11-21T12:30:00Z')

describe('the overview histogram', () => {
  it('counts messages into hourly buckets ending with the current hour', () => {
    const buckets = bucketMessages(
      [
        { createdAt: '2026-11-21T12:10:00Z', severity: 'error' },
        { createdAt: '2026-11-21T12:20:00Z', severity: 'error' },
        { createdAt: '2026-11-21T11:59:59Z', severity: 'warning' },
        { createdAt: '2026-11-20T10:00:00Z', severity: 'informational' },
      ],
      NOW,
      24,
    )
    expect(buckets).toHaveLength(24)
    expect(buckets.at(-1)).toEqual({
      hourStart: '2026-11-21T12:00:00.000Z',
      informational: 0,
      warning: 0,
      error: 2,
    })
    expect(buckets.at(-2)?.warning).toBe(1)
    expect(buckets.reduce((n, b) => n + b.informational, 0)).toBe(0)
  })

  it('gives uPlot columns in seconds and a sentence for screen readers', () => {
    const buckets = [{ hourStart: '2026-11-21T12:00:00.000Z', informational: 3, warning: 2, error: 1 }]
    expect(toChartColumns(buckets)).toEqual([[NOW / 1000 - 1800], [3], [2], [1]])
    expect(describeHistogram(buckets)).toBe(
      '1 errors, 2 warnings and 3 informational messages in the last 1 hours',
    )
  })
})
