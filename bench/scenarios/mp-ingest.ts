/**
 * Scenario 1, MP ingest: many simulated clients (a separate load process, one keep-alive
 * connection and one registered Ed25519 key each) post signed JSON batches of 1, 10 and 100
 * messages and XML `Status` bodies to a real site (`startSite`, SQLite, in a child process) as
 * fast as it answers. A message counts once the MP acknowledged it (202, `accepted` or
 * `duplicate`: committed to the inbox). Baselines with the same bodies and load: a bare HTTP
 * server that answers 200 (the HTTP ceiling), the same server appending each body to a file with
 * grouped `fdatasync` before answering (the bare durable baseline), and rsyslogd taking the same
 * number of messages as RFC 5424 lines over TCP.
 */
import { mkdir } from 'node:fs/promises'
import { join } from 'node:path'
import { RSYSLOGD, startPrivateRsyslog } from '../baselines/rsyslog.ts'
import type { Figure } from '../lib/figures.ts'
import { compare, figure, skippedFigure } from '../lib/figures.ts'
import type { BodySpec, ClosedLoopPlan } from '../load/load-plan.ts'
import type { LoadGenerator } from '../load/run-load.ts'
import { startLoadGenerator } from '../load/run-load.ts'
import { startBareHttpServer, startSiteServer } from '../servers/start-server.ts'
import { measureMandatoryWork } from '../baselines/mandatory-work.ts'
import { availableParallelism } from 'node:os'
import type { ServerChild } from '../servers/start-server.ts'
import { benchSiteConfig } from './bench-site.ts'
import type { ScenarioContext } from './scenario-context.ts'

const SCENARIO = 'mp-ingest'
const MB = 1024 * 1024

/** The body variants, in table order. */
const ALL_VARIANTS: readonly { readonly label: string; readonly body: BodySpec }[] = [
  { label: 'JSON×1', body: { format: 'json', batch: 1 } },
  { label: 'JSON×10', body: { format: 'json', batch: 10 } },
  { label: 'JSON×100', body: { format: 'json', batch: 100 } },
  { label: 'XML Status', body: { format: 'xml' } },
]

/** The variants this run measures: all, or those whose label starts with `BENCH_INGEST_VARIANT`. */
export const INGEST_VARIANTS = ALL_VARIANTS.filter((v) =>
  v.label.startsWith(process.env.BENCH_INGEST_VARIANT ?? ''),
)
export const mpIngestName = (label: string): string => `MP ingest ${label} (signed, acknowledged)`
export const bareHttpName = (label: string): string => `Bare HTTP 200, ${label} bodies`
export const bareDurableName = (label: string): string =>
  `Bare durable HTTP (append+grouped fdatasync), ${label} bodies`
export const mandatoryWorkName = (label: string): string =>
  `Mandatory work alone on 1 core (Ed25519 check + decode + field checks), ${label} bodies`
export const coresNeededName = (label: string): string =>
  `Cores that work needs to reach 90 % of bare durable, ${label} bodies`
export const RSYSLOG_NAME = 'rsyslogd imtcp→omfile, RFC 5424 (no fsync)'

function plan(
  context: ScenarioContext,
  url: string,
  body: BodySpec,
  target: 'mp' | 'baseline',
): ClosedLoopPlan {
  const { connections, maxRequests, durationMs, warmupMs } = context.mode.ingest
  return {
    kind: 'closed-loop',
    url,
    path: target === 'mp' ? '/mp/v1/status' : '/ingest',
    body,
    auth: target === 'mp' ? { kind: 'signed', clients: connections } : { kind: 'none' },
    connections,
    maxRequests,
    maxDurationMs: durationMs + warmupMs,
    warmupMs,
    acks: target === 'mp' ? 'mp-results' : 'batch-size',
  }
}

async function measure(
  context: ScenarioContext,
  load: LoadGenerator,
  server: ServerChild,
  name: string,
  role: 'sitrep' | 'baseline',
  loadPlan: ClosedLoopPlan,
): Promise<Figure> {
  context.log(`${name}: ${loadPlan.connections} clients for ${(loadPlan.maxDurationMs / 1000).toFixed(1)} s`)
  const { result, usage, loadUsage } = await load.run(loadPlan, { samplePid: server.pid })
  const failures = result.requests - result.okRequests
  if (failures > 0) context.log(`${name}: ${failures} requests failed, first: ${result.firstFailure ?? ''}`)
  if (result.okRequests === 0) {
    return skippedFigure(
      SCENARIO,
      role,
      name,
      'msg/s',
      `no request succeeded: ${result.firstFailure ?? 'no answer'}`,
    )
  }
  return figure({
    scenario: SCENARIO,
    role,
    name,
    value: (result.ackedMessages * 1000) / result.windowMs,
    unit: 'msg/s',
    details: {
      p50Ms: result.latency.p50Ms,
      p99Ms: result.latency.p99Ms,
      ...(usage === null ? {} : { cpuCores: usage.cores, peakRssMb: usage.peakRssBytes / MB }),
      ...(loadUsage === null ? {} : { loadCpuCores: loadUsage.cores }),
      messages: result.ackedMessages,
      bodyBytes: result.bodyBytes,
      ...(failures > 0 ? { failures } : {}),
    },
  })
}

async function withServer<T>(
  start: () => Promise<ServerChild>,
  work: (server: ServerChild) => Promise<T>,
): Promise<T> {
  const server = await start()
  try {
    return await work(server)
  } finally {
    await server.stop()
  }
}

async function measureRsyslog(context: ScenarioContext, load: LoadGenerator, count: number): Promise<Figure> {
  if (RSYSLOGD === undefined)
    return skippedFigure(SCENARIO, 'baseline', RSYSLOG_NAME, 'msg/s', 'rsyslogd not installed')
  const dir = join(context.workDir, 'rsyslog')
  await mkdir(dir, { recursive: true })
  const rsyslog = await startPrivateRsyslog(dir)
  context.defer(() => rsyslog.stop())
  const { connections, durationMs } = context.mode.ingest
  context.log(`${RSYSLOG_NAME}: ${count.toLocaleString('en-US')} messages over ${connections} connections`)
  const maxDurationMs = Math.max(10_000, durationMs * 5)
  const { result } = await load.run({
    kind: 'syslog-tcp',
    port: rsyslog.port,
    connections,
    count,
    maxDurationMs,
  })
  const done = await rsyslog.waitForLines(result.lines, maxDurationMs)
  await rsyslog.stop()
  const seconds = (done.atMs - result.startedAtMs) / 1000
  return figure({
    scenario: SCENARIO,
    role: 'baseline',
    name: RSYSLOG_NAME,
    value: done.lines / seconds,
    unit: 'msg/s',
    details: { messages: done.lines },
    ...(done.lines < result.lines ? { note: `only ${done.lines} of ${result.lines} lines arrived` } : {}),
  })
}

/** Runs the MP ingest scenario. */
export async function runMpIngestScenario(context: ScenarioContext): Promise<readonly Figure[]> {
  const load = startLoadGenerator()
  context.defer(() => load.stop())
  const baselines: Figure[] = []
  await withServer(
    () => startBareHttpServer('plain'),
    async (server) => {
      // A discarded first run: the load process's JIT warms up on it, not on the first figure.
      await load.run(plan(context, server.url, { format: 'json', batch: 10 }, 'baseline'))
      for (const v of INGEST_VARIANTS) {
        baselines.push(
          await measure(
            context,
            load,
            server,
            bareHttpName(v.label),
            'baseline',
            plan(context, server.url, v.body, 'baseline'),
          ),
        )
      }
    },
  )
  await withServer(
    () => startBareHttpServer('durable', join(context.workDir, 'durable.log')),
    async (server) => {
      for (const v of INGEST_VARIANTS) {
        baselines.push(
          await measure(
            context,
            load,
            server,
            bareDurableName(v.label),
            'baseline',
            plan(context, server.url, v.body, 'baseline'),
          ),
        )
      }
    },
  )
  // A tight loop on one core settles much faster than a loaded server: half the window is plenty.
  const workMs = context.mode.ingest.durationMs / 2
  for (const v of INGEST_VARIANTS) {
    context.log(`${mandatoryWorkName(v.label)}: timing for ${(workMs / 1000).toFixed(1)} s`)
    const work = measureMandatoryWork(v.body, workMs)
    baselines.push(
      figure({
        scenario: SCENARIO,
        role: 'baseline',
        name: mandatoryWorkName(v.label),
        value: work.messagesPerSecond,
        unit: 'msg/s',
        details: {
          verifyUsPerRequest: work.verifyUsPerRequest,
          decodeUsPerRequest: work.decodeUsPerRequest,
          requests: work.requests,
        },
      }),
    )
    const durable = baselines.find((f) => f.name === bareDurableName(v.label))?.value ?? null
    baselines.push(
      figure({
        scenario: SCENARIO,
        role: 'baseline',
        name: coresNeededName(v.label),
        value: durable === null ? null : (0.9 * durable) / work.messagesPerSecond,
        unit: 'cores',
        details: { machineCores: availableParallelism() },
        note: 'before HTTP, storage and the load process, which share the same cores',
      }),
    )
  }
  const sitrep: Figure[] = []
  for (const [i, v] of INGEST_VARIANTS.entries()) {
    // A fresh site per variant: an empty inbox, and a peak memory of this variant alone.
    const dataDir = join(context.workDir, `site-${i}`)
    sitrep.push(
      await withServer(
        () => startSiteServer(benchSiteConfig(dataDir)),
        (server) =>
          measure(
            context,
            load,
            server,
            mpIngestName(v.label),
            'sitrep',
            plan(context, server.url, v.body, 'mp'),
          ),
      ),
    )
  }
  const rsyslog = await measureRsyslog(context, load, context.mode.ingest.syslogMessages)
  const all = [...baselines, ...sitrep, rsyslog]
  const compared = sitrep.map((f, i) => {
    const label = INGEST_VARIANTS[i]?.label ?? ''
    const names = [
      bareDurableName(label),
      bareHttpName(label),
      mandatoryWorkName(label),
      ...(label === 'JSON×100' ? [RSYSLOG_NAME] : []),
    ]
    return compare(f, all, names)
  })
  return [...compared, ...baselines, rsyslog]
}
