import { escapeJsonLineBreaks } from '@sitrep/protocol'
import type { OutboxEntry } from '@sitrep/store'
import type { HandlerOutcome } from '../outbox/outbox-dispatcher.ts'
import type { WebhookTargetConfig } from './export-targets.ts'
import { describeFetchError, retryExport as retry } from './http-outcome.ts'
import { parseRetryAfter } from './retry-after.ts'
import { SIGNATURE_HEADER, signWebhookBody } from './webhook-signature.ts'

/**
 * Exports a message to an HTTP endpoint: POSTs the outbox payload (`{ message, text }`, JSON)
 * to the target's URL, signed when the target has a secret. 2xx delivers it; anything else, or
 * no answer within the target's timeout, is retried later, when the receiver's `Retry-After`
 * says if it sent one. `x-sitrep-notification-id` is the same on every attempt of one
 * notification, so a receiver can drop a repeat.
 */
export function createWebhookExporter(deps: { readonly clock: () => number }) {
  return async (target: WebhookTargetConfig, entry: OutboxEntry): Promise<HandlerOutcome> => {
    // One message per request; NEL/LS/PS escaped so a receiver's line-based log stays whole.
    const body = escapeJsonLineBreaks(entry.payload)
    const signature =
      target.secret === undefined
        ? {}
        : {
            [SIGNATURE_HEADER]: signWebhookBody({
              secret: target.secret,
              body,
              timestampSeconds: Math.floor(deps.clock() / 1000),
            }),
          }
    let response: Response
    try {
      response = await fetch(target.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'x-sitrep-message-id': entry.messageId,
          'x-sitrep-notification-id': String(entry.seq),
          'x-sitrep-attempt': String(entry.attempts + 1),
          ...target.headers,
          ...signature,
        },
        body,
        signal: AbortSignal.timeout(target.timeoutMs),
      })
      // Drain the body so the connection can be reused.
      await response.arrayBuffer()
    } catch (error) {
      return retry(target.name, `export target "${target.name}" did not answer: ${describeFetchError(error)}`)
    }
    if (response.ok) return { kind: 'done' }
    const retryAfterMs = parseRetryAfter(response.headers.get('retry-after'), deps.clock())
    return retry(target.name, `export target "${target.name}" answered HTTP ${response.status}`, retryAfterMs)
  }
}
