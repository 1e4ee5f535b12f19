/**
 * A restart or logoff the machine owes: who asked for it, when the agent enforces it, snoozes
 * and the non-closable countdown (reference §16.3). Pure: the agent keeps the value in its
 * state directory and asks {@link restartDue} whether to act.
 */
import type { MaintenanceWindow, PendingRestart } from '@sitrep/protocol'
import { RESTART_DEFAULTS } from '@sitrep/protocol'
import { evaluateWindows } from './maintenance-window.ts'

const MINUTE_MS = 60_000
/** An advisory restart (no deadline) may be snoozed at most this far past the time it became pending. */
export const ADVISORY_SNOOZE_LIMIT_MS = 7 * 24 * 60 * MINUTE_MS

/** A job or the OS asking for a restart or logoff. */
export interface RestartRequest {
  readonly kind: 'restart' | 'logoff'
  readonly source: 'job' | 'os'
  /** The job's application, or the OS source (`/var/run/reboot-required`, `needrestart`). */
  readonly name: string
  readonly now: number
  /** Required deployments: enforce after the grace period; `null` grace means only advise. */
  readonly graceMinutes: number | null
  readonly countdownMinutes?: number
  /** May be enforced outside maintenance windows. */
  readonly hard: boolean
}

/**
 * Adds a request to what is pending. Restart wins over logoff (a restart logs everyone off).
 * The earliest deadline wins; the first request's `since` is kept.
 */
export function addRestartRequest(pending: PendingRestart | null, request: RestartRequest): PendingRestart {
  const countdownMs = (request.countdownMinutes ?? RESTART_DEFAULTS.countdownMinutes) * MINUTE_MS
  const deadline = request.graceMinutes === null ? null : request.now + request.graceMinutes * MINUTE_MS
  const entry = { source: request.source, name: request.name }
  if (pending === null) {
    return {
      kind: request.kind,
      requestedBy: [entry],
      since: request.now,
      deadline,
      countdownFrom: deadline === null ? null : deadline - countdownMs,
      snoozedUntil: null,
      snoozeLimit: deadline ?? request.now + ADVISORY_SNOOZE_LIMIT_MS,
      hard: request.hard,
    }
  }
  const already = pending.requestedBy.some((r) => r.source === entry.source && r.name === entry.name)
  const mergedDeadline =
    pending.deadline === null
      ? deadline
      : deadline === null
        ? pending.deadline
        : Math.min(pending.deadline, deadline)
  return {
    kind: pending.kind === 'restart' || request.kind === 'restart' ? 'restart' : 'logoff',
    requestedBy: already ? pending.requestedBy : [...pending.requestedBy, entry],
    since: pending.since,
    deadline: mergedDeadline,
    countdownFrom: mergedDeadline === null ? null : mergedDeadline - countdownMs,
    snoozedUntil: pending.snoozedUntil,
    snoozeLimit: mergedDeadline ?? pending.snoozeLimit,
    hard: pending.hard || request.hard,
  }
}

/** Why a snooze was refused. */
export type SnoozeRefusal = 'nothing_pending' | 'past_snooze_limit'

/**
 * Snoozes reminders by `minutes`, never past the snooze limit (the deadline, for enforced
 * restarts). Returns the new value, or why it cannot.
 */
export function snoozeRestart(
  pending: PendingRestart | null,
  minutes: number,
  now: number,
):
  | { readonly ok: true; readonly value: PendingRestart }
  | { readonly ok: false; readonly reason: SnoozeRefusal } {
  if (pending === null) return { ok: false, reason: 'nothing_pending' }
  if (pending.snoozeLimit === null || now >= pending.snoozeLimit)
    return { ok: false, reason: 'past_snooze_limit' }
  const until = Math.min(now + minutes * MINUTE_MS, pending.snoozeLimit)
  return { ok: true, value: { ...pending, snoozedUntil: until } }
}

/**
 * Whether the agent enforces the pending restart (or logoff) now: the deadline has passed and
 * either it may happen outside windows or a window that allows restarts is open.
 */
export function restartDue(
  pending: PendingRestart | null,
  now: number,
  windows: readonly MaintenanceWindow[],
): boolean {
  if (pending === null || pending.deadline === null || now < pending.deadline) return false
  if (pending.hard) return true
  const verdict = evaluateWindows(windows, 'restart', now)
  return verdict.kind !== 'closed'
}

/** Whether the user should see a reminder now (not snoozed, or the countdown has begun). */
export function reminderDue(pending: PendingRestart | null, now: number): boolean {
  if (pending === null) return false
  if (pending.countdownFrom !== null && now >= pending.countdownFrom) return true
  return pending.snoozedUntil === null || now >= pending.snoozedUntil
}
