import type { ComponentThresholds } from './component-status.ts'
import { componentStatus } from './component-status.ts'
import type { SeverityCounts, SummaryStatus } from './status-level.ts'
import { summaryStatusToValue } from './status-level.ts'

/** What the component status summarizer remembers about one component between evaluations. */
export interface ComponentState {
  readonly status: SummaryStatus
  /** When the component entered `status`, epoch ms. */
  readonly since: number
  /** When this state was computed, epoch ms. */
  readonly updatedAt: number
  /** The counts the status was computed from. */
  readonly counts: SeverityCounts
  /** Start of the threshold period (fixed tally intervals only); a new value starts a new period. */
  readonly periodStart?: number
  /** Rolling windows: since when the counts have been below the thresholds of `status`. */
  readonly belowSince?: number
  /** The latest time the component is known to have reported, epoch ms. */
  readonly lastMessageAt?: number
  /** True once the component has been silent for `silentAfterMs` (4612 raised), until it reports. */
  readonly silent: boolean
}

/** One evaluation's input: the component's counts over the threshold period or rolling window. */
export interface ComponentObservation {
  readonly counts: SeverityCounts
  /** Start of the current threshold period for a fixed tally interval; leave out for rolling windows. */
  readonly periodStart?: number
  readonly lastMessageAt?: number
}

/** Tuning of the state machine. */
export interface ComponentStateSettings {
  /**
   * Rolling windows: a raised status is kept while the counts stay at or above its thresholds
   * times (1 − this); default 0.2.
   */
  readonly hysteresisFraction: number
  /** Rolling windows: a raised status is kept at most this long once the counts fall below its thresholds; default 15 min. */
  readonly holdMs: number
  /** A component that has not reported for this long is flagged silent (4612); default 24 h. */
  readonly silentAfterMs: number
}

/** Defaults: 20 % hysteresis band, 15 min hold, silent after 24 h. */
export const DEFAULT_COMPONENT_STATE_SETTINGS: ComponentStateSettings = Object.freeze({
  hysteresisFraction: 0.2,
  holdMs: 15 * 60 * 1000,
  silentAfterMs: 24 * 60 * 60 * 1000,
})

/** The outcome of {@link nextComponentState}. */
export interface ComponentTransition {
  readonly state: ComponentState
  /** The status changed, or a new threshold period reset a raised status (4611 is due). */
  readonly changed: boolean
  /** When the current status was entered. */
  readonly since: number
}

const rank = summaryStatusToValue

/**
 * Computes a component's next state from its previous one and fresh counts. Raising is at once:
 * counts at a threshold set the status. Fixed threshold periods return to OK when a new period
 * starts and otherwise follow the counts (they only fall when an administrator resets them).
 * Rolling windows fall with time, so they get hysteresis against flapping at a boundary: a
 * raised status drops when the counts fall below its thresholds × (1 − `hysteresisFraction`),
 * or once they have stayed below the plain thresholds for `holdMs`.
 */
export function nextComponentState(
  previous: ComponentState | undefined,
  observation: ComponentObservation,
  thresholds: ComponentThresholds,
  now: number,
  settings: ComponentStateSettings = DEFAULT_COMPONENT_STATE_SETTINGS,
): ComponentTransition {
  const newPeriod =
    previous?.periodStart !== undefined &&
    observation.periodStart !== undefined &&
    observation.periodStart !== previous.periodStart
  const base: SummaryStatus = previous === undefined || newPeriod ? 'ok' : previous.status
  const raw = componentStatus(observation.counts, thresholds)
  let status = raw
  let belowSince: number | undefined
  if (rank(raw) < rank(base) && observation.periodStart === undefined) {
    const held = componentStatus(observation.counts, thresholds, 1 - settings.hysteresisFraction)
    const start = previous?.belowSince ?? now
    if (now - start >= settings.holdMs) {
      status = raw
    } else if (rank(held) < rank(base)) {
      // A real drop clears at once, down to what the lowered thresholds still support.
      status = held
      belowSince = rank(held) > rank(raw) ? now : undefined
    } else {
      status = base
      belowSince = start
    }
  }
  const lastMessageAt = observation.lastMessageAt ?? previous?.lastMessageAt
  const silent = lastMessageAt !== undefined && now - lastMessageAt >= settings.silentAfterMs
  const changed =
    status !== (previous?.status ?? 'ok') || (newPeriod && previous !== undefined && previous.status !== 'ok')
  const since = changed || previous === undefined ? now : previous.since
  const state: ComponentState = {
    status,
    since,
    updatedAt: now,
    counts: observation.counts,
    silent,
    ...(observation.periodStart === undefined ? {} : { periodStart: observation.periodStart }),
    ...(belowSince === undefined ? {} : { belowSince }),
    ...(lastMessageAt === undefined ? {} : { lastMessageAt }),
  }
  return { state, changed, since }
}
