import type { Severity } from '@sitrep/protocol'
import type { ComponentHourCounter } from './component-hour-counter.ts'
import { hourStartOf } from './interval-start.ts'
import type { SummarizerMessage } from './summarizer-message.ts'
import { summarizerMessage } from './summarizer-message.ts'
import type { SummaryWindow } from './tally-intervals.ts'
import { windowDisplayName } from './tally-intervals.ts'

/** Which counters an administrator's "Reset Counts" clears: one component, one machine, or a site. */
export type CountResetScope =
  | {
      readonly kind: 'component'
      readonly siteCode: string
      readonly machine: string
      readonly component: string
    }
  | { readonly kind: 'machine'; readonly siteCode: string; readonly machine: string }
  | { readonly kind: 'site'; readonly siteCode: string }

interface ResetCountsCommon {
  /** Default: all three severities, one reset and one message each. */
  readonly severities?: readonly Severity[]
  /** When the administrator reset them, epoch ms. */
  readonly at: number
  /** Who did it, for the audit message's `%1`. */
  readonly user: string
}

/**
 * An administrator's "Reset Counts" (`Clear-CMComponentStatusMessageCount`). A machine-wide
 * reset names one interval: the catalogue has no "every interval" message for it (4614–4628).
 */
export type ResetCountsRequest =
  | (ResetCountsCommon & {
      readonly scope: Extract<CountResetScope, { kind: 'component' | 'site' }>
      readonly interval: SummaryWindow | 'all'
    })
  | (ResetCountsCommon & {
      readonly scope: Extract<CountResetScope, { kind: 'machine' }>
      readonly interval: SummaryWindow
    })

/**
 * A stored reset of one severity's counts. Counters are never deleted: a summary over a window
 * that started before `at` counts only hours from `at` on, minus `baselines` (what the hour
 * holding `at` had already counted when the reset happened), so the counts read 0 right after.
 */
export interface CountReset {
  readonly scope: CountResetScope
  readonly severity: Severity
  readonly interval: SummaryWindow | 'all'
  readonly at: number
  readonly baselines: readonly ComponentHourCounter[]
}

const SEVERITY_OFFSET: Readonly<Record<Severity, number>> = { informational: 0, warning: 1, error: 2 }

/** Tells whether a counter's (site, machine, component) falls in a reset's scope; names ignore case. */
export function inResetScope(
  scope: CountResetScope,
  key: { readonly siteCode: string; readonly machine: string; readonly component: string },
): boolean {
  if (scope.siteCode.toUpperCase() !== key.siteCode.toUpperCase()) return false
  if (scope.kind === 'site') return true
  if (scope.machine.toUpperCase() !== key.machine.toUpperCase()) return false
  return scope.kind === 'machine' || scope.component.toUpperCase() === key.component.toUpperCase()
}

/**
 * Turns a "Reset Counts" request into one {@link CountReset} per severity, to store and pass to
 * `summarizeComponents`, and the audit messages 4614–4628 to raise (one per severity):
 * 4614–4616 component + interval, 4617–4619 component + every interval, 4620–4622 machine +
 * interval, 4623–4625 site + interval, 4626–4628 site + every interval.
 */
export function resetCounts(
  counters: readonly ComponentHourCounter[],
  request: ResetCountsRequest,
): { readonly resets: readonly CountReset[]; readonly messages: readonly SummarizerMessage[] } {
  const severities = request.severities ?? (['informational', 'warning', 'error'] as const)
  const hour = hourStartOf(request.at)
  const resets = severities.map((severity): CountReset => {
    const baselines = counters.filter(
      (row) => row.severity === severity && row.hourStart === hour && inResetScope(request.scope, row),
    )
    return { scope: request.scope, severity, interval: request.interval, at: request.at, baselines }
  })
  const messages = severities.map((severity) => resetMessage(request, severity))
  return { resets, messages }
}

function resetMessage(request: ResetCountsRequest, severity: Severity): SummarizerMessage {
  const offset = SEVERITY_OFFSET[severity]
  const { scope, user } = request
  const every = request.interval === 'all'
  const interval = request.interval === 'all' ? '' : windowDisplayName(request.interval)
  const raise = (base: number, strings: readonly string[]): SummarizerMessage =>
    summarizerMessage('SMS_COMPONENT_STATUS_SUMMARIZER', base + offset, strings)
  switch (scope.kind) {
    case 'component':
      return every
        ? raise(4617, [user, scope.component, scope.machine])
        : raise(4614, [user, scope.component, scope.machine, interval])
    case 'machine':
      return raise(4620, [user, scope.machine, interval])
    case 'site':
      return every ? raise(4626, [user, scope.siteCode]) : raise(4623, [user, scope.siteCode, interval])
  }
}

/**
 * Returns the latest reset that applies to one counter key, severity and window: same scope and
 * severity, the same window or `all`, made after the window started and not after `now`.
 */
export function latestReset(
  resets: readonly CountReset[],
  key: { readonly siteCode: string; readonly machine: string; readonly component: string },
  severity: Severity,
  window: { readonly interval: SummaryWindow; readonly start: number; readonly now: number },
): CountReset | undefined {
  let latest: CountReset | undefined
  for (const reset of resets) {
    if (reset.severity !== severity || reset.at <= window.start || reset.at > window.now) continue
    if (reset.interval !== 'all' && reset.interval !== window.interval) continue
    if (!inResetScope(reset.scope, key)) continue
    if (latest === undefined || reset.at > latest.at) latest = reset
  }
  return latest
}
