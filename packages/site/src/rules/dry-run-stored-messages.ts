import type { DryRunReport, FilterRule } from '@sitrep/core'
import { createDryRun } from '@sitrep/core'
import type { MessageStore } from '@sitrep/store'

/**
 * Rule dry-run: reports what a proposed rule set would have done to the messages stored in a
 * time range (counts per action and per rule), changing nothing. It pages through the stored
 * messages and feeds each to the same evaluation the status manager applies, so a dry-run
 * and the real thing cannot disagree.
 */
export async function dryRunStoredMessages(
  store: MessageStore,
  rules: readonly FilterRule[],
  range: { readonly since?: number; readonly until?: number; readonly pageSize?: number } = {},
): Promise<DryRunReport> {
  const dryRun = createDryRun(rules)
  let beforeRecordId: number | undefined
  for (;;) {
    const page = await store.listMessages({
      ...(range.since === undefined ? {} : { since: range.since }),
      ...(range.until === undefined ? {} : { until: range.until }),
      ...(beforeRecordId === undefined ? {} : { beforeRecordId }),
      limit: range.pageSize ?? 1000,
    })
    if (page.length === 0) return dryRun.report()
    for (const message of page) dryRun.add(message)
    beforeRecordId = page[page.length - 1]?.recordId
  }
}
