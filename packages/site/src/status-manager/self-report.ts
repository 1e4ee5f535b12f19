/**
 * Counters behind message 1200, the status manager's periodic report on itself (reference
 * §8.7, §14): messages handled, written, replicated, logged, run through programs, corrupt,
 * and CPU use.
 */
import type { BatchResult } from './process-inbox-batch.ts'

/** Running totals of the status manager. */
export interface StatusManagerTotals {
  readonly processed: number
  readonly stored: number
  readonly replicated: number
  readonly osLogged: number
  readonly programs: number
  readonly exported: number
  readonly notKept: number
  readonly corrupt: number
}

/** Totals with every counter at zero. */
export function emptyTotals(): StatusManagerTotals {
  return {
    processed: 0,
    stored: 0,
    replicated: 0,
    osLogged: 0,
    programs: 0,
    exported: 0,
    notKept: 0,
    corrupt: 0,
  }
}

/** Adds one batch to the totals. Deferred (future-dated) items are not processed yet. */
export function addBatch(totals: StatusManagerTotals, batch: BatchResult): StatusManagerTotals {
  return {
    processed: totals.processed + batch.claimed - batch.deferred.length,
    stored: totals.stored + batch.stored,
    replicated: totals.replicated + batch.replicated,
    osLogged: totals.osLogged + batch.osLogged,
    programs: totals.programs + batch.programs,
    exported: totals.exported + batch.exported,
    notKept: totals.notKept + batch.notKept,
    corrupt: totals.corrupt + batch.quarantined,
  }
}

const HOUR_MS = 3_600_000

/**
 * The ten insertion strings of message 1200: %1 hours covered, %2 handled, %3 to the database,
 * %4 replicated, %5 to the OS log, %6 to programs, %7 corrupt, %8 CPU hours, %9 CPU percent,
 * %10 hours until the next report.
 */
export function selfReportInsertionStrings(
  totals: StatusManagerTotals,
  period: { readonly elapsedMs: number; readonly cpuMicros: number; readonly nextReportMs: number },
): string[] {
  const cpuHours = period.cpuMicros / 1000 / HOUR_MS
  const cpuPercent = (period.cpuMicros / 1000 / period.elapsedMs) * 100
  return [
    hours(period.elapsedMs),
    String(totals.processed),
    String(totals.stored),
    String(totals.replicated),
    String(totals.osLogged),
    String(totals.programs),
    String(totals.corrupt),
    cpuHours.toFixed(4),
    cpuPercent.toFixed(1),
    hours(period.nextReportMs),
  ]
}

function hours(ms: number): string {
  return (ms / HOUR_MS).toFixed(2)
}
