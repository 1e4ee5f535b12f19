/**
 * Carries out one job, step by step, writing each step down before it acts: detection and
 * requirements first, then content (download, resume, verify), then the command line under
 * its maximum run time with an inhibitor lock, then detection again and the exit-code verdict.
 * A job the agent found interrupted at start-up waits for its old process, then is re-detected.
 */
import type { KeyObject } from 'node:crypto'
import { rm } from 'node:fs/promises'
import path from 'node:path'
import type { DeploymentType, PolicyBody } from '@sitrep/protocol'
import type { DeploymentReport, JobEvent } from './core/deployment-reports.ts'
import { jobEventReport } from './core/deployment-reports.ts'
import type { Job } from './core/job.ts'
import {
  beginDetect,
  beginDownload,
  beginJob,
  beginRun,
  finishJob,
  judgeInterrupted,
  judgeRun,
  normalizeExitCode,
  recordRunPid,
  retryJob,
  RETRY_DEFAULTS,
} from './core/job-steps.ts'
import { addRestartRequest } from './core/restart-pending.ts'
import type { RestartRequest } from './core/restart-pending.ts'
import type { QueueState } from './io/queue-file.ts'
import { downloadContent, placeContent } from './io/content-cache.ts'
import type { Detection } from './io/detection.ts'
import { detect } from './io/detection.ts'
import { takeInhibitorLock } from './io/inhibitor.ts'
import type { MachineFacts } from './io/machine-facts.ts'
import { checkRequirements } from './io/requirements.ts'
import type { RunOutcome } from './io/run-command.ts'
import { displayCommandLine, isProcessAlive, runCommand, signalGroup } from './io/run-command.ts'

/** What running a job needs from the agent. */
export interface RunJobDeps {
  readonly clock: () => number
  /** Length of a policy minute in ms (60 000; tests shorten it). */
  readonly minuteMs: number
  readonly facts: MachineFacts
  readonly contentDir: string
  readonly commit: (
    update: (state: QueueState) => QueueState,
    reports?: readonly DeploymentReport[],
  ) => Promise<unknown>
  /** Full URLs to fetch a content file from, best first. */
  readonly contentUrls: (sha256s: readonly string[]) => Promise<ReadonlyMap<string, readonly string[]>>
  readonly signer: () => Promise<{
    readonly clientId: string
    readonly privateKey: KeyObject
  } | null>
  readonly onProgress: (percent: number | null) => void
  readonly run?: typeof runCommand
  readonly detect?: (method: DeploymentType['detection']) => Promise<Detection>
  readonly lookupUser?: (uid: number) => Promise<{ readonly uid: number; readonly gid: number } | null>
  /** Ends with the agent: an interrupted download resumes at the next start. */
  readonly signal?: AbortSignal
}

function replaceJob(job: Job): (state: QueueState) => QueueState {
  return (state) => ({ ...state, jobs: state.jobs.map((j) => (j.jobId === job.jobId ? job : j)) })
}

/** Runs `job` of deployment `body` to its next resting point (finished, or back in the queue). */
export async function runJob(job: Job, body: PolicyBody, deps: RunJobDeps): Promise<void> {
  const report = (j: Job, ...events: JobEvent[]): DeploymentReport[] =>
    events.map((e) => jobEventReport(j, e))
  const save = async (
    next: Job,
    events: JobEvent[] = [],
    extra?: (s: QueueState) => QueueState,
  ): Promise<Job> => {
    await deps.commit(
      (s) => (extra === undefined ? replaceJob(next)(s) : extra(replaceJob(next)(s))),
      report(next, ...events),
    )
    return next
  }
  const finish = async (
    current: Job,
    outcome: Job['outcome'] & string,
    events: JobEvent[],
    detail: string | null = null,
    extra?: (s: QueueState) => QueueState,
  ): Promise<void> => {
    await save(finishJob(current, { outcome, now: deps.clock(), detail }), events, extra)
    await rm(jobFolder(deps.contentDir, current.jobId), { recursive: true, force: true })
  }
  const detectWith = deps.detect ?? ((method) => detect(method))
  const dt = body.application.deploymentTypes.find((t) => t.id === job.deploymentTypeId)
  if (dt === undefined) {
    await finish(beginJob(job, deps.clock()), 'requirements_not_met', [
      {
        kind: 'requirements_not_met',
        requirements: `no deployment type of ${body.application.name} fits ${deps.facts.platform}`,
      },
    ])
    return
  }

  if (job.stage === 'detecting') {
    await finishAfterRun(job, dt, body, deps, save, finish, detectWith)
    return
  }

  let current = await save(beginJob(job, deps.clock()))
  const before = await detectWith(dt.detection)
  if (job.action === 'install' ? before.installed : !before.installed) {
    await finish(current, 'already_installed', [{ kind: 'already_installed' }], before.reason)
    return
  }
  const requirements = await checkRequirements(dt.requirements, deps.facts)
  if (!requirements.met) {
    const text = requirements.unmet.join('; ')
    await finish(
      current,
      'requirements_not_met',
      [{ kind: 'requirements_not_met', requirements: text }],
      text,
    )
    return
  }

  const folder = jobFolder(deps.contentDir, job.jobId)
  if (dt.content.length > 0) {
    const urls = await deps.contentUrls(dt.content.map((f) => f.sha256))
    const firstSource = urls.get(dt.content[0]?.sha256 ?? '')?.[0] ?? 'the management point'
    // A download the agent was killed in resumes without a second 10023: the site heard of it once.
    const resumed = current.reported.includes('download_started')
    current = await save(
      {
        ...beginDownload(current),
        reported: resumed ? current.reported : [...current.reported, 'download_started'],
      },
      resumed ? [] : [{ kind: 'download_started', source: firstSource }],
    )
    const total = dt.content.reduce((sum, f) => sum + f.size, 0)
    let done = 0
    const signer = await deps.signer()
    for (const file of dt.content) {
      const result = await downloadContent({
        file,
        urls: urls.get(file.sha256) ?? [],
        cacheDir: deps.contentDir,
        signer,
        clock: deps.clock,
        onProgress: (received) =>
          deps.onProgress(Math.min(100, Math.round(((done + received) / total) * 100))),
        ...(deps.signal === undefined ? {} : { signal: deps.signal }),
      })
      if (!result.ok && result.reason === 'hash_mismatch') {
        await finish(
          current,
          'failed',
          [{ kind: 'content_integrity_failed', file: file.path }],
          result.detail,
        )
        return
      }
      if (!result.ok) {
        if (deps.signal?.aborted === true) return // the agent is stopping: the download resumes next start
        const retry = retryJob(current, {
          notBefore: deps.clock() + RETRY_DEFAULTS.contentMs,
          reason: 'content',
          detail: result.detail,
        })
        await save(retry, [
          { kind: 'download_failed', source: result.source ?? firstSource, error: result.detail },
          { kind: 'waiting_content' },
        ])
        return
      }
      done += file.size
    }
    await placeContent(deps.contentDir, dt.content, folder)
    current = await save(current, [{ kind: 'download_completed' }])
  } else {
    await placeContent(deps.contentDir, [], folder)
  }
  deps.onProgress(null)

  const argv = job.action === 'install' ? dt.install : (dt.uninstall ?? null)
  if (argv === null) {
    await finish(current, 'failed', [
      { kind: 'failed', exitCode: null, detail: 'the deployment type has no uninstall command line' },
    ])
    return
  }
  const cwd = dt.workingDirectory === undefined ? folder : path.resolve(folder, dt.workingDirectory)
  let account: { readonly uid: number; readonly gid: number } | null = null
  if (dt.runAs === 'user') {
    account =
      job.userUid === null || deps.lookupUser === undefined ? null : await deps.lookupUser(job.userUid)
    if (account === null) {
      const detail = 'the deployment type runs as the logged-on user, and no user asked for this job'
      await finish(current, 'failed', [{ kind: 'failed', exitCode: null, detail }], detail)
      return
    }
  }
  const runAsName = account === null ? 'the system account' : (job.userName ?? `uid ${account.uid}`)
  current = await save(beginRun(current, deps.clock()), [
    { kind: 'program_started', commandLine: displayCommandLine(argv), folder: cwd, runAs: runAsName },
  ])
  const lock = takeInhibitorLock(`installing ${job.applicationName}`)
  let outcome: RunOutcome
  try {
    const running = current
    outcome = await (deps.run ?? runCommand)({
      argv,
      cwd,
      timeoutMs: job.maxRunMinutes * deps.minuteMs,
      ...(account === null || account.uid === process.getuid?.()
        ? {}
        : { uid: account.uid, gid: account.gid }),
      onStart: async (pid) => {
        current = recordRunPid(running, pid)
        await deps.commit(replaceJob(current))
      },
    })
  } finally {
    lock.release()
  }
  if (outcome.spawnError !== null) {
    await finish(
      current,
      'failed',
      [{ kind: 'failed', exitCode: null, detail: outcome.spawnError }],
      outcome.spawnError,
    )
    return
  }
  if (outcome.timedOut) {
    const detail = `the maximum run time of ${job.maxRunMinutes} minutes passed; the process tree was ended`
    await finish(current, 'timed_out', [{ kind: 'timed_out', maxRunMinutes: job.maxRunMinutes }], detail)
    return
  }
  const exitCode = outcome.exitCode === null ? null : normalizeExitCode(outcome.exitCode, process.platform)
  current = await save(beginDetect(current, { exitCode, output: outcome.output }), [], (s) => ({
    ...s,
    history: [...s.history, { applicationId: job.applicationId, durationMs: outcome.durationMs }],
  }))
  await finishAfterRun(current, dt, body, deps, save, finish, detectWith)
}

/** Where a job's content is placed while it runs. */
export function jobFolder(contentDir: string, jobId: string): string {
  return path.join(contentDir, 'jobs', jobId)
}

type Save = (next: Job, events?: JobEvent[], extra?: (s: QueueState) => QueueState) => Promise<Job>
type Finish = (
  current: Job,
  outcome: Job['outcome'] & string,
  events: JobEvent[],
  detail?: string | null,
  extra?: (s: QueueState) => QueueState,
) => Promise<void>

/** Detection after a run (or after an interrupted one), then the verdict and its messages. */
async function finishAfterRun(
  job: Job,
  dt: DeploymentType,
  body: PolicyBody,
  deps: RunJobDeps,
  save: Save,
  finish: Finish,
  detectWith: (method: DeploymentType['detection']) => Promise<Detection>,
): Promise<void> {
  if (job.interrupted) {
    const timedOut = await waitForOldProcess(job, deps)
    if (timedOut) {
      await finish(
        job,
        'timed_out',
        [{ kind: 'timed_out', maxRunMinutes: job.maxRunMinutes }],
        'the maximum run time passed while the agent was away; the process tree was ended',
      )
      return
    }
    const after = await detectWith(dt.detection)
    const verdict = judgeInterrupted(job, after.installed, deps.clock())
    if (verdict.kind === 'requeue') {
      await save({ ...job, stage: 'queued', runPid: null, interrupted: false, runStartedAt: null }, [
        { kind: 'interrupted' },
      ])
      return
    }
    const events: JobEvent[] =
      verdict.outcome === 'failed' ? [{ kind: 'interrupted' }] : [{ kind: 'succeeded', exitCode: null }]
    await finish(job, verdict.outcome, events, verdict.detail)
    return
  }
  const after = await detectWith(dt.detection)
  const verdict = judgeRun({
    exitCode: job.exitCode,
    timedOut: false,
    detectedAfter: after.installed,
    action: job.action,
    successExitCodes: dt.successExitCodes,
    successAction: dt.successAction,
  })
  if (verdict.kind === 'retry') {
    await save(
      retryJob(job, {
        notBefore: deps.clock() + RETRY_DEFAULTS.anotherInstallationMs,
        reason: verdict.reason,
        detail: verdict.detail,
      }),
      [{ kind: 'retry_another_installation' }],
    )
    return
  }
  const exitCode = job.exitCode ?? 0
  switch (verdict.outcome) {
    case 'succeeded':
    case 'succeeded_logoff_required': {
      const logoff = verdict.outcome === 'succeeded_logoff_required'
      await finish(job, verdict.outcome, [{ kind: 'succeeded', exitCode }], null, (s) =>
        logoff
          ? { ...s, restart: addRestartRequest(s.restart, restartRequest(job, 'logoff', body, deps)) }
          : s,
      )
      return
    }
    case 'succeeded_restart_required': {
      const request = restartRequest(job, 'restart', body, deps)
      const deadline = request.graceMinutes === null ? null : request.now + request.graceMinutes * 60_000
      await finish(
        job,
        verdict.outcome,
        [
          { kind: 'succeeded_restart', exitCode },
          deadline === null
            ? { kind: 'restart_requested' }
            : { kind: 'restart_scheduled', at: new Date(deadline).toISOString() },
        ],
        null,
        (s) => ({ ...s, restart: addRestartRequest(s.restart, request) }),
      )
      return
    }
    case 'timed_out':
      await finish(
        job,
        'timed_out',
        [{ kind: 'timed_out', maxRunMinutes: job.maxRunMinutes }],
        verdict.detail,
      )
      return
    case 'failed':
    case 'already_installed':
    case 'requirements_not_met':
    case 'cancelled':
      await finish(
        job,
        verdict.outcome,
        [{ kind: 'failed', exitCode: job.exitCode, detail: verdict.detail ?? '' }],
        verdict.detail,
      )
      return
  }
}

/** The restart (or logoff) a finished job asks for, with its deployment's grace and countdown. */
function restartRequest(
  job: Job,
  kind: 'restart' | 'logoff',
  body: PolicyBody,
  deps: RunJobDeps,
): RestartRequest {
  const { settings } = body
  // Policy minutes are scaled like run times, so tests can use short graces.
  const scale = deps.minuteMs / 60_000
  return {
    kind,
    source: 'job',
    name: job.applicationName,
    now: deps.clock(),
    // An available deployment only advises; a required one is enforced after its grace period.
    graceMinutes: settings.intent === 'required' ? settings.restartGraceMinutes * scale : null,
    countdownMinutes: settings.restartCountdownMinutes * scale,
    hard: settings.restartOutsideWindows,
  }
}

/**
 * Waits for the process an interrupted job left running, until its maximum run time from when
 * it started; past that, ends its process group. Returns true when it had to end it.
 */
async function waitForOldProcess(job: Job, deps: RunJobDeps): Promise<boolean> {
  const pid = job.runPid
  if (pid === null) return false
  const limit = (job.runStartedAt ?? deps.clock()) + job.maxRunMinutes * deps.minuteMs
  while (isProcessAlive(pid)) {
    if (deps.clock() >= limit) {
      signalGroup(pid, 'SIGTERM')
      await new Promise((resolve) => setTimeout(resolve, 1000))
      signalGroup(pid, 'SIGKILL')
      return true
    }
    await new Promise((resolve) => setTimeout(resolve, 200))
  }
  return false
}
