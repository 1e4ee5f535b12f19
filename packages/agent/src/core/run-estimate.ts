/**
 * How long a job will take, from what is known: earlier runs of the same application on this
 * machine, the site's median for it when the policy carries one, and the deployment type's
 * estimated run time, in that order of trust.
 */

const MINUTE_MS = 60_000

/** One earlier run, as the history keeps it. */
export interface PastRun {
  readonly applicationId: string
  readonly durationMs: number
}

/** Inputs of {@link estimateRunMs}. */
export interface RunEstimateInput {
  readonly applicationId: string
  readonly estimatedRunMinutes: number
  readonly history: readonly PastRun[]
  /** The site's median for this application across machines, when known. */
  readonly siteMedianMs?: number | null
}

/** The median of a list of numbers (`null` for none). */
export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null
  const sorted = [...values].sort((a, b) => a - b)
  const middle = Math.floor(sorted.length / 2)
  return sorted.length % 2 === 1
    ? (sorted[middle] ?? 0)
    : Math.round(((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2)
}

/**
 * Estimated run time of one job in ms: the median of this machine's earlier runs of the same
 * application when there are any, else the site's median, else the deployment type's estimate.
 */
export function estimateRunMs(input: RunEstimateInput): number {
  const local = median(
    input.history.filter((r) => r.applicationId === input.applicationId).map((r) => r.durationMs),
  )
  if (local !== null) return local
  if (input.siteMedianMs !== undefined && input.siteMedianMs !== null) return input.siteMedianMs
  return input.estimatedRunMinutes * MINUTE_MS
}
