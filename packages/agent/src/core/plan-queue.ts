/**
 * The queue plan: in which order the open jobs run, each one's position and estimated start,
 * and which job (if any) starts now. One job runs at a time. Pure: jobs, windows, history and
 * the time come in; the plan comes out.
 *
 * Order: required deployments first (earliest deadline first, then as they arrived), then user
 * requests in the order they arrived. A job that cannot start yet (its maintenance window is
 * closed, its retry time has not come) does not hold up the jobs behind it: the plan lets them
 * run first when they can finish before it becomes ready, as a single-server schedule would.
 */
import type { MaintenanceWindow, WaitReason } from '@sitrep/protocol'
import type { Job } from './job.ts'
import { isActive } from './job.ts'
import { evaluateWindows } from './maintenance-window.ts'
import type { PastRun } from './run-estimate.ts'
import { estimateRunMs } from './run-estimate.ts'

/** What the plan needs to know of a job's deployment. */
export interface DeploymentConstraints {
  readonly maintenanceWindows: readonly MaintenanceWindow[]
  /** Whether a required install past its deadline may run outside windows. */
  readonly installOutsideWindows: boolean
  /** The site's median run time of the application, when the policy carries it. */
  readonly siteMedianMs?: number | null
}

/** Inputs of {@link planQueue}. */
export interface PlanInput {
  readonly jobs: readonly Job[]
  readonly now: number
  readonly history: readonly PastRun[]
  /** By deployment ID; a job whose deployment is missing runs unrestricted. */
  readonly constraints: ReadonlyMap<string, DeploymentConstraints>
  /** A restart the machine owes blocks new installs until it happens. */
  readonly blockedByRestart?: boolean
}

/** One queued job in the plan. */
export interface PlannedJob {
  readonly job: Job
  /** 1 runs next. */
  readonly position: number
  readonly estimatedStartAt: number | null
  readonly estimatedRunMs: number
  readonly waitingFor: WaitReason | null
  /** When the job's own wait ends (a window opens, a retry is due), if it waits for one. */
  readonly readyAt: number | null
}

/** The plan. */
export interface QueuePlan {
  /** The job being worked on now, with its estimated end. */
  readonly active: { readonly job: Job; readonly estimatedEndAt: number | null } | null
  readonly queued: readonly PlannedJob[]
  /** The job to start now, when nothing is active and the first job is ready. */
  readonly startNow: Job | null
}

function priorityOrder(a: Job, b: Job): number {
  if (a.requestedBy !== b.requestedBy) return a.requestedBy === 'deployment' ? -1 : 1
  if (a.requestedBy === 'deployment') {
    const da = a.deadline ?? a.requestedAt
    const db = b.deadline ?? b.requestedAt
    if (da !== db) return da - db
  }
  return a.requestedAt - b.requestedAt || a.jobId.localeCompare(b.jobId)
}

interface Readiness {
  /** Earliest start at or after `at`; `null` when it can never start (no window within range). */
  readonly at: number | null
  readonly reason: WaitReason | null
}

function readiness(job: Job, at: number, input: PlanInput): Readiness {
  let earliest = at
  let reason: WaitReason | null = null
  if (job.notBefore !== null && job.notBefore > earliest) {
    earliest = job.notBefore
    reason = job.waitingFor ?? 'retry'
  }
  const constraints = input.constraints.get(job.deploymentId)
  const pastDeadline = job.deadline !== null && earliest >= job.deadline
  // Only required deployments wait for windows; a user's own request runs when they ask.
  const windowBound =
    job.requestedBy === 'deployment' &&
    constraints !== undefined &&
    !(pastDeadline && constraints.installOutsideWindows)
  if (windowBound) {
    // As a real client does, a window counts only when the job's maximum run time fits in it.
    const verdict = evaluateWindows(constraints.maintenanceWindows, 'install', earliest, {
      minimumMinutes: job.maxRunMinutes,
    })
    if (verdict.kind === 'closed') {
      return { at: verdict.nextStart, reason: 'maintenance_window' }
    }
  }
  return { at: earliest, reason }
}

/**
 * Plans the queue. The active job's end is its start plus its estimate (never before `now`);
 * each queued job starts when the one before it is estimated to end, or when it becomes ready.
 */
export function planQueue(input: PlanInput): QueuePlan {
  const { now } = input
  const runMsOf = (job: Job): number =>
    estimateRunMs({
      applicationId: job.applicationId,
      estimatedRunMinutes: job.estimatedRunMinutes,
      history: input.history,
      siteMedianMs: input.constraints.get(job.deploymentId)?.siteMedianMs ?? null,
    })

  const activeJob = input.jobs.find(isActive) ?? null
  let clock = now
  let active: QueuePlan['active'] = null
  if (activeJob !== null) {
    const began = activeJob.startedAt ?? now
    const end = Math.max(now, began + runMsOf(activeJob))
    active = { job: activeJob, estimatedEndAt: end }
    clock = end
  }

  const remaining = input.jobs.filter((j) => j.stage === 'queued').sort(priorityOrder)
  const queued: PlannedJob[] = []
  let unschedulable: { job: Job; reason: WaitReason | null; runMs: number }[] = []
  while (remaining.length > 0) {
    let pick = -1
    let pickReady: Readiness | null = null
    for (let i = 0; i < remaining.length; i++) {
      const job = remaining[i]
      if (job === undefined) continue
      const ready = readiness(job, clock, input)
      if (ready.at === null) continue
      if (pickReady === null || pickReady.at === null || ready.at < pickReady.at) {
        pick = i
        pickReady = ready
      }
      if (ready.at === clock) break // the highest-priority job that can start right away wins
    }
    if (pick === -1 || pickReady === null || pickReady.at === null) {
      unschedulable = remaining.map((job) => ({
        job,
        reason: readiness(job, clock, input).reason,
        runMs: runMsOf(job),
      }))
      break
    }
    const [job] = remaining.splice(pick, 1)
    if (job === undefined) break
    const runMs = runMsOf(job)
    const ownWait = readiness(job, now, input)
    queued.push({
      job,
      position: queued.length + 1,
      estimatedStartAt: pickReady.at,
      estimatedRunMs: runMs,
      waitingFor: waitReasonFor(ownWait, now, queued.length === 0 && active === null, input),
      readyAt: ownWait.at !== null && ownWait.at > now ? ownWait.at : null,
    })
    clock = pickReady.at + runMs
  }
  for (const { job, reason, runMs } of unschedulable) {
    queued.push({
      job,
      position: queued.length + 1,
      estimatedStartAt: null,
      estimatedRunMs: runMs,
      waitingFor: reason ?? 'maintenance_window',
      readyAt: null,
    })
  }

  const first = queued[0]
  const startNow =
    active === null &&
    input.blockedByRestart !== true &&
    first !== undefined &&
    first.estimatedStartAt !== null &&
    first.estimatedStartAt <= now
      ? first.job
      : null
  return { active, queued, startNow }
}

function waitReasonFor(own: Readiness, now: number, isNext: boolean, input: PlanInput): WaitReason | null {
  if (input.blockedByRestart === true) return 'pending_restart'
  if (own.at === null || own.at > now) return own.reason ?? 'maintenance_window'
  return isNext ? null : 'another_installation'
}
