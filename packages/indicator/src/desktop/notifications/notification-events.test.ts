import type { AgentActivity, FinishedJob, QueuedJob } from '@sitrep/protocol'
import { describe, expect, it } from 'vitest'
import { trackOwnJobs } from '../../presenter/present-indicator.ts'
import { gateNotifications, notificationEvents } from './notification-events.ts'

const T0 = Date.UTC(2026, 11, 7, 9, 0)
const MIN = 60_000

function activity(patch: Partial<AgentActivity> = {}): AgentActivity {
  return {
    generatedAt: T0,
    agent: { version: '0.1.0', clientId: 'GUID:1', siteCode: 'S01', siteReachable: true, lastPolicyAt: T0 },
    state: 'idle',
    current: null,
    waiting: null,
    queue: [],
    restart: null,
    recent: [],
    available: [],
    ...patch,
  }
}

function queued(jobId: string, userName: string | null, position = 1): QueuedJob {
  return {
    jobId,
    deploymentId: `D-${jobId}`,
    applicationName: `App ${jobId}`,
    action: 'install',
    requestedBy: userName === null ? 'deployment' : 'user',
    userName,
    position,
    requestedAt: T0,
    estimatedStartAt: T0 + 5 * MIN,
    deadline: null,
    waitingFor: null,
  }
}

function running(jobId: string, requestedBy: 'user' | 'deployment' = 'user'): AgentActivity['current'] {
  return {
    jobId,
    deploymentId: `D-${jobId}`,
    applicationName: `App ${jobId}`,
    action: 'install',
    phase: 'installing',
    index: 1,
    total: 1,
    percent: null,
    startedAt: T0,
    estimatedEndAt: null,
    requestedBy,
  }
}

function finished(jobId: string, outcome: FinishedJob['outcome']): FinishedJob {
  return {
    jobId,
    deploymentId: `D-${jobId}`,
    applicationName: `App ${jobId}`,
    action: 'install',
    requestedBy: 'user',
    outcome,
    exitCode: outcome === 'failed' ? 1603 : 0,
    finishedAt: T0 + MIN,
    nextRetryAt: null,
  }
}

const restart = {
  kind: 'restart' as const,
  requestedBy: [{ source: 'job' as const, name: 'Kernel update' }],
  since: T0,
  deadline: T0 + 60 * MIN,
  countdownFrom: T0 + 45 * MIN,
  snoozedUntil: null,
  snoozeLimit: T0 + 60 * MIN,
  hard: false,
}

describe('notification events', () => {
  const viewer = { userName: 'ada' }

  it('tells the viewer when their own queued request starts, and not when someone else’s does', () => {
    const before = activity({ queue: [queued('mine', 'ada'), queued('theirs', 'bob', 2)] })
    const own = trackOwnJobs(new Set(), before, viewer.userName)
    expect([...own]).toEqual(['mine'])
    const started = notificationEvents(before, activity({ current: running('mine') }), own, T0)
    expect(started).toEqual([
      { kind: 'request_started', jobId: 'mine', applicationName: 'App mine', action: 'install' },
    ])
    const other = notificationEvents(before, activity({ current: running('theirs') }), own, T0)
    expect(other).toEqual([])
  })

  it('tells a finished request once, and a failed one as a failure', () => {
    const before = activity({ current: running('mine') })
    const own = new Set(['mine'])
    const done = activity({ recent: [finished('mine', 'succeeded')] })
    expect(notificationEvents(before, done, own, T0).map((e) => e.kind)).toEqual(['request_finished'])
    expect(notificationEvents(done, done, own, T0)).toEqual([])
    const failed = activity({ recent: [finished('mine', 'failed')] })
    expect(notificationEvents(before, failed, own, T0).map((e) => e.kind)).toEqual(['request_failed'])
  })

  it('says nothing about the past on the first snapshot, except a pending restart', () => {
    const first = activity({ recent: [finished('mine', 'succeeded')], restart })
    expect(notificationEvents(null, first, new Set(['mine']), T0).map((e) => e.kind)).toEqual([
      'restart_required',
    ])
  })

  it('tells when the restart countdown begins, once', () => {
    const pending = activity({ restart })
    const late = activity({ restart, generatedAt: T0 + 46 * MIN })
    expect(notificationEvents(pending, late, new Set(), T0 + 46 * MIN).map((e) => e.kind)).toEqual([
      'deadline_near',
    ])
    expect(
      notificationEvents(late, { ...late, generatedAt: T0 + 47 * MIN }, new Set(), T0 + 47 * MIN),
    ).toEqual([])
  })
})

describe('do-not-disturb gate', () => {
  const started = {
    kind: 'request_started' as const,
    jobId: 'mine',
    applicationName: 'App mine',
    action: 'install' as const,
  }
  const done = { kind: 'request_finished' as const, job: finished('mine', 'succeeded') }
  const near = { kind: 'deadline_near' as const, restart }

  it('holds what is not urgent while do-not-disturb is on and lets the countdown through', () => {
    const gate = gateNotifications([], [started, near], true)
    expect(gate.send).toEqual([near])
    expect(gate.held).toEqual([started])
  })

  it('sends what it held when do-not-disturb ends, only the latest per topic', () => {
    const gate = gateNotifications([started], [done], false)
    expect(gate.send).toEqual([done])
    expect(gate.held).toEqual([])
  })
})
