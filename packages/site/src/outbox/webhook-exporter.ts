import { escapeJsonLineBreaks } from '@sitrep/protocol'
import type { OutboxEntry } from '@sitrep/store'
import type { ExportTargetConfig } from '../config.ts'
import type { HandlerOutcome } from './outbox-dispatcher.ts'
import { exportFailureReport } from './sink-reports.ts'

/**
 * Exports a message to an HTTP endpoint: POSTs the outbox payload (`{ message, text }`, JSON)
 * to the target's URL. 2xx finishes the entry; anything else, or no answer within the
 * target's timeout, retries later.
 */
export function createWebhookExporter(targets: readonly ExportTargetConfig[]) {
  const byName = new Map(targets.map((t) => [t.name, t]))
  return async (entry: OutboxEntry): Promise<HandlerOutcome> => {
    const target = byName.get(entry.target)
    if (target === undefined) {
      return retry(entry.target, `export target "${entry.target}" is not configured`)
    }
    let response: Response
    try {
      response = await fetch(target.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'x-sitrep-message-id': entry.messageId,
          ...target.headers,
        },
        // One message per request; NEL/LS/PS escaped so a receiver's line-based log stays whole.
        body: escapeJsonLineBreaks(entry.payload),
        signal: AbortSignal.timeout(target.timeoutMs),
      })
      // Drain the body so the connection can be reused.
      await response.arrayBuffer()
    } catch (error) {
      return retry(target.name, `export target "${target.name}" did not answer: ${describeFetchError(error)}`)
    }
    return response.ok
      ? { kind: 'done' }
      : retry(target.name, `export target "${target.name}" answered HTTP ${response.status}`)
  }
}

function retry(targetName: string, reason: string): HandlerOutcome {
  return { kind: 'retry', reason, report: exportFailureReport(targetName, reason) }
}

/** fetch says only "fetch failed"; the network error (ECONNREFUSED, a timeout) is its cause. */
function describeFetchError(error: unknown): string {
  if (!(error instanceof Error)) return String(error)
  const cause: unknown = error.cause
  if (cause instanceof Error) return cause.message
  return error.name === 'TimeoutError' ? 'no answer within the timeout' : error.message
}
