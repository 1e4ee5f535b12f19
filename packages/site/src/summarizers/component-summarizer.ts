/**
 * The component status summarizer as the site runs it (reference §9, §10.1): every minute it
 * folds the hour counters over the threshold period, steps each component's state machine, raises
 * 4603–4612 into the site's own stream and saves the new states. Raising comes before saving and
 * each message's ID derives from the state it leaves, so a crash in between raises nothing twice.
 */
import type { ComponentState } from '@sitrep/core'
import {
  componentStatusChanges,
  hourStartOf,
  intervalStart,
  isRollingWindow,
  nextComponentState,
  summarizeComponents,
  thresholdsFor,
  windowDisplayName,
} from '@sitrep/core'
import type { SummaryEntry, SummaryStore } from '@sitrep/store'
import type { SiteReporter } from '../reporting/site-reporter.ts'
import { stableMessageId } from './stable-message-id.ts'
import type { SummarizerSettings } from './summarizer-settings.ts'
import {
  SUMMARY_KINDS,
  componentStateKey,
  parseComponentStates,
  parseCountResets,
} from './summary-state-codec.ts'

const HOUR_MS = 3_600_000

/** What one run did. */
export interface ComponentSummarizerRun {
  readonly components: number
  readonly raised: readonly { readonly messageId: number; readonly insertionStrings: readonly string[] }[]
}

/** Dependencies of {@link runComponentSummarizer}. */
export interface ComponentSummarizerDeps {
  readonly store: SummaryStore
  readonly reporter: Pick<SiteReporter, 'raise'>
  readonly settings: SummarizerSettings
}

/**
 * Evaluates every component once at `now`. Messages are raised only for this site's own
 * components (child sites run their own summarizers); states are kept for all.
 */
export async function runComponentSummarizer(
  deps: ComponentSummarizerDeps,
  now: number,
): Promise<ComponentSummarizerRun> {
  const { settings } = deps
  const period = settings.thresholdPeriod
  const lookback = Math.min(
    intervalStart(period, now, settings.site),
    now - settings.state.silentAfterMs - HOUR_MS,
  )
  const [counters, resetEntries, stateEntries] = await Promise.all([
    deps.store.componentCounts({ since: hourStartOf(lookback) }),
    deps.store.listSummaries(SUMMARY_KINDS.countReset),
    deps.store.listSummaries(SUMMARY_KINDS.componentState),
  ])
  const previous = parseComponentStates(stateEntries)
  const summaries = summarizeComponents(counters, {
    interval: period,
    now,
    ...settings.site,
    thresholds: settings.thresholds,
    resets: parseCountResets(resetEntries),
  })
  const raised: ComponentSummarizerRun['raised'][number][] = []
  const saves: SummaryEntry[] = []
  for (const summary of summaries) {
    const key = componentStateKey(summary)
    const prev: ComponentState | undefined = previous.get(key)
    const thresholds = thresholdsFor(summary.component, settings.thresholds)
    const { state } = nextComponentState(
      prev,
      {
        counts: { infos: summary.infos, warnings: summary.warnings, errors: summary.errors },
        ...(isRollingWindow(period) ? {} : { periodStart: summary.since }),
        ...(summary.lastMessageAt === undefined ? {} : { lastMessageAt: summary.lastMessageAt }),
      },
      thresholds,
      now,
      settings.state,
    )
    const messages = componentStatusChanges(prev, state, {
      component: summary.component,
      machine: summary.machine,
      periodName: windowDisplayName(period),
      thresholds,
    })
    if (summary.siteCode.toUpperCase() === settings.siteCode.toUpperCase()) {
      for (const [index, message] of messages.entries()) {
        // Stable across a retry: derived from the state being left (or the period, for a new one).
        const from = prev?.updatedAt ?? summary.countedFrom
        const seed = `${key}|${prev === undefined ? 'new' : 'prev'}|${from}|${index}|${message.messageId}`
        await deps.reporter.raise({
          id: stableMessageId(from, seed),
          component: message.component,
          messageId: message.messageId,
          severity: message.severity,
          insertionStrings: message.insertionStrings,
        })
        raised.push({ messageId: message.messageId, insertionStrings: message.insertionStrings })
      }
    }
    saves.push({ key, valueJson: JSON.stringify(state), updatedAt: now })
  }
  if (saves.length > 0) await deps.store.saveSummaries(SUMMARY_KINDS.componentState, saves)
  return { components: summaries.length, raised }
}
