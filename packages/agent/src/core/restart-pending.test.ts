import type { MaintenanceWindow } from '@sitrep/protocol'
import { describe, expect, it } from 'vitest'
import { addRestartRequest, reminderDue, restartDue, snoozeRestart } from './restart-pending.ts'

const MIN = 60_000
const now = Date.parse('2026-12-07T12:00:00Z')
const job = {
  kind: 'restart' as const,
  source: 'job' as const,
  name: 'Editor',
  now,
  graceMinutes: 90,
  hard: false,
}

describe('addRestartRequest', () => {
  it('sets the deadline after the grace period and the countdown before it (defaults of a real client)', () => {
    expect(addRestartRequest(null, job)).toEqual({
      kind: 'restart',
      requestedBy: [{ source: 'job', name: 'Editor' }],
      since: now,
      deadline: now + 90 * MIN,
      countdownFrom: now + 75 * MIN,
      snoozedUntil: null,
      snoozeLimit: now + 90 * MIN,
      hard: false,
    })
  })

  it('only advises when the OS says a restart is pending', () => {
    const pending = addRestartRequest(null, {
      ...job,
      source: 'os',
      name: '/var/run/reboot-required',
      graceMinutes: null,
    })
    expect(pending).toMatchObject({ deadline: null, countdownFrom: null })
  })

  it('keeps the earliest deadline and lets a restart win over a logoff', () => {
    const logoff = addRestartRequest(null, { ...job, kind: 'logoff', graceMinutes: 30 })
    const both = addRestartRequest(logoff, { ...job, name: 'Driver', now: now + MIN, graceMinutes: 90 })
    expect(both).toMatchObject({ kind: 'restart', deadline: now + 30 * MIN, since: now })
    expect(both.requestedBy).toHaveLength(2)
  })
})

describe('snoozeRestart', () => {
  it('snoozes, but never past the deadline', () => {
    const pending = addRestartRequest(null, job)
    const snoozed = snoozeRestart(pending, 240, now)
    expect(snoozed).toMatchObject({ ok: true, value: { snoozedUntil: now + 90 * MIN } })
    expect(snoozeRestart(pending, 10, now + 91 * MIN)).toEqual({ ok: false, reason: 'past_snooze_limit' })
    expect(snoozeRestart(null, 10, now)).toEqual({ ok: false, reason: 'nothing_pending' })
  })
})

describe('restartDue', () => {
  const restartWindow: MaintenanceWindow = {
    name: 'Restarts',
    type: 'restart_only',
    timeZone: 'UTC',
    start: '22:00',
    durationMinutes: 60,
    recurrence: { kind: 'daily', everyDays: 1 },
    enabled: true,
  }

  it('is due after the deadline, inside a window that allows restarts', () => {
    const pending = addRestartRequest(null, job)
    expect(restartDue(pending, now + 89 * MIN, [])).toBe(false)
    expect(restartDue(pending, now + 90 * MIN, [])).toBe(true)
    expect(restartDue(pending, now + 90 * MIN, [restartWindow])).toBe(false)
    expect(restartDue(pending, Date.parse('2026-12-07T22:10:00Z'), [restartWindow])).toBe(true)
  })

  it('is due outside windows when the deployment allows it', () => {
    expect(restartDue(addRestartRequest(null, { ...job, hard: true }), now + 90 * MIN, [restartWindow])).toBe(
      true,
    )
  })

  it('is never due for an advisory restart', () => {
    expect(restartDue(addRestartRequest(null, { ...job, graceMinutes: null }), now + 1e9, [])).toBe(false)
  })
})

describe('reminderDue', () => {
  it('is quiet while snoozed, and not during the countdown', () => {
    const snoozed = snoozeRestart(addRestartRequest(null, job), 30, now)
    if (!snoozed.ok) throw new Error('snooze refused')
    expect(reminderDue(snoozed.value, now + 10 * MIN)).toBe(false)
    expect(reminderDue(snoozed.value, now + 31 * MIN)).toBe(true)
    expect(reminderDue({ ...snoozed.value, snoozedUntil: now + 89 * MIN }, now + 76 * MIN)).toBe(true)
  })
})
