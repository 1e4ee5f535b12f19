/**
 * The buckets of `GET /api/v1/summaries/severity-histogram`: messages per UTC hour by severity,
 * folded from the component hour counters (never a scan of messages). Pure.
 */
import type { HistogramBucket } from '@sitrep/api'
import { formatIsoTime } from '@sitrep/protocol'
import type { Severity } from '@sitrep/protocol'

const HOUR_MS = 3_600_000

/**
 * One bucket per hour from `firstHour` to `lastHour` (both hour starts, epoch ms), each with the
 * counts of `counters` that fall in that hour; hours without counters are zero, counters outside
 * the range are left out.
 */
export function severityHistogram(
  counters: readonly { readonly hourStart: number; readonly severity: Severity; readonly count: number }[],
  firstHour: number,
  lastHour: number,
): HistogramBucket[] {
  const buckets = new Map<number, Record<Severity, number>>()
  for (let h = firstHour; h <= lastHour; h += HOUR_MS)
    buckets.set(h, { informational: 0, warning: 0, error: 0 })
  for (const c of counters) {
    const bucket = buckets.get(c.hourStart)
    if (bucket !== undefined) bucket[c.severity] += c.count
  }
  return [...buckets].map(([hourStart, counts]) => ({ hourStart: formatIsoTime(hourStart), ...counts }))
}
