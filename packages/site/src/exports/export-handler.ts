/**
 * The outbox handler of the export action: finds the entry's target by name and hands the entry
 * to the exporter of the target's type.
 */
import type { OutboxEntry } from '@sitrep/store'
import type { HandlerOutcome, OutboxHandler } from '../outbox/outbox-dispatcher.ts'
import type { RetryBackoff } from '../outbox/retry-delay.ts'
import { exportFailureReport } from '../outbox/sink-reports.ts'
import type { ExportTargetConfig } from './export-targets.ts'
import { createAlertmanagerExporter } from './alertmanager-exporter.ts'
import { createWebhookExporter } from './webhook-exporter.ts'

/** Creates the export handler for the configured `targets`. */
export function createExportHandler(
  targets: readonly ExportTargetConfig[],
  deps: { readonly clock: () => number },
): OutboxHandler {
  const byName = new Map(targets.map((t) => [t.name, t]))
  const webhook = createWebhookExporter(deps)
  const alertmanager = createAlertmanagerExporter(deps)
  return (entry: OutboxEntry): Promise<HandlerOutcome> => {
    const target = byName.get(entry.target)
    if (target === undefined) {
      // Kept for retry: the target may be configured again (a restart with the old file).
      const reason = `export target "${entry.target}" is not configured`
      return Promise.resolve({ kind: 'retry', reason, report: exportFailureReport(entry.target, reason) })
    }
    switch (target.type) {
      case 'webhook':
        return webhook(target, entry)
      case 'alertmanager':
        return alertmanager(target, entry)
    }
  }
}

/** The retry settings of each target by name, for the outbox dispatcher. */
export function exportRetryPolicies(
  targets: readonly ExportTargetConfig[],
  defaultMaxAttempts: number,
): ReadonlyMap<string, { readonly maxAttempts: number; readonly backoff: RetryBackoff }> {
  return new Map(
    targets.map((t) => [
      t.name,
      {
        maxAttempts: t.retry.maxAttempts ?? defaultMaxAttempts,
        backoff: { initialDelayMs: t.retry.initialDelayMs, maxDelayMs: t.retry.maxDelayMs },
      },
    ]),
  )
}
