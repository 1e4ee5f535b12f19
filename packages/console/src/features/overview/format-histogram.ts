/** The overview chart's data: hourly buckets by severity, as uPlot wants them. */
import type { HistogramBucket } from '../../api/api-types.ts'

const HOUR = 3_600_000

/** Counts messages into `hours` hourly buckets ending with the hour that holds `now`. */
export function bucketMessages(
  messages: readonly {
    readonly createdAt: string
    readonly severity: 'informational' | 'warning' | 'error'
  }[],
  now: number,
  hours: number,
): HistogramBucket[] {
  const lastStart = Math.floor(now / HOUR) * HOUR
  const firstStart = lastStart - (hours - 1) * HOUR
  const counts = Array.from({ length: hours }, () => ({ informational: 0, warning: 0, error: 0 }))
  for (const message of messages) {
    const index = Math.floor((Date.parse(message.createdAt) - firstStart) / HOUR)
    const bucket = counts[index]
    if (bucket !== undefined) bucket[message.severity] += 1
  }
  return counts.map((c, i) => ({ hourStart: new Date(firstStart + i * HOUR).toISOString(), ...c }))
}

/** uPlot's columns: x in seconds, then information, warning and error counts. */
export function toChartColumns(
  buckets: readonly HistogramBucket[],
): [number[], number[], number[], number[]] {
  return [
    buckets.map((b) => Date.parse(b.hourStart) / 1000),
    buckets.map((b) => b.informational),
    buckets.map((b) => b.warning),
    buckets.map((b) => b.error),
  ]
}

/** A one-sentence summary of the chart, for screen readers and as its caption. */
export function describeHistogram(buckets: readonly HistogramBucket[]): string {
  const total = (key: 'informational' | 'warning' | 'error') => buckets.reduce((sum, b) => sum + b[key], 0)
  return `${total('error')} errors, ${total('warning')} warnings and ${total('informational')} informational messages in the last ${buckets.length} hours`
}
