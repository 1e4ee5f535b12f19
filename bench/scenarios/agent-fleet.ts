/**
 * Scenario 6, agent fleet: N real agents (`createAgent` of `@sitrep/agent`, many in one process,
 * each with its own state directory and identity key, restarts recorded, never run, and a fake
 * installer: a run that sleeps and a detection that answers from memory) against one real site
 * (child process, SQLite, all roles) that deploys one required application with a content file
 * to every Linux client. Each agent registers, polls policy at a fixed short interval, downloads
 * the content by hash, "installs" it and reports through its spools. Every HTTP request the
 * agents make is timed at the fetch layer (undici's diagnostics channels), by kind; and the
 * site's deployment status is read every 250 ms to time how long after each install ended the
 * site showed it (status freshness). Fleet sizes grow until one misses the service goal (policy
 * p99 under 1 s and status current within 10 s at p99); the largest that meets it is the figure.
 *
 * Baseline, measured in the same run for each size: the same number of clients making the same
 * number of requests at the same cadence against the bare `node:http` server — the HTTP ceiling
 * of this machine with the client side in this process, as the agents are.
 */
import { subscribe, unsubscribe } from 'node:diagnostics_channel'
import { createHash } from 'node:crypto'
import { mkdir, readFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { Agent } from '@sitrep/agent'
import { SILENT_LOGGER, createAgent, recordingRestartAction } from '@sitrep/agent'
import type { Figure } from '../lib/figures.ts'
import { compare, figure } from '../lib/figures.ts'
import { summarizeLatencies } from '../lib/percentiles.ts'
import { startBareHttpServer, startSiteServer } from '../servers/start-server.ts'
import { benchSiteConfig } from './bench-site.ts'
import type { ScenarioContext } from './scenario-context.ts'

const SCENARIO = 'agent-fleet'

function fleetFigureName(agents: number): string {
  return `Agent fleet ${agents} agents: policy poll`
}
function fleetBaselineName(agents: number): string {
  return `Bare HTTP ${agents} clients polling`
}
function freshnessFigureName(agents: number): string {
  return `Agent fleet ${agents} agents: status freshness`
}

/** The service goal a fleet size must meet. */
const GOAL = { policyP99Ms: 1000, freshnessP99Ms: 10_000 } as const
/** How often the bench reads the deployment status. */
const STATUS_READ_MS = 250
/** After the polling time, how long the bench waits for the last installs to show. */
const SETTLE_MS = 60_000
/** Most rounds of the bare baseline per size (one per `pollMs`). */
const BASELINE_ROUNDS_MAX = 15

/** The kind of an MP request, by path. */
function kindOf(path: string): 'policy' | 'status' | 'relay' | 'content' | 'registration' | 'other' {
  if (path.startsWith('/mp/v1/policy/')) return 'policy'
  if (path.startsWith('/mp/v1/status')) return 'status'
  if (path.startsWith('/mp/v1/relay')) return 'relay'
  if (path.startsWith('/mp/v1/content') || path.startsWith('/mp/v1/location')) return 'content'
  if (path.startsWith('/mp/v1/registration')) return 'registration'
  return 'other'
}

interface UndiciRequest {
  readonly origin?: string | URL
  readonly path?: string
}

/** Times every fetch of this process to `origin` from request creation to response headers. */
function timeRequests(origin: string): { samples: Map<string, number[]>; stop: () => void } {
  const started = new WeakMap<object, { at: number; kind: string }>()
  const samples = new Map<string, number[]>()
  const onCreate = (message: unknown): void => {
    const request = (message as { request: UndiciRequest & object }).request
    if (String(request.origin) !== origin) return
    started.set(request, { at: performance.now(), kind: kindOf(request.path ?? '') })
  }
  const onHeaders = (message: unknown): void => {
    const request = (message as { request: object }).request
    const start = started.get(request)
    if (start === undefined) return
    started.delete(request)
    const list = samples.get(start.kind) ?? []
    list.push(performance.now() - start.at)
    samples.set(start.kind, list)
  }
  subscribe('undici:request:create', onCreate)
  subscribe('undici:request:headers', onHeaders)
  return {
    samples,
    stop: () => {
      unsubscribe('undici:request:create', onCreate)
      unsubscribe('undici:request:headers', onHeaders)
    },
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms))
}

/** The site side of one fleet run: a site, its admin token, the deployment every agent gets. */
interface FleetSite {
  readonly url: string
  readonly deploymentId: string
  /** `machine → state` from the site's deployment status. */
  readStatus(): Promise<ReadonlyMap<string, string>>
  stop(): Promise<void>
}

/** Starts a site and deploys one required application with one content file to all Linux clients. */
async function startFleetSite(dataDir: string): Promise<FleetSite> {
  const site = await startSiteServer(benchSiteConfig(dataDir))
  let stopped = false
  try {
    const token = (await readFile(join(dataDir, 'admin-token'), 'utf8')).trim()
    const call = async (method: string, path: string, body?: Buffer | object): Promise<unknown> => {
      const raw = body instanceof Buffer
      const response = await fetch(`${site.url}${path}`, {
        method,
        headers: {
          authorization: `Bearer ${token}`,
          ...(body === undefined
            ? {}
            : { 'content-type': raw ? 'application/octet-stream' : 'application/json' }),
        },
        ...(body === undefined ? {} : { body: raw ? new Uint8Array(body) : JSON.stringify(body) }),
      })
      const text = await response.text()
      if (!response.ok) throw new Error(`${method} ${path} answered ${response.status}: ${text}`)
      return JSON.parse(text) as unknown
    }
    // 64 KiB of content, so that every agent really downloads and verifies something.
    const content = Buffer.alloc(64 * 1024, 'sitrep agent fleet\n')
    const sha256 = createHash('sha256').update(content).digest('hex')
    await call('PUT', `/api/v1/content/${sha256}`, content)
    const added = (await call('POST', '/api/v1/applications', {
      name: 'Fleet tool',
      publisher: 'Bench',
      version: '1.0',
      deploymentTypes: [
        {
          id: 'linux',
          name: 'Fleet tool (Linux)',
          platform: 'linux',
          // The bench's agents run a fake installer; this command line is never started.
          install: ['/usr/bin/true'],
          content: [{ path: 'fleet-tool.bin', sha256, size: content.length }],
          detection: { kind: 'file_exists', path: '/nonexistent/sitrep-bench-fleet-tool' },
          estimatedRunMinutes: 1,
          maxRunMinutes: 10,
        },
      ],
    })) as { application: { id: string } }
    const deployed = (await call('POST', '/api/v1/deployments', {
      applicationId: added.application.id,
      collectionId: 'SMS000LX',
      settings: { intent: 'required' },
    })) as { deployment: { id: string } }
    const deploymentId = deployed.deployment.id
    return {
      url: site.url,
      deploymentId,
      async readStatus() {
        const status = (await call('GET', `/api/v1/deployments/${deploymentId}/status`)) as {
          clients: { machine: string; state: string }[]
        }
        return new Map(status.clients.map((c) => [c.machine, c.state]))
      },
      async stop() {
        if (stopped) return
        stopped = true
        await site.stop()
      },
    }
  } catch (error) {
    await site.stop()
    throw error
  }
}

/** What one fleet size measured. */
interface FleetRun {
  readonly agents: number
  readonly policy: ReturnType<typeof summarizeLatencies>
  readonly policyPerSecond: number
  readonly relay: ReturnType<typeof summarizeLatencies>
  readonly status: ReturnType<typeof summarizeLatencies>
  readonly content: ReturnType<typeof summarizeLatencies>
  readonly registration: ReturnType<typeof summarizeLatencies>
  /** Install end → the site's deployment status showing success, per agent. */
  readonly freshness: ReturnType<typeof summarizeLatencies>
  readonly installed: number
  /** Installs the site had not shown as success when the bench stopped waiting. */
  readonly notShown: number
  /** From the agents' start to the last success the site showed. */
  readonly rolloutMs: number
  readonly baseline: ReturnType<typeof summarizeLatencies>
}

async function runFleet(context: ScenarioContext, count: number): Promise<FleetRun> {
  const { pollMs, durationMs, installMs } = context.mode.agentFleet
  const root = join(context.workDir, `fleet-${count}`)
  const site = await startFleetSite(join(root, 'site'))
  const agents: Agent[] = []
  const timing = timeRequests(new URL(site.url).origin)
  try {
    const installEnded = new Map<string, number>()
    const shown = new Map<string, number>()
    context.log(
      `${count} agents: polling every ${pollMs} ms for ${durationMs} ms, installs take ${installMs} ms`,
    )
    for (let i = 0; i < count; i++) {
      const stateDir = join(root, 'agents', String(i))
      await mkdir(stateDir, { recursive: true })
      const machine = `BENCH-AGENT-${i}`
      let installed = false
      const agent = await createAgent({
        stateDir,
        mpUrl: site.url,
        machine,
        logger: SILENT_LOGGER,
        restartAction: recordingRestartAction(),
        restartSources: [],
        pollDelayMs: pollMs,
        restartCheckMs: 60_000,
        facts: {
          platform: 'linux',
          linuxFamily: 'debian',
          osVersion: '12',
          architecture: process.arch,
          memoryMegabytes: 4096,
        },
        // The fake installer: no process, a sleep, and detection from memory.
        installer: {
          detect: () =>
            Promise.resolve({ installed, reason: installed ? 'installed by the bench' : 'not installed' }),
          run: async () => {
            await sleep(installMs)
            installed = true
            installEnded.set(machine, Date.now())
            return {
              exitCode: 0,
              signal: null,
              timedOut: false,
              spawnError: null,
              output: '',
              durationMs: installMs,
            }
          },
        },
      })
      agents.push(agent)
    }
    const startedAt = Date.now()
    await Promise.all(agents.map((a) => a.start()))
    // Read the deployment status until every install shows, the polling time is over, or the
    // settle time after it has passed.
    let lastShownAt = startedAt
    for (;;) {
      const now = Date.now()
      const allShown = shown.size === count
      if (now - startedAt >= durationMs && (allShown || now - startedAt >= durationMs + SETTLE_MS)) break
      const states = await site.readStatus().catch(() => new Map<string, string>())
      const at = Date.now()
      for (const [machine, state] of states) {
        if (state === 'success' && !shown.has(machine) && installEnded.has(machine)) {
          shown.set(machine, at)
          lastShownAt = at
        }
      }
      await sleep(STATUS_READ_MS)
    }
    const elapsedS = (Date.now() - startedAt) / 1000
    timing.stop()
    const freshness = [...shown].map(([machine, at]) => at - (installEnded.get(machine) ?? at))
    const samples = (kind: string): number[] => timing.samples.get(kind) ?? []
    const policy = summarizeLatencies(samples('policy'))
    await Promise.all(agents.splice(0).map((a) => a.stop()))
    await site.stop()

    // Baseline: as many clients, as many rounds (capped), the same cadence, against the bare server.
    const bare = await startBareHttpServer('plain')
    const bareTiming = timeRequests(new URL(bare.url).origin)
    try {
      const rounds = Math.min(BASELINE_ROUNDS_MAX, Math.max(1, Math.round(policy.count / count)))
      context.log(`${count} agents: baseline, ${count} clients × ${rounds} rounds against the bare server`)
      await Promise.all(
        Array.from({ length: count }, async () => {
          for (let r = 0; r < rounds; r++) {
            const response = await fetch(`${bare.url}/mp/v1/policy/assignments`, {
              method: 'POST',
              body: '{}',
            })
            await response.arrayBuffer()
            await sleep(pollMs)
          }
        }),
      )
    } finally {
      bareTiming.stop()
      await bare.stop()
    }
    return {
      agents: count,
      policy,
      policyPerSecond: policy.count / elapsedS,
      relay: summarizeLatencies(samples('relay')),
      status: summarizeLatencies(samples('status')),
      content: summarizeLatencies(samples('content')),
      registration: summarizeLatencies(samples('registration')),
      freshness: summarizeLatencies(freshness),
      installed: installEnded.size,
      notShown: count - shown.size,
      rolloutMs: lastShownAt - startedAt,
      baseline: summarizeLatencies(bareTiming.samples.get('policy') ?? []),
    }
  } finally {
    timing.stop()
    await Promise.all(agents.map((a) => a.stop()))
    await site.stop()
  }
}

/** Whether a run meets the goal: every install shown, policy and freshness p99 within bounds. */
function meetsGoal(run: FleetRun): boolean {
  return (
    run.notShown === 0 && run.policy.p99Ms < GOAL.policyP99Ms && run.freshness.p99Ms <= GOAL.freshnessP99Ms
  )
}

function figuresOf(run: FleetRun): Figure[] {
  const baselineFigure = figure({
    scenario: SCENARIO,
    role: 'baseline',
    name: fleetBaselineName(run.agents),
    value: run.baseline.p99Ms,
    unit: 'ms p99',
    details: { p50Ms: run.baseline.p50Ms, requests: run.baseline.count },
  })
  const fleetFigure = figure({
    scenario: SCENARIO,
    role: 'sitrep',
    name: fleetFigureName(run.agents),
    value: run.policy.p99Ms,
    unit: 'ms p99',
    details: {
      p50Ms: run.policy.p50Ms,
      policyRequests: run.policy.count,
      policyRequestsPerSecond: run.policyPerSecond,
      statusP99Ms: run.status.p99Ms,
      relayP99Ms: run.relay.p99Ms,
      contentP99Ms: run.content.p99Ms,
      registrationP99Ms: run.registration.p99Ms,
      registrations: run.registration.count,
    },
  })
  const freshnessFigure = figure({
    scenario: SCENARIO,
    role: 'sitrep',
    name: freshnessFigureName(run.agents),
    value: run.freshness.p99Ms,
    unit: 'ms p99',
    details: {
      p50Ms: run.freshness.p50Ms,
      maxMs: run.freshness.maxMs,
      installed: run.installed,
      notShown: run.notShown,
      rolloutMs: run.rolloutMs,
    },
    note: 'install ended → the deployment status shows success',
  })
  return [baselineFigure, compare(fleetFigure, [baselineFigure], [baselineFigure.name]), freshnessFigure]
}

/** Runs the agent-fleet scenario: each fleet size in turn, until one misses the goal. */
export async function runAgentFleetScenario(context: ScenarioContext): Promise<readonly Figure[]> {
  const figures: Figure[] = []
  let served = 0
  for (const count of context.mode.agentFleet.sizes) {
    const run = await runFleet(context, count)
    figures.push(...figuresOf(run))
    const ok = meetsGoal(run)
    context.log(
      `${count} agents: policy p99 ${run.policy.p99Ms.toFixed(0)} ms, status freshness p99 ${run.freshness.p99Ms.toFixed(0)} ms, ${run.notShown} not shown: ${ok ? 'meets' : 'misses'} the goal`,
    )
    if (!ok) break
    served = count
  }
  figures.push(
    figure({
      scenario: SCENARIO,
      role: 'sitrep',
      name: 'Agent fleet: agents one site serves',
      value: served,
      unit: 'agents',
      details: { policyP99GoalMs: GOAL.policyP99Ms, freshnessP99GoalMs: GOAL.freshnessP99Ms },
      note: `largest size tried (${context.mode.agentFleet.sizes.join(', ')}) with policy p99 < 1 s and status current within 10 s (p99), agents and site on this machine`,
    }),
  )
  return figures
}
