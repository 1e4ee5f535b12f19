/**
 * Exports to Prometheus Alertmanager (docs/alerting.md "Alertmanager"): a warning or an error
 * fires an alert; an informational message from the same site, machine and component resolves
 * the alerts of that component that Alertmanager holds (read back from its own API, so the site
 * keeps no alert state of its own).
 */
import type { OutboxEntry } from '@sitrep/store'
import { readPayload } from '../outbox/action-handlers.ts'
import type { HandlerOutcome } from '../outbox/outbox-dispatcher.ts'
import { componentMatchers, firingAlert, labelMatcher, resolvedAlerts } from './alertmanager-alerts.ts'
import type { PostableAlert } from './alertmanager-alerts.ts'
import type { AlertmanagerTargetConfig } from './export-targets.ts'
import { describeFetchError, retryExport } from './http-outcome.ts'
import { parseRetryAfter } from './retry-after.ts'

interface ActiveAlert {
  readonly labels: Record<string, string>
  readonly annotations?: Record<string, string>
  readonly startsAt: string
}

/** Creates the Alertmanager exporter. */
export function createAlertmanagerExporter(deps: { readonly clock: () => number }) {
  return async (target: AlertmanagerTargetConfig, entry: OutboxEntry): Promise<HandlerOutcome> => {
    const payload = readPayload(entry)
    if (!payload.ok) return payload.outcome
    const { message, text } = payload.value
    const base = target.url.replace(/\/+$/, '')
    const failed = (reason: string, retryAfterMs?: number) =>
      retryExport(target.name, `export target "${target.name}" (Alertmanager) ${reason}`, retryAfterMs)
    try {
      let alerts: PostableAlert[]
      if (message.severity === 'informational') {
        const query = new URLSearchParams({ active: 'true' })
        for (const [name, value] of Object.entries(componentMatchers(message))) {
          query.append('filter', labelMatcher(name, value))
        }
        const found = await fetch(`${base}/api/v2/alerts?${query.toString()}`, {
          signal: AbortSignal.timeout(target.timeoutMs),
        })
        if (!found.ok) {
          await found.arrayBuffer()
          return failed(`answered HTTP ${found.status} to the alert query`)
        }
        const active = (await found.json()) as readonly ActiveAlert[] // Alertmanager's gettableAlerts
        alerts = resolvedAlerts(active, deps.clock())
        if (alerts.length === 0) return { kind: 'done' }
      } else {
        alerts = [
          firingAlert({
            message,
            text,
            now: deps.clock(),
            resolveAfterMs: target.resolveAfterMs,
            labels: target.labels,
          }),
        ]
      }
      const posted = await fetch(`${base}/api/v2/alerts`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(alerts),
        signal: AbortSignal.timeout(target.timeoutMs),
      })
      const answer = await posted.text()
      if (posted.ok) return { kind: 'done' }
      return failed(
        `answered HTTP ${posted.status}: ${answer.slice(0, 200)}`,
        parseRetryAfter(posted.headers.get('retry-after'), deps.clock()),
      )
    } catch (error) {
      return failed(`did not answer: ${describeFetchError(error)}`)
    }
  }
}
