/**
 * The site system status summarizer as the site runs it (reference §10.3): each poll reads the
 * storage objects, steps core's storage states, raises 4700–4719 into the site's own stream and
 * saves the states. Message IDs derive from the state left, so a retried poll raises nothing twice.
 */
import type { StorageObject } from '@sitrep/core'
import { nextStorageStates, siteSystemChanges } from '@sitrep/core'
import type { SummaryStore } from '@sitrep/store'
import type { SiteReporter } from '../reporting/site-reporter.ts'
import { stableMessageId } from './stable-message-id.ts'
import type { SummarizerSettings } from './summarizer-settings.ts'
import { SUMMARY_KINDS, parseStorageStates, storageStateKey } from './summary-state-codec.ts'

/** Dependencies of {@link runSiteSystemPoll}. */
export interface SiteSystemPollDeps {
  readonly store: SummaryStore
  readonly reporter: Pick<SiteReporter, 'raise'>
  readonly settings: Pick<SummarizerSettings, 'storage'>
  /** Reads the storage objects (a dependency so tests inject readings). */
  readonly readStorage: () => Promise<readonly StorageObject[]>
}

/** Polls once at `now`; returns the message IDs raised. */
export async function runSiteSystemPoll(deps: SiteSystemPollDeps, now: number): Promise<readonly number[]> {
  const readings = await deps.readStorage()
  const previous = parseStorageStates(await deps.store.listSummaries(SUMMARY_KINDS.storageState))
  const next = nextStorageStates(previous, readings, now, deps.settings.storage)
  const messages = siteSystemChanges(previous, next)
  const lastCheck = previous.reduce((max, s) => Math.max(max, s.checkedAt), 0)
  for (const [index, message] of messages.entries()) {
    await deps.reporter.raise({
      id: stableMessageId(
        lastCheck,
        `storage|${lastCheck}|${index}|${message.messageId}|${message.insertionStrings.join('|')}`,
      ),
      component: message.component,
      messageId: message.messageId,
      severity: message.severity,
      insertionStrings: message.insertionStrings,
    })
  }
  await deps.store.saveSummaries(
    SUMMARY_KINDS.storageState,
    next.map((state) => ({
      key: storageStateKey(state.reading),
      valueJson: JSON.stringify(state),
      updatedAt: now,
    })),
  )
  return messages.map((m) => m.messageId)
}
