/**
 * The agent: one object that holds the state directory, the policy, the queue and the restart
 * state, and runs four loops — policy polling (with jitter), work (one job at a time), delivery
 * of the spool, and the restart watch. Surfaces (the local API, the CLI, tests) call its
 * methods and read its activity; nothing else changes its state.
 */
import type { KeyObject } from 'node:crypto'
import { randomUUID } from 'node:crypto'
import { readFile } from 'node:fs/promises'
import { hostname, uptime } from 'node:os'
import type {
  AgentActivity,
  DeploymentType,
  InstallRequestReply,
  PendingRestart,
  StatusMessageJson,
} from '@sitrep/protocol'
import { ContentLocationReplySchema } from '@sitrep/protocol'
import type { SitrepClient, Transport } from '@sitrep/sdk'
import { callMp, createSitrepClient, createTransport, readJson } from '@sitrep/sdk'
import type { AgentStore } from './agent-store.ts'
import { openAgentStore } from './agent-store.ts'
import { buildActivity } from './core/build-activity.ts'
import type { DeploymentReport } from './core/deployment-reports.ts'
import { jobEventReport } from './core/deployment-reports.ts'
import type { HeldPolicy } from './core/evaluate-policy.ts'
import {
  availableApplications,
  deploymentConstraints,
  jobFields,
  requiredJobsToQueue,
} from './core/evaluate-policy.ts'
import type { Job } from './core/job.ts'
import { createJob, isActive } from './core/job.ts'
import { cancelJob, finishJob, recoverJob } from './core/job-steps.ts'
import type { QueuePlan } from './core/plan-queue.ts'
import { planQueue } from './core/plan-queue.ts'
import { addRestartRequest, restartDue, snoozeRestart } from './core/restart-pending.ts'
import { AgentError, isAgentError } from './errors.ts'
import { readJsonFile, writeJsonDurably } from './io/durable-file.ts'
import type { Detection } from './io/detection.ts'
import { shutdownBlocked } from './io/inhibitor.ts'
import type { MachineFacts } from './io/machine-facts.ts'
import { clientFacts, readMachineFacts } from './io/machine-facts.ts'
import type { QueueState } from './io/queue-file.ts'
import type { RestartAction } from './io/restart-action.ts'
import type { RestartSource } from './io/restart-sources.ts'
import type { runCommand } from './io/run-command.ts'
import { pendingRestartSources } from './io/restart-sources.ts'
import type { StatePaths } from './io/state-dir.ts'
import type { StateSpool } from './io/state-spool.ts'
import { openStateSpool } from './io/state-spool.ts'
import { prepareStateDir } from './io/state-dir.ts'
import { agentReport } from './core/agent-reports.ts'
import type { PolicySet, RefusedPolicy } from './policy/policy-client.ts'
import { loadPolicyCache, pollPolicy } from './policy/policy-client.ts'
import { failedPollDelayMs, firstPollDelayMs, nextPollDelayMs } from './policy/poll-schedule.ts'
import type { SiteKey } from './policy/verify-policy.ts'
import { runJob } from './run-job.ts'
import { AGENT_VERSION } from './version.ts'

/** How the agent logs: fields first, then a short constant message (pino's shape). */
export interface AgentLogger {
  info(fields: object, message: string): void
  warn(fields: object, message: string): void
  error(fields: object, message: string): void
}

/** A logger that drops everything (tests). */
export const SILENT_LOGGER: AgentLogger = {
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
}

/** Options of {@link createAgent}. */
export interface AgentOptions {
  readonly stateDir: string
  /** The management point, `http(s)://…`; `null` runs from cached policy only. */
  readonly mpUrl: string | null
  readonly enrolmentToken?: string
  readonly machine?: string
  readonly clock?: () => number
  readonly random?: () => number
  readonly logger?: AgentLogger
  /** Enforces restarts and logoffs; tests pass a recorder. */
  readonly restartAction: RestartAction
  /** Where the OS says a restart is pending; tests pass their own. */
  readonly restartSources: readonly RestartSource[]
  /** A policy minute in ms (run limits, graces, retry delays); 60 000 except in tests. */
  readonly minuteMs?: number
  /** How often the OS restart sources are asked, in ms. */
  readonly restartCheckMs?: number
  /** Fixed poll delay in ms instead of the site's interval (tests, bench). */
  readonly pollDelayMs?: number
  readonly facts?: MachineFacts
  /** Called after every change with the new activity (the SSE stream listens). */
  readonly onActivity?: (activity: AgentActivity) => void
  /**
   * Runs installers and detection in place of the real ones: the bench's fleet of agents in one
   * process passes a fake installer (no process, detection from memory).
   */
  readonly installer?: {
    readonly run?: typeof runCommand
    readonly detect?: (method: DeploymentType['detection']) => Promise<Detection>
  }
}

/** A running agent. */
export interface Agent {
  readonly paths: StatePaths
  /** Recovers the queue, loads cached policy, starts the loops. */
  start(): Promise<void>
  /** Stops the loops; a job in progress is left for the next start to re-detect. */
  stop(): Promise<void>
  activity(): AgentActivity
  /** Jobs with their history (administrators). */
  jobs(): readonly Job[]
  /** Queues an install (or uninstall) of an available deployment for a user; never refused for being busy. */
  request(input: {
    readonly deploymentId: string
    readonly action: 'install' | 'uninstall'
    readonly userName: string | null
    readonly userUid: number | null
  }): Promise<InstallRequestReply>
  /** Cancels a queued job; `byUid` must have asked for it unless `admin`. */
  cancel(jobId: string, who: { readonly uid: number; readonly admin: boolean }): Promise<void>
  snooze(minutes: number): Promise<PendingRestart>
  /** Restarts (or logs off) now, as the user asked. */
  acceptRestart(userName: string | null): Promise<void>
  /** Polls policy now (wake, network change, `sitrep agent` admin). */
  pollNow(): Promise<void>
  /** Appends status messages from local reporters (the SDK over the socket) to the spool. */
  relay(messages: readonly StatusMessageJson[]): Promise<void>
  /** Raises one of the agent's own messages (user actions, refusals). */
  raise(report: DeploymentReport): Promise<void>
  /** Sends both spools (status and state messages) once; true when both are empty afterwards. */
  flush(): Promise<boolean>
  /** The SDK client the agent reports through. */
  readonly client: SitrepClient
}

const MINUTE_MS = 60_000

/** Builds an agent over one state directory. */
export async function createAgent(options: AgentOptions): Promise<Agent> {
  const clock = options.clock ?? Date.now
  const random = options.random ?? Math.random
  const log = options.logger ?? SILENT_LOGGER
  const minuteMs = options.minuteMs ?? MINUTE_MS
  const paths = await prepareStateDir(options.stateDir)
  const machine = options.machine ?? hostname()
  const client = createSitrepClient({
    stateDir: paths.root,
    machine,
    clock,
    ...(options.mpUrl === null ? {} : { target: options.mpUrl }),
    ...(options.enrolmentToken === undefined ? {} : { enrolmentToken: options.enrolmentToken }),
    timeoutMs: 30_000,
    // The agent registers itself (it needs the site key from the reply); the spool waits until then.
    autoRegister: false,
  })
  const transport: Transport | null = options.mpUrl === null ? null : createTransport(options.mpUrl)
  const facts = options.facts ?? (await readMachineFacts())
  let store: AgentStore | undefined
  let stateSpool: StateSpool | undefined
  let policy: PolicySet = { policies: [], reply: null, fetchedAt: null }
  let siteKey: SiteKey | null = null
  let siteReachable = false
  let stopped = true
  let percent: number | null = null
  let startedInBatch = 0
  let running: Promise<void> | null = null
  let wakeWork: (() => void) | null = null
  let wakePoll: (() => void) | null = null
  let wakeDelivery: (() => void) | null = null
  const loops: Promise<void>[] = []
  const abort = new AbortController()

  const requireStore = (): AgentStore => {
    if (store === undefined)
      throw new AgentError('invalid_config', 'the agent has not started; call start() first')
    return store
  }
  const held = (): readonly HeldPolicy[] => policy.policies
  const heldBody = (deploymentId: string): HeldPolicy | undefined =>
    policy.policies.find((p) => p.body.deploymentId === deploymentId)

  const plan = (state: QueueState = requireStore().state()): QueuePlan =>
    planQueue({
      jobs: state.jobs,
      now: clock(),
      history: state.history,
      constraints: deploymentConstraints(held()),
    })

  const activity = (): AgentActivity => {
    const state = requireStore().state()
    return buildActivity({
      now: clock(),
      plan: plan(state),
      jobs: state.jobs,
      restart: state.restart,
      available: availableApplications(held(), state.jobs, clock()),
      agent: {
        version: AGENT_VERSION,
        clientId: registration?.clientId ?? null,
        siteCode: policy.reply?.siteCode ?? null,
        siteReachable,
        lastPolicyAt: policy.fetchedAt,
      },
      percent,
      startedInBatch,
    })
  }

  const changed = (): void => {
    wakeWork?.()
    wakeDelivery?.()
    if (options.onActivity !== undefined) options.onActivity(activity())
  }

  const commit = async (
    update: (s: QueueState) => QueueState,
    reports: readonly DeploymentReport[] = [],
  ): Promise<QueueState> => {
    const next = await requireStore().commit(update, reports)
    changed()
    return next
  }

  let registration: { clientId: string } | null = null

  /** Registers when the state directory has no client ID yet; learns the site's policy key. */
  const ensureRegistered = async (): Promise<boolean> => {
    const identity = await client.identity()
    const saved = (await readJsonFile(paths.siteKey)) as SiteKey | undefined
    if (saved !== undefined && typeof saved.keyId === 'string' && typeof saved.publicKey === 'string')
      siteKey = saved
    if (identity.registration !== undefined && identity.registration.status === 0 && siteKey !== null) {
      registration = { clientId: identity.registration.clientId }
      return true
    }
    if (transport === null) {
      if (identity.registration !== undefined) registration = { clientId: identity.registration.clientId }
      return identity.registration !== undefined
    }
    const result = await client.register()
    if (result.siteKey !== undefined) {
      siteKey = result.siteKey
      await writeJsonDurably(paths.siteKey, result.siteKey)
    }
    if (result.clientId !== undefined) registration = { clientId: result.clientId }
    if (result.status !== 0) {
      log.warn(
        { status: result.statusName },
        'registration not approved yet; polling policy waits for approval',
      )
      return false
    }
    if (siteKey === null) {
      log.warn(
        { mp: options.mpUrl },
        'the site gave no policy-signing key at registration; policy bodies will be refused',
      )
    }
    return true
  }

  const reportRefusals = async (refused: readonly RefusedPolicy[]): Promise<void> => {
    for (const r of refused) {
      log.error({ policyId: r.policyId, reason: r.reason, detail: r.detail }, 'policy body refused')
      const integrity: DeploymentReport = {
        severity: 'error',
        messageId: 10000,
        module: 'SMS Client',
        component: 'Software Distribution',
        insertionStrings: [r.policyId],
        attributes: [{ id: 401, value: r.policyId }],
      }
      await commit(
        (s) => s,
        [
          ...(r.reason === 'invalid_body' || r.reason === 'wrong_client' ? [] : [integrity]),
          agentReport({ kind: 'policy_refused', policyId: r.policyId, reason: r.reason, detail: r.detail }),
        ],
      )
    }
  }

  /** Queues jobs for newly required deployments and cancels queued jobs of removed ones. */
  const evaluate = async (removed: readonly string[]): Promise<void> => {
    const state = requireStore().state()
    const fresh = requiredJobsToQueue(held(), state.jobs, facts, clock(), () => randomUUID())
    const cancelled = state.jobs.filter((j) => j.stage === 'queued' && removed.includes(j.deploymentId))
    if (fresh.length === 0 && cancelled.length === 0) return
    const siteCode = policy.reply?.siteCode ?? ''
    const now = clock()
    const cancelledJobs = cancelled.map((j) =>
      finishJob(j, { outcome: 'cancelled', now, detail: 'the deployment was removed' }),
    )
    await commit(
      (s) => ({
        ...s,
        jobs: [...s.jobs.map((j) => cancelledJobs.find((c) => c.jobId === j.jobId) ?? j), ...fresh],
      }),
      [
        ...fresh.map((j) => jobEventReport(j, { kind: 'received', siteCode })),
        ...cancelledJobs.map((j) => ({
          ...jobEventReport(j, { kind: 'cancelled_by_user' }),
          messageId: 10034,
        })),
      ],
    )
  }

  const signer = async (): Promise<{
    clientId: string
    privateKey: KeyObject
  } | null> => {
    const identity = await client.identity()
    return identity.registration === undefined
      ? null
      : { clientId: identity.registration.clientId, privateKey: identity.privateKey }
  }

  const contentUrls = async (sha256s: readonly string[]): Promise<ReadonlyMap<string, readonly string[]>> => {
    const urls = new Map<string, string[]>()
    const base = options.mpUrl
    if (base === null) return urls
    for (const sha of sha256s) urls.set(sha, [])
    try {
      const sign = await signer()
      if (transport !== null && sign !== null) {
        const response = await callMp(transport, {
          method: 'POST',
          path: '/mp/v1/location/content',
          body: Buffer.from(JSON.stringify({ sha256: sha256s }), 'utf8'),
          contentType: 'application/json',
          signer: sign,
          now: clock(),
        })
        const reply = ContentLocationReplySchema.parse(readJson(response, 'POST /mp/v1/location/content'))
        for (const location of reply.locations) {
          const sorted = [...location.urls].sort((a, b) => a.metric - b.metric)
          urls.get(location.sha256)?.push(...sorted.map((u) => new URL(u.url, base).href))
        }
      }
    } catch (error) {
      log.warn({ err: String(error) }, 'content location failed; asking the management point directly')
    }
    // The management point is always a source of last resort (it is its own distribution point).
    for (const [sha, list] of urls) {
      const direct = new URL(`/mp/v1/content/${sha}`, base).href
      if (!list.includes(direct)) list.push(direct)
    }
    return urls
  }

  const sleepUntilWoken = (ms: number, setWake: (wake: (() => void) | null) => void): Promise<void> =>
    new Promise((resolve) => {
      const timer = setTimeout(done, Math.max(0, ms))
      function done(): void {
        clearTimeout(timer)
        setWake(null)
        resolve()
      }
      setWake(done)
    })

  /** Raises 10073 once for each required job that waits for a maintenance window. */
  const reportWindowWaits = async (current: QueuePlan): Promise<void> => {
    const waiting = current.queued
      .filter(
        (q) =>
          q.waitingFor === 'maintenance_window' &&
          q.job.requestedBy === 'deployment' &&
          !q.job.reported.includes('waiting_maintenance_window'),
      )
      .map((q) => q.job)
    if (waiting.length === 0) return
    const ids = new Set(waiting.map((j) => j.jobId))
    await commit(
      (s) => ({
        ...s,
        jobs: s.jobs.map((j) =>
          ids.has(j.jobId) ? { ...j, reported: [...j.reported, 'waiting_maintenance_window'] } : j,
        ),
      }),
      waiting.map((j) => jobEventReport(j, { kind: 'waiting_maintenance_window' })),
    )
  }

  const workLoop = async (): Promise<void> => {
    while (!stopped) {
      // Deployments become due by time too (available time), with or without the site.
      await evaluate([])
      await reportWindowWaits(plan())
      const current = plan()
      if (running === null && current.active === null) startedInBatch = 0
      const resume = current.active !== null && running === null ? current.active.job : null
      const next = resume ?? current.startNow
      if (running === null && next !== null) {
        const body = heldBody(next.deploymentId)
        if (body === undefined) {
          await commit(
            (s) => ({
              ...s,
              jobs: s.jobs.map((j) =>
                j.jobId === next.jobId
                  ? finishJob(j, {
                      outcome: 'cancelled',
                      now: clock(),
                      detail: 'the deployment is no longer assigned',
                    })
                  : j,
              ),
            }),
            [{ ...jobEventReport(next, { kind: 'cancelled_by_user' }), messageId: 10034 }],
          )
          continue
        }
        startedInBatch += 1
        running = runJob(next, body.body, {
          clock,
          minuteMs,
          facts,
          contentDir: paths.content,
          commit,
          contentUrls,
          signer,
          signal: abort.signal,
          onProgress: (p) => {
            percent = p
            changed()
          },
          lookupUser,
          ...(options.installer?.run === undefined ? {} : { run: options.installer.run }),
          ...(options.installer?.detect === undefined ? {} : { detect: options.installer.detect }),
        })
          .catch((error: unknown) => {
            if (isAgentError(error) && error.code === 'agent_stopped')
              log.info({ jobId: next.jobId }, 'job left for the next start to re-detect')
            else log.error({ jobId: next.jobId, err: String(error) }, 'job step failed')
          })
          .finally(() => {
            running = null
            percent = null
            changed()
          })
        continue
      }
      const nextDue = held()
        .map((p) => p.body.settings.availableAt)
        .filter((at) => at > clock())
        .reduce((a, b) => Math.min(a, b), Infinity)
      const soonest = current.queued
        .map((q) => q.estimatedStartAt ?? Infinity)
        .reduce((a, b) => Math.min(a, b), nextDue)
      await sleepUntilWoken(Math.min(30_000, Math.max(50, soonest - clock())), (w) => (wakeWork = w))
    }
  }

  const pollOnce = async (): Promise<number> => {
    if (transport === null) return 24 * 3600 * 1000
    const registered = await ensureRegistered()
    if (!registered || registration === null) return failedPollDelayMs(1, 300, random())
    const sign = await signer()
    if (sign === null) return failedPollDelayMs(1, 300, random())
    const outcome = await pollPolicy(
      { transport, signer: sign, siteKey, cacheDir: paths.policy, clock, facts: clientFacts(facts) },
      policy,
    )
    policy = outcome.set
    siteReachable = true
    await reportRefusals(outcome.refused)
    await evaluate(outcome.removed)
    changed()
    const reply = policy.reply
    return options.pollDelayMs ?? (reply === null ? 60_000 : nextPollDelayMs(reply, random()))
  }

  const pollLoop = async (): Promise<void> => {
    let failures = 0
    await sleepUntilWoken(
      options.pollDelayMs === undefined ? firstPollDelayMs(random()) : 0,
      (w) => (wakePoll = w),
    )
    while (!stopped) {
      let delay: number
      try {
        delay = await pollOnce()
        failures = 0
      } catch (error) {
        failures += 1
        siteReachable = false
        changed()
        log.warn({ err: String(error), failures }, 'policy poll failed; working from cached policy')
        const interval = policy.reply?.nextPollSeconds ?? 3600
        delay = options.pollDelayMs ?? failedPollDelayMs(failures, interval, random())
      }
      if (stopped) break
      await sleepUntilWoken(delay, (w) => (wakePoll = w))
    }
  }

  const deliveryLoop = async (): Promise<void> => {
    let failures = 0
    while (!stopped) {
      let delay = 30_000
      if (transport !== null) {
        const result = await flushBoth()
        if (result.delivered) {
          failures = 0
          if (result.acknowledged > 0) siteReachable = true
        } else if (result.lastError !== undefined) {
          failures += 1
          siteReachable = false
          delay = Math.min(60_000, 500 * 2 ** Math.min(failures, 7))
        }
      }
      if (stopped) break
      await sleepUntilWoken(delay, (w) => (wakeDelivery = w))
    }
  }

  /** Sends both spools once (status messages, then state messages); delivered when both are empty. */
  const flushBoth = async (): Promise<{ delivered: boolean; acknowledged: number; lastError?: unknown }> => {
    type Outcome = { delivered: boolean; acknowledged: number; lastError?: unknown }
    const failed = (error: unknown): Outcome => ({ delivered: false, acknowledged: 0, lastError: error })
    const status: Outcome = await client.flush({ deadline: clock() }).catch(failed)
    const states: Outcome = (await stateSpool?.flush().catch(failed)) ?? { delivered: true, acknowledged: 0 }
    const lastError = status.lastError ?? states.lastError
    return {
      delivered: status.delivered && states.delivered,
      acknowledged: status.acknowledged + states.acknowledged,
      ...(lastError === undefined ? {} : { lastError }),
    }
  }

  const restartLoop = async (): Promise<void> => {
    const checkMs = options.restartCheckMs ?? 5 * MINUTE_MS
    let lastOsCheck = -Infinity
    while (!stopped) {
      const now = clock()
      if (now - lastOsCheck >= checkMs) {
        lastOsCheck = now
        const names = await pendingRestartSources(options.restartSources)
        const state = requireStore().state()
        const known = new Set(
          (state.restart?.requestedBy ?? []).filter((r) => r.source === 'os').map((r) => r.name),
        )
        const added = names.filter((n) => !known.has(n))
        if (added.length > 0) {
          await commit((s) => ({
            ...s,
            restart: added.reduce<PendingRestart | null>(
              (pending, name) =>
                addRestartRequest(pending, {
                  kind: 'restart',
                  source: 'os',
                  name,
                  now,
                  graceMinutes: null,
                  hard: false,
                }),
              s.restart,
            ),
          }))
        }
      }
      const state = requireStore().state()
      const windows = held().flatMap((p) => p.body.maintenanceWindows)
      if (restartDue(state.restart, now, windows)) {
        const blocker = await shutdownBlocked()
        if (blocker === null) await enforceRestart('the restart deadline passed', null)
        else
          log.info(
            { who: blocker.who, why: blocker.why },
            "restart due, held by another program's inhibitor lock",
          )
      }
      await sleepUntilWoken(Math.min(checkMs, 1000), () => undefined)
    }
  }

  const enforceRestart = async (reason: string, userName: string | null): Promise<void> => {
    const pending = requireStore().state().restart
    if (pending === null) return
    await commit(
      (s) => ({ ...s, restart: null }),
      [agentReport({ kind: pending.kind === 'restart' ? 'restart_enforced' : 'logoff_enforced', reason })],
    )
    await requireStore().drainOutbox()
    // Give the spools one chance to carry the messages out before the machine goes down.
    await flushBoth()
    if (pending.kind === 'restart') await options.restartAction.restart(reason)
    else await options.restartAction.logoff(userName, reason)
  }

  return {
    paths,
    client,
    async start() {
      stateSpool = await openStateSpool({
        dir: paths.stateSpool,
        transport,
        signer,
        clock,
        timeoutMs: 30_000,
      })
      store = await openAgentStore(paths.jobs, client, stateSpool)
      // A machine that booted since a job asked for a restart has restarted: the debt is paid.
      const bootedAt = clock() - uptime() * 1000
      await store.commit((s) => ({
        ...s,
        jobs: s.jobs.map(recoverJob),
        restart:
          s.restart !== null &&
          s.restart.since < bootedAt &&
          s.restart.requestedBy.every((r) => r.source === 'job')
            ? null
            : s.restart,
      }))
      await store.drainOutbox()
      const identity = await client.identity()
      const saved = (await readJsonFile(paths.siteKey)) as SiteKey | undefined
      if (saved !== undefined) siteKey = saved
      if (identity.registration !== undefined) registration = { clientId: identity.registration.clientId }
      const cached = await loadPolicyCache(paths.policy, siteKey, registration?.clientId ?? null)
      policy = cached.set
      await reportRefusals(cached.refused)
      await evaluate([])
      stopped = false
      await commit((s) => s, [agentReport({ kind: 'started', version: AGENT_VERSION })])
      loops.push(workLoop(), pollLoop(), deliveryLoop(), restartLoop())
      log.info(
        {
          stateDir: paths.root,
          mp: options.mpUrl,
          jobs: store.state().jobs.filter((j) => j.stage !== 'finished').length,
        },
        'agent started',
      )
    },
    async stop() {
      stopped = true
      abort.abort()
      wakeWork?.()
      wakePoll?.()
      wakeDelivery?.()
      await Promise.allSettled(loops)
      await store?.close()
      await stateSpool?.close()
      await client.close()
    },
    activity,
    jobs: () => requireStore().state().jobs,
    async request(input) {
      const target = heldBody(input.deploymentId)
      if (target === undefined) {
        throw new AgentError(
          'not_found',
          `deployment ${input.deploymentId} is not assigned to this machine; see the available applications in \`sitrep agent status\``,
        )
      }
      const state = requireStore().state()
      const existing = state.jobs.find(
        (j) => j.deploymentId === input.deploymentId && j.action === input.action && j.stage !== 'finished',
      )
      let jobId = existing?.jobId
      if (jobId === undefined) {
        const job = createJob(
          jobFields(target, facts, {
            jobId: randomUUID(),
            now: clock(),
            requestedBy: 'user',
            action: input.action,
            userName: input.userName,
            userUid: input.userUid,
          }),
        )
        jobId = job.jobId
        await commit(
          (s) => ({ ...s, jobs: [...s.jobs, job] }),
          [
            jobEventReport(job, { kind: 'received', siteCode: policy.reply?.siteCode ?? '' }),
            agentReport({
              kind: 'user_requested',
              deploymentId: job.deploymentId,
              application: job.applicationName,
              userName: input.userName ?? '',
            }),
          ],
        )
      }
      const planned = plan()
      const queued = planned.queued.find((q) => q.job.jobId === jobId)
      if (queued !== undefined)
        return { jobId, position: queued.position, estimatedStartAt: queued.estimatedStartAt }
      // Already started (the agent was idle): it is first, and it started now.
      return { jobId, position: 1, estimatedStartAt: planned.active?.job.startedAt ?? clock() }
    },
    async cancel(jobId, who) {
      const job = requireStore()
        .state()
        .jobs.find((j) => j.jobId === jobId)
      if (job === undefined) throw new AgentError('not_found', `job ${jobId} is not in the queue`)
      if (!who.admin && job.userUid !== who.uid) {
        throw new AgentError(
          'forbidden',
          `job ${jobId} was not requested by uid ${who.uid}; only its requester or root may cancel it`,
        )
      }
      if (job.stage !== 'queued') {
        throw new AgentError(
          'invalid_request',
          `job ${jobId} is ${isActive(job) ? 'running' : 'finished'}; only a queued job can be cancelled`,
        )
      }
      const cancelled = cancelJob(job, clock())
      await commit(
        (s) => ({ ...s, jobs: s.jobs.map((j) => (j.jobId === jobId ? cancelled : j)) }),
        [jobEventReport(cancelled, { kind: 'cancelled_by_user' })],
      )
    },
    async snooze(minutes) {
      const result = snoozeRestart(requireStore().state().restart, (minutes * minuteMs) / MINUTE_MS, clock())
      if (!result.ok) {
        throw new AgentError(
          'invalid_request',
          result.reason === 'nothing_pending'
            ? 'no restart or logoff is pending'
            : 'the restart can no longer be snoozed: its deadline has come',
        )
      }
      await commit(
        (s) => ({ ...s, restart: result.value }),
        [agentReport({ kind: 'restart_snoozed', minutes })],
      )
      return result.value
    },
    async acceptRestart(userName) {
      if (requireStore().state().restart === null)
        throw new AgentError('invalid_request', 'no restart or logoff is pending')
      await enforceRestart('the user accepted the restart', userName)
    },
    async pollNow() {
      wakePoll?.()
      await Promise.resolve()
    },
    async relay(messages) {
      await (await client.spool()).append(messages)
      wakeDelivery?.()
    },
    async raise(report) {
      await commit((s) => s, [report])
    },
    async flush() {
      return (await flushBoth()).delivered
    },
  }
}

/** The uid and primary gid of a local account, from /etc/passwd (runs as the logged-on user). */
async function lookupUser(uid: number): Promise<{ uid: number; gid: number } | null> {
  try {
    for (const line of (await readFile('/etc/passwd', 'utf8')).split('\n')) {
      const [, , u, g] = line.split(':')
      if (Number(u) === uid && g !== undefined) return { uid, gid: Number(g) }
    }
  } catch {
    return null
  }
  return null
}
