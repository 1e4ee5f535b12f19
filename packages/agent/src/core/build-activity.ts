/**
 * The activity snapshot the local API serves: one value with everything a surface shows (what
 * runs, n of m, what waits and why, the queue with positions and estimated starts, a pending
 * restart, recent results, available applications). Pure: built from the queue plan and state.
 */
import type {
  AgentActivity,
  AgentWait,
  AvailableApplication,
  FinishedJob,
  PendingRestart,
  QueuedJob,
} from '@sitrep/protocol'
import type { Job } from './job.ts'
import { jobPhase } from './job.ts'
import type { QueuePlan } from './plan-queue.ts'

/** Finished jobs shown in `recent`. */
export const RECENT_JOBS_MAX = 10

/** Inputs of {@link buildActivity}. */
export interface ActivityInput {
  readonly now: number
  readonly plan: QueuePlan
  readonly jobs: readonly Job[]
  readonly restart: PendingRestart | null
  readonly available: readonly AvailableApplication[]
  readonly agent: AgentActivity['agent']
  /** Download or install percent of the active job, when known. */
  readonly percent: number | null
  /** Jobs started since the agent was last idle, the active one included (the "n" of "n of m"). */
  readonly startedInBatch: number
}

function toFinished(job: Job): FinishedJob {
  return {
    jobId: job.jobId,
    deploymentId: job.deploymentId,
    applicationName: job.applicationName,
    action: job.action,
    requestedBy: job.requestedBy,
    outcome: job.outcome ?? 'failed',
    exitCode: job.exitCode,
    finishedAt: job.finishedAt ?? 0,
    nextRetryAt: null,
  }
}

/** Builds the snapshot. */
export function buildActivity(input: ActivityInput): AgentActivity {
  const { plan, now } = input
  const queue: QueuedJob[] = plan.queued.map((q) => ({
    jobId: q.job.jobId,
    deploymentId: q.job.deploymentId,
    applicationName: q.job.applicationName,
    action: q.job.action,
    requestedBy: q.job.requestedBy,
    userName: q.job.userName,
    position: q.position,
    requestedAt: q.job.requestedAt,
    estimatedStartAt: q.estimatedStartAt,
    deadline: q.job.deadline,
    waitingFor: q.waitingFor,
  }))
  let current: AgentActivity['current'] = null
  if (plan.active !== null) {
    const job = plan.active.job
    const dueBehind = plan.queued.filter((q) => q.readyAt === null).length
    const index = Math.max(1, input.startedInBatch)
    current = {
      jobId: job.jobId,
      deploymentId: job.deploymentId,
      applicationName: job.applicationName,
      action: job.action,
      phase: jobPhase(job),
      index,
      total: index + dueBehind,
      percent: input.percent,
      startedAt: job.startedAt ?? now,
      estimatedEndAt: plan.active.estimatedEndAt,
      requestedBy: job.requestedBy,
    }
  }
  let waiting: AgentWait | null = null
  const first = plan.queued[0]
  if (current === null && first !== undefined && first.waitingFor !== null) {
    waiting = {
      reason: first.waitingFor,
      until: first.readyAt ?? first.estimatedStartAt,
      detail: first.job.detail,
    }
  }
  const recent = input.jobs
    .filter((j) => j.stage === 'finished')
    .sort((a, b) => (b.finishedAt ?? 0) - (a.finishedAt ?? 0))
    .slice(0, RECENT_JOBS_MAX)
    .map(toFinished)
  return {
    generatedAt: now,
    agent: input.agent,
    state: current !== null ? 'busy' : waiting !== null ? 'waiting' : 'idle',
    current,
    waiting,
    queue,
    restart: input.restart,
    recent,
    available: [...input.available],
  }
}
