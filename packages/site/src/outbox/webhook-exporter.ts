import { escapeJsonLineBreaks } from '@sitrep/protocol'
import type { OutboxEntry } from '@sitrep/store'
import type { ExportTargetConfig } from '../config.ts'
import type { HandlerOutcome } from './outbox-dispatcher.ts'

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
      return { kind: 'retry', reason: `export target "${entry.target}" is not configured` }
    }
    const response = await fetch(target.url, {
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
    return response.ok
      ? { kind: 'done' }
      : { kind: 'retry', reason: `export target "${target.name}" answered HTTP ${response.status}` }
  }
}
