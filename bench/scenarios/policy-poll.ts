/**
 * Scenario 7, policy poll: many simulated clients in the bench process polling the real MP
 * policy endpoint (`POST /mp/v1/policy/assignments`) of one real site (child process, SQLite,
 * all roles). The site holds a real deployment (content, an application, a collection of Linux
 * clients, a required deployment, made through the REST API); each client registers with its
 * own Ed25519 key, polls once with its facts, and fetches and verifies its signed policy body.
 * Then every poll carries the assignments version the client holds, as an agent's does, so the
 * site answers "unchanged" from memory.
 *
 * Two phases, each beside the bare `node:http` baseline (a fixed body) measured in the same run,
 * with the same client code (signed request, JSON reply read):
 * - saturated: a fixed number of requests in flight, for the most replies per second;
 * - paced: 10,000 clients each polling once a minute, 167 requests per second, for the
 *   latency and the site's CPU at that load. The "fits" figure is the saturated rate divided by
 *   that rate, with the CPU share the paced load took.
 */
import { createHash } from 'node:crypto'
import { readFile } from 'node:fs/promises'
import { loadavg } from 'node:os'
import { join } from 'node:path'
import type { PolicyClient } from '@sitrep/sdk'
import { createPolicyClient, loadOrCreateIdentity, register, signRequest } from '@sitrep/sdk'
import type { Figure } from '../lib/figures.ts'
import { compare, figure } from '../lib/figures.ts'
import { summarizeLatencies } from '../lib/percentiles.ts'
import { startProcessSampler } from '../lib/process-usage.ts'
import type { ProcessUsage } from '../lib/process-usage.ts'
import type { ServerChild } from '../servers/start-server.ts'
import { startBareHttpServer, startSiteServer } from '../servers/start-server.ts'
import { benchSiteConfig } from './bench-site.ts'
import type { ScenarioContext } from './scenario-context.ts'

const SCENARIO = 'policy-poll'
/** 10,000 clients polling once a minute. */
export const TARGET_CLIENTS = 10_000
export const TARGET_RATE_PER_SECOND = TARGET_CLIENTS / 60
const REGISTER_PARALLEL = 16
/** "Room to spare": one core of the two answers at least this many times the rate. */
const ROOM_FACTOR = 4
const FACTS = { platform: 'linux', linuxFamily: 'debian', osVersion: '12', architecture: 'x64' } as const

export const POLICY_SATURATED = 'Policy poll, saturated'
export const POLICY_PACED = `Policy poll at ${TARGET_CLIENTS.toLocaleString('en')} clients/min`
export const POLICY_FITS = `Policy: ${TARGET_CLIENTS.toLocaleString('en')} clients/min fit`
export const BARE_SATURATED = 'Bare HTTP fixed body, saturated'
export const BARE_PACED = `Bare HTTP at ${TARGET_CLIENTS.toLocaleString('en')} clients/min`

/** One simulated client: what it signs with, and the assignments version it holds. */
interface SimulatedClient {
  readonly clientId: string
  readonly privateKey: Parameters<typeof signRequest>[0]['privateKey']
  readonly knownVersion: string
}

/** What one phase measured. */
interface PhaseResult {
  readonly replies: number
  readonly failures: number
  readonly repliesPerSecond: number
  readonly p50Ms: number
  readonly p99Ms: number
  readonly serverCores: number
  /** CPU time of the server process per reply, in ms: the cost that does not depend on the client side. */
  readonly serverCpuMsPerReply: number
}

/** One request as both targets get it: the client's signed poll, its JSON reply read whole. */
type Poll = (client: SimulatedClient) => Promise<boolean>

function pollOf(baseUrl: string, check: (reply: unknown) => boolean): Poll {
  const path = '/mp/v1/policy/assignments'
  return async (client) => {
    const body = Buffer.from(JSON.stringify({ knownVersion: client.knownVersion }), 'utf8')
    const headers = signRequest(client, { method: 'POST', path, body }, Date.now())
    const response = await fetch(`${baseUrl}${path}`, {
      method: 'POST',
      headers: { ...headers, 'content-type': 'application/json' },
      body,
    })
    const reply: unknown = await response.json()
    return response.status === 200 && check(reply)
  }
}

async function timed(poll: Poll, client: SimulatedClient, latencies: number[]): Promise<boolean> {
  const start = performance.now()
  const ok = await poll(client).catch(() => false)
  latencies.push(performance.now() - start)
  return ok
}

/** `inFlight` loops, each polling the next client as soon as its last reply is read. */
async function saturate(
  server: ServerChild,
  poll: Poll,
  clients: readonly SimulatedClient[],
  inFlight: number,
  durationMs: number,
): Promise<PhaseResult> {
  const latencies: number[] = []
  let failures = 0
  let next = 0
  const sampler = startProcessSampler(server.pid)
  const startedAt = performance.now()
  const endAt = startedAt + durationMs
  await Promise.all(
    Array.from({ length: inFlight }, async () => {
      while (performance.now() < endAt) {
        const client = clients[next++ % clients.length]
        if (client === undefined) return
        if (!(await timed(poll, client, latencies))) failures++
      }
    }),
  )
  return phaseResult(latencies, failures, performance.now() - startedAt, sampler.stop())
}

/** Open loop: one poll every 1/rate s, clients in turn, whether or not earlier replies came. */
async function pace(
  server: ServerChild,
  poll: Poll,
  clients: readonly SimulatedClient[],
  ratePerSecond: number,
  durationMs: number,
): Promise<PhaseResult> {
  const latencies: number[] = []
  let failures = 0
  const total = Math.floor((ratePerSecond * durationMs) / 1000)
  const pending: Promise<void>[] = []
  const sampler = startProcessSampler(server.pid)
  const startedAt = performance.now()
  for (let i = 0; i < total; i++) {
    const due = startedAt + (i * 1000) / ratePerSecond
    const wait = due - performance.now()
    if (wait > 1) await new Promise((resolve) => setTimeout(resolve, wait))
    const client = clients[i % clients.length]
    if (client === undefined) break
    pending.push(
      timed(poll, client, latencies).then((ok) => {
        if (!ok) failures++
      }),
    )
  }
  await Promise.all(pending)
  return phaseResult(latencies, failures, performance.now() - startedAt, sampler.stop())
}

function phaseResult(
  latencies: number[],
  failures: number,
  elapsedMs: number,
  usage: ProcessUsage,
): PhaseResult {
  const summary = summarizeLatencies(latencies)
  const replies = latencies.length - failures
  return {
    replies,
    failures,
    repliesPerSecond: (replies * 1000) / elapsedMs,
    p50Ms: summary.p50Ms,
    p99Ms: summary.p99Ms,
    serverCores: usage.cores,
    serverCpuMsPerReply: replies > 0 ? usage.cpuMs / replies : Number.NaN,
  }
}

/** Makes content, an application, a collection of Linux clients and a required deployment. */
async function createDeployment(siteUrl: string, token: string): Promise<void> {
  const headers = { authorization: `Bearer ${token}` }
  const call = async (method: string, path: string, body: unknown): Promise<void> => {
    const response = await fetch(`${siteUrl}${path}`, {
      method,
      headers: { ...headers, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    })
    if (response.status >= 300)
      throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`)
  }
  const content = Buffer.from('#!/bin/sh\necho installed\n')
  const sha256 = createHash('sha256').update(content).digest('hex')
  const upload = await fetch(`${siteUrl}/api/v1/content/${sha256}`, {
    method: 'PUT',
    headers: { ...headers, 'content-type': 'application/octet-stream' },
    body: content,
  })
  if (upload.status >= 300) throw new Error(`content upload: ${upload.status} ${await upload.text()}`)
  await call('POST', '/api/v1/applications', {
    name: 'Bench app',
    deploymentTypes: [
      {
        id: 'sh',
        name: 'Bench app (sh)',
        platform: 'linux',
        install: ['/bin/sh', 'install.sh'],
        content: [{ path: 'install.sh', sha256, size: content.length }],
        detection: { kind: 'file_exists', path: '/opt/bench-app' },
      },
    ],
  })
  await call('POST', '/api/v1/collections', { name: 'Linux clients', rules: [{ platforms: ['linux'] }] })
  await call('POST', '/api/v1/deployments', {
    applicationId: 'APP-00001',
    collectionId: 'PS110001',
    settings: { intent: 'required' },
  })
}

/**
 * Registers one client, polls with its facts, and fetches and verifies its one policy body;
 * returns it holding the assignments version an agent would hold.
 */
async function enrol(siteUrl: string, stateDir: string, index: number): Promise<SimulatedClient> {
  const machine = `BENCH-POLICY-${index}`
  const registration = await register({ mpUrl: siteUrl, stateDir, machine })
  const identity = await loadOrCreateIdentity(stateDir)
  if (registration.clientId === undefined || registration.siteKey === undefined) {
    throw new Error(
      `registration of ${machine} answered status ${registration.status} without a client ID or key`,
    )
  }
  const signer = { clientId: registration.clientId, privateKey: identity.privateKey }
  const policy: PolicyClient = createPolicyClient({ mpUrl: siteUrl, signer, policyKey: registration.siteKey })
  const first = await policy.requestAssignments({ facts: FACTS })
  const assignment = first.assignments?.[0]
  if (assignment === undefined) throw new Error(`${machine} got no assignment on its first poll`)
  await policy.fetchPolicy(assignment.policyId, assignment.version)
  return { ...signer, knownVersion: first.assignmentsVersion }
}

/** Runs the policy-poll scenario. */
export async function runPolicyPollScenario(context: ScenarioContext): Promise<readonly Figure[]> {
  const { clients: count, inFlight, saturateMs, pacedMs, baselinePacedMs } = context.mode.policyPoll
  const dataDir = join(context.workDir, 'site')
  const site = await startSiteServer(benchSiteConfig(dataDir))
  context.defer(() => site.stop())
  const token = (await readFile(join(dataDir, 'admin-token'), 'utf8')).trim()
  await createDeployment(site.url, token)

  context.log(`registering ${count} clients, each polling once with its facts and verifying its signed body`)
  const clients: SimulatedClient[] = []
  const enrolStartedAt = performance.now()
  for (let i = 0; i < count; i += REGISTER_PARALLEL) {
    const batch = Array.from({ length: Math.min(REGISTER_PARALLEL, count - i) }, (_, j) =>
      enrol(site.url, join(context.workDir, 'clients', String(i + j)), i + j),
    )
    clients.push(...(await Promise.all(batch)))
  }
  context.log(`enrolled ${count} clients in ${((performance.now() - enrolStartedAt) / 1000).toFixed(1)} s`)

  const sitePoll = pollOf(
    site.url,
    (reply) =>
      typeof reply === 'object' && reply !== null && 'unchanged' in reply && reply.unchanged === true,
  )
  context.log(`saturated: ${inFlight} polls in flight for ${saturateMs} ms`)
  const siteSaturated = await saturate(site, sitePoll, clients, inFlight, saturateMs)
  context.log(`paced: ${TARGET_RATE_PER_SECOND.toFixed(0)} polls/s for ${pacedMs} ms`)
  const sitePaced = await pace(site, sitePoll, clients, TARGET_RATE_PER_SECOND, pacedMs)

  const bare = await startBareHttpServer('plain')
  context.defer(() => bare.stop())
  const barePoll = pollOf(bare.url, (reply) => typeof reply === 'object' && reply !== null)
  context.log('baseline: the same phases against the bare HTTP server')
  const bareSaturated = await saturate(bare, barePoll, clients, inFlight, saturateMs)
  const barePaced = await pace(bare, barePoll, clients, TARGET_RATE_PER_SECOND, baselinePacedMs)

  const details = (phase: PhaseResult): Record<string, number> => ({
    p50Ms: phase.p50Ms,
    p99Ms: phase.p99Ms,
    serverCpuCores: phase.serverCores,
    serverCpuMsPerReply: phase.serverCpuMsPerReply,
    replies: phase.replies,
    failures: phase.failures,
  })
  const bareSaturatedFigure = figure({
    scenario: SCENARIO,
    role: 'baseline',
    name: BARE_SATURATED,
    value: bareSaturated.repliesPerSecond,
    unit: 'replies/s',
    details: { ...details(bareSaturated), inFlight },
  })
  const barePacedFigure = figure({
    scenario: SCENARIO,
    role: 'baseline',
    name: BARE_PACED,
    value: barePaced.p99Ms,
    unit: 'ms p99',
    details: { ...details(barePaced), repliesPerSecond: barePaced.repliesPerSecond },
  })
  const saturatedFigure = figure({
    scenario: SCENARIO,
    role: 'sitrep',
    name: POLICY_SATURATED,
    value: siteSaturated.repliesPerSecond,
    unit: 'replies/s',
    details: { ...details(siteSaturated), inFlight, clients: count },
    note: 'unchanged polls, signed and verified; the bench process (the clients) shares the cores',
  })
  const pacedFigure = figure({
    scenario: SCENARIO,
    role: 'sitrep',
    name: POLICY_PACED,
    value: sitePaced.p99Ms,
    unit: 'ms p99',
    details: { ...details(sitePaced), repliesPerSecond: sitePaced.repliesPerSecond, clients: count },
  })
  // Wall-clock rates depend on how busy the shared cores are (the clients run here too); the
  // site's CPU time per poll does not, so the fit is judged on it: polls one core answers per
  // second, against the 167 per second that 10,000 clients polling each minute make.
  const cpuMsPerPoll = siteSaturated.serverCpuMsPerReply
  const pollsPerCoreSecond = 1000 / cpuMsPerPoll
  const headroom = pollsPerCoreSecond / TARGET_RATE_PER_SECOND
  const coresAtTarget = (TARGET_RATE_PER_SECOND * cpuMsPerPoll) / 1000
  const fits = headroom >= ROOM_FACTOR && sitePaced.failures === 0 && siteSaturated.failures === 0
  const fitsFigure = figure({
    scenario: SCENARIO,
    role: 'sitrep',
    name: POLICY_FITS,
    value: headroom,
    unit: '× the rate, one core',
    details: {
      targetPerSecond: TARGET_RATE_PER_SECOND,
      siteCpuMsPerPoll: cpuMsPerPoll,
      pollsPerCoreSecond,
      siteCoresNeededAtTarget: coresAtTarget,
      siteCoresMeasuredAtTarget: sitePaced.serverCores,
      bareCpuMsPerReply: bareSaturated.serverCpuMsPerReply,
      loadAverage1m: loadavg()[0] ?? Number.NaN,
      failures: sitePaced.failures + siteSaturated.failures,
    },
    note: fits
      ? `fits with room: one core answers ${headroom.toFixed(1)}× the rate; the rate needs ${(coresAtTarget * 100).toFixed(0)}% of one core`
      : `does NOT fit with room: one core answers ${headroom.toFixed(1)}× the rate (needs ${ROOM_FACTOR}×), ${sitePaced.failures + siteSaturated.failures} failed polls`,
  })
  return [
    bareSaturatedFigure,
    barePacedFigure,
    compare(saturatedFigure, [bareSaturatedFigure], [BARE_SATURATED]),
    compare(pacedFigure, [barePacedFigure], [BARE_PACED]),
    fitsFigure,
  ]
}
