import type { Severity } from '@sitrep/protocol'
import type { ComponentHourCounter } from './component-hour-counter.ts'
import { componentKey } from './component-hour-counter.ts'
import type { ComponentThresholdSettings } from './component-status.ts'
import { componentStatus, thresholdsFor } from './component-status.ts'
import type { CountReset } from './count-resets.ts'
import { latestReset } from './count-resets.ts'
import type { SiteTime } from './interval-start.ts'
import { hourStartOf, intervalStart } from './interval-start.ts'
import type { SeverityCounts, SummaryStatus } from './status-level.ts'
import type { SummaryWindow } from './tally-intervals.ts'

/** What to summarize over, and the site's time and thresholds. */
export interface SummarizeComponentsOptions extends SiteTime {
  /** A fixed tally interval or a rolling window. */
  readonly interval: SummaryWindow
  /** Epoch ms; every interval ends here. */
  readonly now: number
  readonly thresholds?: ComponentThresholdSettings
  /** Stored "Reset Counts" (see `resetCounts`); default none. */
  readonly resets?: readonly CountReset[]
}

/** One component on one machine of one site, over one interval (`SMS_ComponentSummarizer`). */
export interface ComponentSummary extends SeverityCounts {
  readonly siteCode: string
  readonly machine: string
  readonly component: string
  /** From the counts alone; the state machine adds hysteresis and threshold-period resets. */
  readonly status: SummaryStatus
  /** Where the interval starts, epoch ms (may fall mid-hour). */
  readonly since: number
  /** Start of the first hour bucket counted: `since` rounded down to the UTC hour. */
  readonly countedFrom: number
  /**
   * Start of the latest hour, at or before now, in which the component raised any message, over
   * all counters passed in (not only the interval's); absent when none has a message.
   */
  readonly lastMessageAt?: number
}

interface Accumulator {
  readonly key: { readonly siteCode: string; readonly machine: string; readonly component: string }
  readonly rows: ComponentHourCounter[]
  lastMessageAt: number | undefined
}

const COUNT_FIELD: Readonly<Record<Severity, keyof SeverityCounts>> = {
  informational: 'infos',
  warning: 'warnings',
  error: 'errors',
}

/**
 * Folds the store's hour counters into per-(site, machine, component) counts and status over a
 * tally interval or rolling window. Partial hours: a bucket counts when any part of it overlaps
 * the interval, so an interval starting mid-hour (rolling windows, sites at UTC+5:30) also counts
 * the messages of that hour from before the start (at most 59 min 59 s early), never missing
 * one. Buckets starting after `now` are left out until time catches up. Components whose
 * counters all lie outside the interval still appear, with zero counts.
 */
export function summarizeComponents(
  hourCounters: readonly ComponentHourCounter[],
  options: SummarizeComponentsOptions,
): readonly ComponentSummary[] {
  const since = intervalStart(options.interval, options.now, options)
  const countedFrom = hourStartOf(since)
  const groups = new Map<string, Accumulator>()
  for (const row of hourCounters) {
    if (row.hourStart > options.now) continue
    const key = componentKey(row)
    let group = groups.get(key)
    if (group === undefined) {
      group = { key: row, rows: [], lastMessageAt: undefined }
      groups.set(key, group)
    }
    if (row.count > 0 && (group.lastMessageAt === undefined || row.hourStart > group.lastMessageAt)) {
      group.lastMessageAt = row.hourStart
    }
    if (row.hourStart >= countedFrom) group.rows.push(row)
  }
  const window = { interval: options.interval, start: since, now: options.now }
  const summaries = [...groups.values()].map((group): ComponentSummary => {
    const { siteCode, machine, component } = group.key
    const counts = { infos: 0, warnings: 0, errors: 0 }
    for (const severity of ['informational', 'warning', 'error'] as const) {
      const reset = latestReset(options.resets ?? [], group.key, severity, window)
      counts[COUNT_FIELD[severity]] = countSeverity(group.rows, severity, reset, componentKey(group.key))
    }
    const status = componentStatus(counts, thresholdsFor(component, options.thresholds))
    const base = { siteCode, machine, component, ...counts, status, since, countedFrom }
    return group.lastMessageAt === undefined ? base : { ...base, lastMessageAt: group.lastMessageAt }
  })
  return summaries.sort((a, b) => compareKeys(a, b))
}

function countSeverity(
  rows: readonly ComponentHourCounter[],
  severity: Severity,
  reset: CountReset | undefined,
  key: string,
): number {
  const resetHour = reset === undefined ? undefined : hourStartOf(reset.at)
  let total = 0
  for (const row of rows) {
    if (row.severity !== severity) continue
    if (resetHour !== undefined && row.hourStart < resetHour) continue
    total += row.count
  }
  if (reset === undefined) return total
  // The hour holding the reset counts only what arrived after it; the baselines were its counts then.
  const already = reset.baselines
    .filter((b) => b.hourStart === resetHour && componentKey(b) === key)
    .reduce((sum, b) => sum + b.count, 0)
  return Math.max(0, total - already)
}

function compareKeys(a: ComponentSummary, b: ComponentSummary): number {
  return (
    a.siteCode.localeCompare(b.siteCode) ||
    a.machine.localeCompare(b.machine) ||
    a.component.localeCompare(b.component)
  )
}
