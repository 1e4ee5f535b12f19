/**
 * Scenario 6, agent fleet: N real agents (`createAgent` of `@sitrep/agent`, many in one process,
 * each with its own state directory and identity key, restarts recorded, never run) against one
 * real site (child process, SQLite, all roles). Each agent registers, polls policy at a fixed
 * short interval and delivers its own status messages through its spool. Every HTTP request
 * the agents make is timed at the fetch layer (undici's diagnostics channels), by kind.
 *
 * Baseline, measured in the same run: the same number of clients making the same number of
 * requests at the same cadence against the bare `node:http` server — the HTTP ceiling of this
 * machine with the client side in this process, as the agents are.
 */
import { subscribe, unsubscribe } from 'node:diagnostics_channel'
import { mkdir } from 'node:fs/promises'
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

/** The kind of an MP request, by path. */
function kindOf(path: string): 'policy' | 'status' | 'registration' | 'other' {
  if (path.startsWith('/mp/v1/policy/')) return 'policy'
  if (path.startsWith('/mp/v1/status')) return 'status'
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

/** Runs the agent-fleet scenario. */
export async function runAgentFleetScenario(context: ScenarioContext): Promise<readonly Figure[]> {
  const { agents: count, pollMs, durationMs } = context.mode.agentFleet
  const site = await startSiteServer(benchSiteConfig(join(context.workDir, 'site')))
  context.defer(() => site.stop())
  const origin = new URL(site.url).origin

  const timing = timeRequests(origin)
  context.defer(() => timing.stop())
  const agents: Agent[] = []
  context.defer(async () => {
    await Promise.all(agents.map((a) => a.stop()))
  })
  context.log(`starting ${count} agents polling every ${pollMs} ms for ${durationMs} ms`)
  for (let i = 0; i < count; i++) {
    const stateDir = join(context.workDir, 'agents', String(i))
    await mkdir(stateDir, { recursive: true })
    const agent = await createAgent({
      stateDir,
      mpUrl: site.url,
      machine: `BENCH-AGENT-${i}`,
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
    })
    agents.push(agent)
  }
  const startedAt = performance.now()
  await Promise.all(agents.map((a) => a.start()))
  await sleep(durationMs)
  await Promise.all(agents.map((a) => a.flush().catch(() => false)))
  const elapsedS = (performance.now() - startedAt) / 1000
  timing.stop()
  const policy = summarizeLatencies(timing.samples.get('policy') ?? [])
  const status = summarizeLatencies(timing.samples.get('status') ?? [])
  const registration = summarizeLatencies(timing.samples.get('registration') ?? [])

  // Baseline: as many clients, as many requests, the same cadence, against the bare server.
  const bare = await startBareHttpServer('plain')
  context.defer(() => bare.stop())
  const bareTiming = timeRequests(new URL(bare.url).origin)
  const rounds = Math.max(1, Math.round(policy.count / count))
  context.log(`baseline: ${count} clients × ${rounds} rounds against the bare server`)
  await Promise.all(
    Array.from({ length: count }, async () => {
      for (let r = 0; r < rounds; r++) {
        const response = await fetch(`${bare.url}/mp/v1/policy/assignments`, { method: 'POST', body: '{}' })
        await response.arrayBuffer()
        await sleep(pollMs)
      }
    }),
  )
  bareTiming.stop()
  const baseline = summarizeLatencies(bareTiming.samples.get('policy') ?? [])

  const baselineFigure = figure({
    scenario: SCENARIO,
    role: 'baseline',
    name: fleetBaselineName(count),
    value: baseline.p99Ms,
    unit: 'ms p99',
    details: { p50Ms: baseline.p50Ms, requests: baseline.count },
  })
  const fleetFigure = figure({
    scenario: SCENARIO,
    role: 'sitrep',
    name: fleetFigureName(count),
    value: policy.p99Ms,
    unit: 'ms p99',
    details: {
      p50Ms: policy.p50Ms,
      policyRequests: policy.count,
      policyRequestsPerSecond: policy.count / elapsedS,
      statusP99Ms: status.p99Ms,
      statusRequests: status.count,
      registrationP99Ms: registration.p99Ms,
      registrations: registration.count,
    },
    note: 'no deployments assigned: registering, polling and reporting, not installing',
  })
  return [baselineFigure, compare(fleetFigure, [baselineFigure], [baselineFigure.name])]
}
