/**
 * "Reset Counts" as the site runs it: core's `resetCounts` over the current hour's counters,
 * the resets saved with the summarizer state, and the audit messages 4614–4628 raised.
 */
import { randomUUID } from 'node:crypto'
import type { ResetCountsRequest } from '@sitrep/core'
import { hourStartOf, resetCounts } from '@sitrep/core'
import type { SummaryStore } from '@sitrep/store'
import type { SiteReporter } from '../reporting/site-reporter.ts'
import { SUMMARY_KINDS } from './summary-state-codec.ts'

/** Applies a reset and raises its messages; returns the message IDs raised. */
export async function applyCountReset(
  deps: {
    readonly store: SummaryStore
    readonly reporter: Pick<SiteReporter, 'raise'>
  },
  request: ResetCountsRequest,
): Promise<readonly number[]> {
  const counters = await deps.store.componentCounts({
    siteCode: request.scope.siteCode,
    since: hourStartOf(request.at),
  })
  const { resets, messages } = resetCounts(counters, request)
  await deps.store.saveSummaries(
    SUMMARY_KINDS.countReset,
    resets.map((reset) => ({
      key: `${String(reset.at).padStart(15, '0')}-${randomUUID()}`,
      valueJson: JSON.stringify(reset),
      updatedAt: request.at,
    })),
  )
  for (const message of messages) {
    await deps.reporter.raise({
      component: message.component,
      messageId: message.messageId,
      severity: message.severity,
      messageType: 'audit',
      insertionStrings: message.insertionStrings,
    })
  }
  return messages.map((m) => m.messageId)
}
