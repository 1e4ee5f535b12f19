/**
 * Reads component summaries for the API and the summarizer: the store's hour counters folded by
 * core's `summarizeComponents` over one interval, with the stored resets, thresholds, and (for
 * the threshold period) the status the state machine keeps.
 */
import type { ComponentSummary, ComponentThresholds, SummaryStatus, SummaryWindow } from '@sitrep/core'
import { hourStartOf, intervalStart, summarizeComponents, thresholdsFor } from '@sitrep/core'
import type { SummaryStore } from '@sitrep/store'
import type { SummarizerSettings } from './summarizer-settings.ts'
import {
  SUMMARY_KINDS,
  componentStateKey,
  parseComponentStates,
  parseCountResets,
} from './summary-state-codec.ts'

/** One row of `GET /api/v1/summaries/components`. */
export interface ComponentSummaryRow extends ComponentSummary {
  readonly thresholds: ComponentThresholds
  /** The status shown: the state machine's for the threshold period, else from the counts. */
  readonly status: SummaryStatus
  readonly silent: boolean
}

/** Component summaries over `window` at `now`, optionally for one site. */
export async function readComponentSummaries(
  store: SummaryStore,
  settings: SummarizerSettings,
  options: { readonly window: SummaryWindow; readonly now: number; readonly siteCode?: string },
): Promise<{ readonly since: number; readonly countedFrom: number; readonly rows: ComponentSummaryRow[] }> {
  const since = intervalStart(options.window, options.now, settings.site)
  const countedFrom = hourStartOf(since)
  const [counters, resetEntries, stateEntries] = await Promise.all([
    store.componentCounts({
      ...(options.siteCode === undefined ? {} : { siteCode: options.siteCode }),
      since: countedFrom,
    }),
    store.listSummaries(SUMMARY_KINDS.countReset),
    options.window === settings.thresholdPeriod
      ? store.listSummaries(SUMMARY_KINDS.componentState)
      : Promise.resolve([]),
  ])
  const states = parseComponentStates(stateEntries)
  const summaries = summarizeComponents(counters, {
    interval: options.window,
    now: options.now,
    ...settings.site,
    thresholds: settings.thresholds,
    resets: parseCountResets(resetEntries),
  })
  const rows = summaries.map((s): ComponentSummaryRow => {
    const state = states.get(componentStateKey(s))
    return {
      ...s,
      thresholds: thresholdsFor(s.component, settings.thresholds),
      status: state?.status ?? s.status,
      silent: state?.silent ?? false,
    }
  })
  return { since, countedFrom, rows }
}
