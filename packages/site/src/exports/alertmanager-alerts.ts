/**
 * What Sitrep sends Alertmanager (its v2 API, `POST /api/v2/alerts`), as pure functions: a
 * warning or an error is a firing alert whose labels name the site, machine, component, message
 * ID and severity, so Alertmanager's grouping, silences and routing work on them; an
 * informational message from the same machine and component resolves that component's alerts.
 */
import type { StatusMessage } from '@sitrep/protocol'

/** The `alertname` of every alert Sitrep raises. */
export const ALERT_NAME = 'SitrepStatusMessage'

/** An alert as Alertmanager's v2 API takes it (`postableAlert`). */
export interface PostableAlert {
  readonly labels: Readonly<Record<string, string>>
  readonly annotations: Readonly<Record<string, string>>
  readonly startsAt: string
  readonly endsAt: string
}

/** The labels of the alert for `message`: the identity Alertmanager groups and silences by. */
export function alertLabels(
  message: StatusMessage,
  extra: Readonly<Record<string, string>> = {},
): Record<string, string> {
  return {
    ...extra,
    alertname: ALERT_NAME,
    site: message.siteCode ?? '',
    machine: message.machine,
    component: message.component,
    module: message.module,
    message_id: String(message.messageId),
    severity: message.severity,
  }
}

/** The labels that select a component's alerts, for resolving them. */
export function componentMatchers(message: StatusMessage): Record<string, string> {
  return {
    alertname: ALERT_NAME,
    site: message.siteCode ?? '',
    machine: message.machine,
    component: message.component,
  }
}

/** A firing alert for a warning or error, ending by itself `resolveAfterMs` after `now`. */
export function firingAlert(options: {
  readonly message: StatusMessage
  readonly text: string
  readonly now: number
  readonly resolveAfterMs: number
  readonly labels?: Readonly<Record<string, string>>
}): PostableAlert {
  const { message } = options
  return {
    labels: alertLabels(message, options.labels),
    annotations: {
      summary: options.text,
      description: `${message.severity} ${message.messageId} from ${message.component} on ${message.machine}`,
      sitrep_id: message.id,
    },
    startsAt: new Date(message.createdAt).toISOString(),
    endsAt: new Date(options.now + options.resolveAfterMs).toISOString(),
  }
}

/** The same alerts, ended at `now`: Alertmanager then shows them resolved. */
export function resolvedAlerts(
  active: readonly {
    readonly labels: Readonly<Record<string, string>>
    readonly annotations?: Readonly<Record<string, string>>
    readonly startsAt: string
  }[],
  now: number,
): PostableAlert[] {
  return active.map((alert) => ({
    labels: alert.labels,
    annotations: alert.annotations ?? {},
    startsAt: alert.startsAt,
    endsAt: new Date(now).toISOString(),
  }))
}

/** Alertmanager's `filter` query value for one label: `name="value"`, quotes and backslashes escaped. */
export function labelMatcher(name: string, value: string): string {
  return `${name}="${value.replaceAll('\\', '\\\\').replaceAll('"', '\\"').replaceAll('\n', '\\n')}"`
}
