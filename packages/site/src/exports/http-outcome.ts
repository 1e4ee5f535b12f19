/** How an export's HTTP exchange turns into an outbox outcome, shared by the HTTP targets. */
import type { HandlerOutcome } from '../outbox/outbox-dispatcher.ts'
import { exportFailureReport } from '../outbox/sink-reports.ts'

/** A failed attempt at target `targetName`, retried later (after `retryAfterMs` when given). */
export function retryExport(targetName: string, reason: string, retryAfterMs?: number): HandlerOutcome {
  return {
    kind: 'retry',
    reason,
    report: exportFailureReport(targetName, reason),
    ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
  }
}

/** fetch says only "fetch failed"; the network error (ECONNREFUSED, a timeout) is its cause. */
export function describeFetchError(error: unknown): string {
  if (!(error instanceof Error)) return String(error)
  const cause: unknown = error.cause
  if (cause instanceof Error) return cause.message
  return error.name === 'TimeoutError' ? 'no answer within the timeout' : error.message
}
