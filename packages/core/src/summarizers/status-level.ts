/**
 * The three status levels every summarizer reports (reference §10.1: 0 GREEN/OK, 1 YELLOW/Warning,
 * 2 RED/Critical), ordered from best to worst.
 */
export const SUMMARY_STATUSES = ['ok', 'warning', 'critical'] as const
export type SummaryStatus = (typeof SUMMARY_STATUSES)[number]

/** Returns a status's ConfigMgr number: 0 OK, 1 Warning, 2 Critical. */
export function summaryStatusToValue(status: SummaryStatus): 0 | 1 | 2 {
  switch (status) {
    case 'ok':
      return 0
    case 'warning':
      return 1
    case 'critical':
      return 2
  }
}

/** Returns the worse of the given statuses; `ok` for none (an empty site has nothing wrong). */
export function worstStatus(statuses: Iterable<SummaryStatus>): SummaryStatus {
  let worst: SummaryStatus = 'ok'
  for (const status of statuses) {
    if (summaryStatusToValue(status) > summaryStatusToValue(worst)) worst = status
  }
  return worst
}

/** Message counts by severity, as the component summarizer keeps them. */
export interface SeverityCounts {
  readonly infos: number
  readonly warnings: number
  readonly errors: number
}

/** Counts of zero for every severity. */
export const NO_COUNTS: SeverityCounts = Object.freeze({ infos: 0, warnings: 0, errors: 0 })
