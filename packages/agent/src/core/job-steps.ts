/**
 * The steps of a job's life as pure functions from a job (and what just happened) to the next
 * job, plus the two decisions that matter most: what a finished run means (exit code, time
 * limit, detection afterwards), and what a job found in the queue file after a crash becomes.
 */
import type { JobOutcome, SuccessAction } from '@sitrep/protocol'
import { classifyExitCode } from '@sitrep/protocol'
import type { Job } from './job.ts'

const MINUTE_MS = 60_000

/** Retry timing, with units. */
export const RETRY_DEFAULTS = {
  /** 1618 (another installation in progress): try again after this long. */
  anotherInstallationMs: 5 * MINUTE_MS,
  /** Content could not be fetched: try again after this long. */
  contentMs: 10 * MINUTE_MS,
  /** Give up (failed) after this many runs of the command line. */
  maxAttempts: 3,
} as const

/** The job leaves the queue: detection and requirements come first. */
export function beginJob(job: Job, now: number): Job {
  return { ...job, stage: 'checking', startedAt: now, waitingFor: null, notBefore: null, detail: null }
}

/** Content is being fetched. */
export function beginDownload(job: Job): Job {
  return { ...job, stage: 'downloading' }
}

/** The command line is about to start: from here on a crash means "re-detect, do not re-run". */
export function beginRun(job: Job, now: number): Job {
  return {
    ...job,
    stage: 'running',
    attempts: job.attempts + 1,
    runStartedAt: now,
    runPid: null,
    interrupted: false,
  }
}

/** The command started as process `pid` (its own process group). */
export function recordRunPid(job: Job, pid: number): Job {
  return { ...job, runPid: pid }
}

/** The command ended (or was ended); detection runs next. */
export function beginDetect(
  job: Job,
  run: { readonly exitCode: number | null; readonly output: string },
): Job {
  return {
    ...job,
    stage: 'detecting',
    exitCode: run.exitCode,
    output: run.output,
    runPid: null,
    interrupted: false,
  }
}

/** The job ends with `outcome`. */
export function finishJob(
  job: Job,
  result: { readonly outcome: JobOutcome; readonly now: number; readonly detail?: string | null },
): Job {
  return {
    ...job,
    stage: 'finished',
    outcome: result.outcome,
    finishedAt: result.now,
    waitingFor: null,
    notBefore: null,
    detail: result.detail ?? job.detail,
  }
}

/** The job goes back to the queue until `notBefore`. */
export function retryJob(
  job: Job,
  result: {
    readonly notBefore: number
    readonly reason: 'retry' | 'content' | 'another_installation'
    readonly detail: string
  },
): Job {
  return {
    ...job,
    stage: 'queued',
    runStartedAt: null,
    runPid: null,
    interrupted: false,
    notBefore: result.notBefore,
    waitingFor: result.reason,
    detail: result.detail,
    // A new attempt reports its download and its waits again.
    reported: [],
  }
}

/** A user cancels a queued request. */
export function cancelJob(job: Job, now: number): Job {
  return finishJob(job, { outcome: 'cancelled', now, detail: 'cancelled by the user before it started' })
}

/**
 * POSIX exit statuses are 8 bits, so an installer on Linux or macOS cannot exit 3010, 1641 or
 * 1618: the kernel keeps the low byte (194, 105, 82). Sitrep reads those bytes as the codes of
 * reference §16.1 on POSIX, so a cross-platform installer can ask for a restart the same way
 * everywhere (docs/agent.md). On Windows exit codes are 32 bits and pass through unchanged.
 */
export const POSIX_EXIT_CODE_ALIASES: Readonly<Record<number, number>> = { 194: 3010, 105: 1641, 82: 1618 }

/** The exit code as §16.1 reads it (see {@link POSIX_EXIT_CODE_ALIASES}). */
export function normalizeExitCode(exitCode: number, platform: NodeJS.Platform): number {
  return platform === 'win32' ? exitCode : (POSIX_EXIT_CODE_ALIASES[exitCode] ?? exitCode)
}

/** What a run of the command line ended with. */
export interface RunResult {
  readonly exitCode: number | null
  /** The maximum run time passed and the process tree was ended. */
  readonly timedOut: boolean
  /** Detection after the run: `true` when the application is present. */
  readonly detectedAfter: boolean
  readonly action: 'install' | 'uninstall'
  readonly successExitCodes: readonly number[]
  readonly successAction: SuccessAction
}

/** What to do after a run. */
export type RunVerdict =
  | { readonly kind: 'finished'; readonly outcome: JobOutcome; readonly detail: string | null }
  | { readonly kind: 'retry'; readonly reason: 'another_installation'; readonly detail: string }

/**
 * Reads a finished run as reference §16.1 does: 0 (and the deployment type's extra codes)
 * success; 3010 success with a restart; 1641 success after the installer started a restart;
 * 1618 another installation is running, so retry soon; anything else failure. A success whose
 * detection afterwards disagrees (not present after an install, still present after an
 * uninstall) is a failure, as a real client reports it.
 */
export function judgeRun(run: RunResult): RunVerdict {
  if (run.timedOut) {
    return {
      kind: 'finished',
      outcome: 'timed_out',
      detail: 'the maximum run time passed; the process tree was ended',
    }
  }
  if (run.exitCode === null) {
    return { kind: 'finished', outcome: 'failed', detail: 'the program was ended by a signal' }
  }
  const exit = classifyExitCode(run.exitCode, run.successExitCodes)
  if (exit === 'retry') {
    return {
      kind: 'retry',
      reason: 'another_installation',
      detail: `exit code ${run.exitCode}: another installation is in progress`,
    }
  }
  if (exit === 'failure') {
    return { kind: 'finished', outcome: 'failed', detail: `exit code ${run.exitCode}` }
  }
  const expectedPresent = run.action === 'install'
  if (run.detectedAfter !== expectedPresent) {
    return {
      kind: 'finished',
      outcome: 'failed',
      detail: `exit code ${run.exitCode} means success, but detection afterwards says the application is ${run.detectedAfter ? 'still present' : 'not present'}`,
    }
  }
  if (exit === 'success_soft_restart' || exit === 'success_hard_restart' || run.successAction === 'restart') {
    return { kind: 'finished', outcome: 'succeeded_restart_required', detail: null }
  }
  if (run.successAction === 'logoff')
    return { kind: 'finished', outcome: 'succeeded_logoff_required', detail: null }
  return { kind: 'finished', outcome: 'succeeded', detail: null }
}

/**
 * What a job found in the queue file at start-up becomes. A finished job stays finished (a
 * success is never run twice); a job that was checking or downloading goes back to the queue
 * (checks are cheap and downloads resume); a job whose command line had started is re-detected
 * before anything else (`detecting`), never started again blindly.
 */
export function recoverJob(job: Job): Job {
  switch (job.stage) {
    case 'queued':
    case 'finished':
      return job
    case 'checking':
    case 'downloading':
      return { ...job, stage: 'queued' }
    case 'running':
      return {
        ...job,
        stage: 'detecting',
        interrupted: true,
        exitCode: null,
        detail: 'the agent stopped while the program ran; detection decides whether it finished',
      }
    case 'detecting':
      return job
  }
}

/**
 * After re-detecting a job that was interrupted while its program ran: present means it
 * finished (for an install), absent means run it again, unless it has used all its attempts.
 */
export function judgeInterrupted(
  job: Job,
  detected: boolean,
  now: number,
):
  | { readonly kind: 'finished'; readonly outcome: JobOutcome; readonly detail: string }
  | { readonly kind: 'requeue' } {
  const done = job.action === 'install' ? detected : !detected
  if (done) {
    return {
      kind: 'finished',
      outcome: 'succeeded',
      detail: 'the agent stopped while the program ran; detection afterwards found it finished',
    }
  }
  if (job.attempts >= RETRY_DEFAULTS.maxAttempts) {
    return {
      kind: 'finished',
      outcome: 'failed',
      detail: `the program was interrupted ${job.attempts} times and detection does not find it finished`,
    }
  }
  void now
  return { kind: 'requeue' }
}
