/**
 * A job: one install or uninstall of one deployment, from the moment it is queued until it
 * ends. Jobs are plain values; the agent stores them in its queue file after every step, so a
 * job's `stage` is what the agent knew the last time it wrote it down.
 */
import type { JobOutcome, JobPhase, WaitReason } from '@sitrep/protocol'

/** Where a job is in its life. */
export const JOB_STAGES = [
  /** Waiting its turn (or a window, or a retry time). */
  'queued',
  /** Checking detection and requirements before anything else. */
  'checking',
  /** Fetching content; safe to start again after a crash (downloads resume). */
  'downloading',
  /** The command line was started: after a crash this job must be re-detected, never re-run blindly. */
  'running',
  /** Running detection after the command ended. */
  'detecting',
  /** Ended; see `outcome`. A finished job never runs again. */
  'finished',
] as const
export type JobStage = (typeof JOB_STAGES)[number]

/** Who asked for a job. */
export type JobRequester = 'deployment' | 'user'

/** One job, as the queue file stores it. */
export interface Job {
  readonly jobId: string
  readonly deploymentId: string
  /** The policy body version the job was made from. */
  readonly policyVersion: string
  readonly applicationId: string
  readonly applicationName: string
  readonly applicationVersion: string
  readonly deploymentTypeId: string
  readonly deploymentTypeName: string
  readonly action: 'install' | 'uninstall'
  readonly requestedBy: JobRequester
  /** The user who asked, for user requests (and the uid that may cancel it). */
  readonly userName: string | null
  readonly userUid: number | null
  /** Epoch ms. */
  readonly requestedAt: number
  /** Required deployments: when it must be done. */
  readonly deadline: number | null
  readonly estimatedRunMinutes: number
  readonly maxRunMinutes: number
  readonly stage: JobStage
  /** Runs of the command line so far. */
  readonly attempts: number
  /** Epoch ms the current attempt's command started, while `stage` is `running`. */
  readonly runStartedAt: number | null
  /** The pid (and process group) of the running command, so a restarted agent can wait for it. */
  readonly runPid: number | null
  /** The agent stopped while the command ran: detection decides, the command is not started blindly again. */
  readonly interrupted: boolean
  /** Epoch ms the job left the queue (first `checking`). */
  readonly startedAt: number | null
  /** A retry time (1618, an interrupted run, an unreachable content source). */
  readonly notBefore: number | null
  /** Why the job is not running now, while queued. */
  readonly waitingFor: WaitReason | null
  readonly outcome: JobOutcome | null
  readonly exitCode: number | null
  readonly finishedAt: number | null
  /** Bounded output of the last run (stdout and stderr, tail). */
  readonly output: string
  /** Detail for people: why it failed or waits. */
  readonly detail: string | null
  /**
   * Once-per-attempt events already reported (`download_started`, `waiting_maintenance_window`),
   * so an agent restarted mid-download or still waiting does not report them again.
   */
  readonly reported: readonly string[]
}

/** A job as it is first queued. */
export type NewJob = Omit<
  Job,
  | 'stage'
  | 'attempts'
  | 'runStartedAt'
  | 'runPid'
  | 'interrupted'
  | 'startedAt'
  | 'notBefore'
  | 'waitingFor'
  | 'outcome'
  | 'exitCode'
  | 'finishedAt'
  | 'output'
  | 'detail'
  | 'reported'
>

/** Makes a queued job. */
export function createJob(fields: NewJob): Job {
  return {
    ...fields,
    stage: 'queued',
    attempts: 0,
    runStartedAt: null,
    runPid: null,
    interrupted: false,
    startedAt: null,
    notBefore: null,
    waitingFor: null,
    outcome: null,
    exitCode: null,
    finishedAt: null,
    output: '',
    detail: null,
    reported: [],
  }
}

/** True while a job still has work to do (queued or in progress). */
export function isOpen(job: Job): boolean {
  return job.stage !== 'finished'
}

/** True when a job is being worked on now. */
export function isActive(job: Job): boolean {
  return (
    job.stage === 'checking' ||
    job.stage === 'downloading' ||
    job.stage === 'running' ||
    job.stage === 'detecting'
  )
}

/** The activity phase of an active job, for the local API. */
export function jobPhase(job: Job): JobPhase {
  switch (job.stage) {
    case 'downloading':
      return 'downloading'
    case 'running':
      return job.action === 'install' ? 'installing' : 'uninstalling'
    case 'detecting':
      return 'detecting'
    case 'queued':
    case 'checking':
    case 'finished':
      return 'checking'
  }
}

/** Outcomes that count as the deployment being in place (never run again). */
export function isSuccess(outcome: JobOutcome | null): boolean {
  return (
    outcome === 'succeeded' ||
    outcome === 'succeeded_restart_required' ||
    outcome === 'succeeded_logoff_required' ||
    outcome === 'already_installed'
  )
}
