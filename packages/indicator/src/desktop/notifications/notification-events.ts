/**
 * Which changes between two activity snapshots deserve a notification, and which may wait while
 * the person does not want to be disturbed. Only changes that matter to the person are told:
 * their own install started, finished or failed; a restart or logoff became required; its
 * deadline is near (the non-closable countdown, reference defaults: the last 15 minutes). Pure.
 */
import type { AgentActivity, FinishedJob } from '@sitrep/protocol'

/** A notification-worthy change. */
export type NotificationEvent =
  | {
      readonly kind: 'request_started'
      readonly jobId: string
      readonly applicationName: string
      readonly action: 'install' | 'uninstall'
    }
  | { readonly kind: 'request_finished'; readonly job: FinishedJob }
  | { readonly kind: 'request_failed'; readonly job: FinishedJob }
  | { readonly kind: 'restart_required'; readonly restart: NonNullable<AgentActivity['restart']> }
  | { readonly kind: 'deadline_near'; readonly restart: NonNullable<AgentActivity['restart']> }

/** Whether the event is told even under do-not-disturb. */
export function isUrgent(event: NotificationEvent): boolean {
  return event.kind === 'deadline_near'
}

/** A stable key per topic, so a newer notification replaces the older one of the same topic. */
export function topicOf(event: NotificationEvent): string {
  switch (event.kind) {
    case 'request_started':
      return `job:${event.jobId}`
    case 'request_finished':
    case 'request_failed':
      return `job:${event.job.jobId}`
    case 'restart_required':
    case 'deadline_near':
      return 'restart'
  }
}

const FAILED_OUTCOMES = new Set<FinishedJob['outcome']>(['failed', 'timed_out', 'requirements_not_met'])

/**
 * The events between `previous` and `next`. `own` holds the viewer's request IDs (the
 * presenter's `trackOwnJobs`, which remembers them once they run). On the first snapshot
 * (`previous` null) nothing is told about the past, except a restart that is already required.
 */
export function notificationEvents(
  previous: AgentActivity | null,
  next: AgentActivity,
  own: ReadonlySet<string>,
  now: number,
): NotificationEvent[] {
  const events: NotificationEvent[] = []
  const current = next.current
  if (current !== null && own.has(current.jobId) && previous?.current?.jobId !== current.jobId) {
    events.push({
      kind: 'request_started',
      jobId: current.jobId,
      applicationName: current.applicationName,
      action: current.action,
    })
  }
  const seen = new Set((previous?.recent ?? []).map((job) => job.jobId))
  for (const job of next.recent) {
    if (previous === null || seen.has(job.jobId) || !own.has(job.jobId) || job.outcome === 'cancelled')
      continue
    events.push(
      FAILED_OUTCOMES.has(job.outcome) ? { kind: 'request_failed', job } : { kind: 'request_finished', job },
    )
  }
  const restart = next.restart
  if (restart !== null) {
    if (previous?.restart == null) events.push({ kind: 'restart_required', restart })
    const countdown = restart.countdownFrom
    const before = previous?.generatedAt ?? -Infinity
    if (countdown !== null && now >= countdown && (before < countdown || previous?.restart == null)) {
      events.push({ kind: 'deadline_near', restart })
    }
  }
  return events
}

/** What to do with events while do-not-disturb may be on: send now, or hold until it ends. */
export interface GateResult {
  readonly send: readonly NotificationEvent[]
  readonly held: readonly NotificationEvent[]
}

/**
 * Splits events by do-not-disturb: urgent ones go now; the rest wait. When it ends, what waited
 * goes out, the latest per topic only (a finished install makes its "started" moot).
 */
export function gateNotifications(
  held: readonly NotificationEvent[],
  incoming: readonly NotificationEvent[],
  doNotDisturb: boolean,
): GateResult {
  const all = [...held, ...incoming]
  if (doNotDisturb) {
    return { send: all.filter(isUrgent), held: all.filter((event) => !isUrgent(event)) }
  }
  const latest = new Map<string, NotificationEvent>()
  for (const event of all) {
    latest.delete(topicOf(event))
    latest.set(topicOf(event), event)
  }
  return { send: [...latest.values()], held: [] }
}
