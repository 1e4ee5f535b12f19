import type { MaintenanceWindow } from '@sitrep/protocol'
import { describe, expect, it } from 'vitest'
import { testJob } from '../../test/helpers/jobs.ts'
import { beginJob } from './job-steps.ts'
import { planQueue } from './plan-queue.ts'

const MIN = 60_000
const now = Date.parse('2026-12-07T12:00:00Z')
const none = new Map()

describe('planQueue', () => {
  it('starts the first job right away when the agent is idle', () => {
    const job = testJob({ requestedAt: now })
    const plan = planQueue({ jobs: [job], now, history: [], constraints: none })
    expect(plan.startNow?.jobId).toBe(job.jobId)
    expect(plan.queued[0]).toMatchObject({ position: 1, estimatedStartAt: now, waitingFor: null })
  })

  it('queues user requests behind a running install with positions and start times from the estimates', () => {
    const running = beginJob(testJob({ estimatedRunMinutes: 10, requestedAt: now - MIN }), now - 2 * MIN)
    const requests = [1, 2, 3].map((i) =>
      testJob({
        requestedBy: 'user',
        userName: 'ada',
        requestedAt: now + i,
        estimatedRunMinutes: 4,
        applicationId: `APP-000${i + 1}`,
      }),
    )
    const plan = planQueue({ jobs: [running, ...requests], now, history: [], constraints: none })
    expect(plan.startNow).toBeNull()
    expect(plan.active?.estimatedEndAt).toBe(now + 8 * MIN)
    expect(plan.queued.map((q) => [q.job.jobId, q.position, q.estimatedStartAt, q.waitingFor])).toEqual([
      [requests[0]?.jobId, 1, now + 8 * MIN, 'another_installation'],
      [requests[1]?.jobId, 2, now + 12 * MIN, 'another_installation'],
      [requests[2]?.jobId, 3, now + 16 * MIN, 'another_installation'],
    ])
  })

  it('estimates from the median of earlier runs of the same application on this machine', () => {
    const job = testJob({ requestedBy: 'user', estimatedRunMinutes: 30 })
    const running = beginJob(testJob({ applicationId: 'APP-0009', estimatedRunMinutes: 1 }), now)
    const history = [
      { applicationId: 'APP-0009', durationMs: 2 * MIN },
      { applicationId: 'APP-0009', durationMs: 3 * MIN },
      { applicationId: 'APP-0009', durationMs: 10 * MIN },
    ]
    const plan = planQueue({ jobs: [running, job], now, history, constraints: none })
    expect(plan.queued[0]?.estimatedStartAt).toBe(now + 3 * MIN)
  })

  it('uses the site median when this machine has never run the application', () => {
    const running = beginJob(testJob({ deploymentId: 'PS100002', estimatedRunMinutes: 30 }), now)
    const job = testJob({ requestedBy: 'user' })
    const constraints = new Map([
      ['PS100002', { maintenanceWindows: [], installOutsideWindows: false, siteMedianMs: 7 * MIN }],
    ])
    const plan = planQueue({ jobs: [running, job], now, history: [], constraints })
    expect(plan.queued[0]?.estimatedStartAt).toBe(now + 7 * MIN)
  })

  it('puts required deployments before user requests, earliest deadline first', () => {
    const user = testJob({ requestedBy: 'user', requestedAt: now - 10 * MIN })
    const late = testJob({ deadline: now + 60 * MIN, requestedAt: now - 5 * MIN })
    const soon = testJob({ deadline: now + 10 * MIN, requestedAt: now })
    const plan = planQueue({ jobs: [user, late, soon], now, history: [], constraints: none })
    expect(plan.queued.map((q) => q.job.jobId)).toEqual([soon.jobId, late.jobId, user.jobId])
  })

  it('lets user requests run while a required install waits for its maintenance window', () => {
    const nights: MaintenanceWindow = {
      name: 'Nights',
      type: 'all_programs',
      timeZone: 'UTC',
      start: '22:00',
      durationMinutes: 240,
      recurrence: { kind: 'daily', everyDays: 1 },
      enabled: true,
    }
    const required = testJob({ deploymentId: 'PS100003', deadline: now + 24 * 60 * MIN })
    const user = testJob({ requestedBy: 'user' })
    const constraints = new Map([
      ['PS100003', { maintenanceWindows: [nights], installOutsideWindows: false }],
    ])
    const plan = planQueue({ jobs: [required, user], now, history: [], constraints })
    expect(plan.startNow?.jobId).toBe(user.jobId)
    expect(plan.queued[1]).toMatchObject({
      job: { jobId: required.jobId },
      position: 2,
      estimatedStartAt: Date.parse('2026-12-07T22:00:00Z'),
      waitingFor: 'maintenance_window',
    })
  })

  it('runs a required install past its deadline outside windows when the deployment allows it', () => {
    const required = testJob({ deploymentId: 'PS100004', deadline: now - MIN })
    const closedWindow: MaintenanceWindow = {
      name: 'Sundays',
      type: 'all_programs',
      timeZone: 'UTC',
      start: '03:00',
      durationMinutes: 120,
      recurrence: { kind: 'weekly', days: [0] },
      enabled: true,
    }
    const constraints = new Map([
      ['PS100004', { maintenanceWindows: [closedWindow], installOutsideWindows: true }],
    ])
    expect(planQueue({ jobs: [required], now, history: [], constraints }).startNow?.jobId).toBe(
      required.jobId,
    )
  })

  it('holds a job until its retry time and says so', () => {
    const job = { ...testJob(), notBefore: now + 5 * MIN, waitingFor: 'another_installation' as const }
    const plan = planQueue({ jobs: [job], now, history: [], constraints: none })
    expect(plan.startNow).toBeNull()
    expect(plan.queued[0]).toMatchObject({
      estimatedStartAt: now + 5 * MIN,
      waitingFor: 'another_installation',
      readyAt: now + 5 * MIN,
    })
  })

  it('starts nothing while a restart the machine owes blocks installs', () => {
    const plan = planQueue({ jobs: [testJob()], now, history: [], constraints: none, blockedByRestart: true })
    expect(plan.startNow).toBeNull()
    expect(plan.queued[0]?.waitingFor).toBe('pending_restart')
  })
})
