import type { Severity } from '@sitrep/protocol'

/**
 * One hour counter of the site store (`ComponentCountDelta` / `ComponentCountRow` in
 * `@sitrep/store`, same shape): how many messages of one severity a component on a machine
 * raised in one UTC hour. Summaries are folded from these, never from the messages themselves.
 * Several rows with the same key add up (the store may hand back unmerged deltas).
 */
export interface ComponentHourCounter {
  readonly siteCode: string
  readonly machine: string
  readonly component: string
  /** Start of the UTC hour the messages' `createdAt` falls in, epoch ms. */
  readonly hourStart: number
  readonly severity: Severity
  readonly count: number
}

/** Returns the key that groups counters of one component on one machine of one site. */
export function componentKey(row: {
  readonly siteCode: string
  readonly machine: string
  readonly component: string
}): string {
  return `${row.siteCode}\u0000${row.machine}\u0000${row.component}`
}
