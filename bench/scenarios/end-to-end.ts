/**
 * Scenario 3, end to end: signed one-message reports at a steady offered rate (a separate load
 * process) to a real site (child process, SQLite, all roles running), and for each message the
 * time from sending it until (a) the MP acknowledged it, (b) it is visible through the API
 * (`GET /api/v1/messages`, polled every 25 ms as a console would), and (c) it is counted in the
 * component summary counters (`component_counts`, read from the site's database). The status
 * manager counts and stores in one transaction, and processes the inbox in commit order, so the
 * n-th count is taken as the n-th message acknowledged.
 */
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { createSqliteStore } from '@sitrep/store'
import type { Figure } from '../lib/figures.ts'
import { figure, skippedFigure } from '../lib/figures.ts'
import { summarizeLatencies } from '../lib/percentiles.ts'
import type { FixedRatePlan } from '../load/load-plan.ts'
import { startLoadGenerator } from '../load/run-load.ts'
import { startSiteServer } from '../servers/start-server.ts'
import { benchSiteConfig, benchSiteDatabase } from './bench-site.ts'
import type { ScenarioContext } from './scenario-context.ts'

const SCENARIO = 'end-to-end'
const COMPONENT = 'BENCH_E2E'
const POLL_MS = 25
/** How long after the last send the observer keeps looking for stragglers. */
const SETTLE_MS = 15_000
const CLIENTS = 8

export const E2E_ACK = 'Report→acknowledged by the MP'
export const E2E_VISIBLE = 'Report→visible through the API'
export const E2E_COUNTED = 'Report→counted in the component summary'

function nowMs(): number {
  return performance.timeOrigin + performance.now()
}

/** Runs the end-to-end scenario. */
export async function runEndToEndScenario(context: ScenarioContext): Promise<readonly Figure[]> {
  const dataDir = join(context.workDir, 'site')
  const site = await startSiteServer(benchSiteConfig(dataDir))
  context.defer(() => site.stop())
  const token = (await readFile(join(dataDir, 'admin-token'), 'utf8')).trim()
  const counters = await createSqliteStore({ filename: benchSiteDatabase(dataDir) })
  context.defer(() => counters.close())
  const load = startLoadGenerator()
  context.defer(() => load.stop())

  const { ratePerSecond, count, maxDurationMs } = context.mode.endToEnd
  const plan: FixedRatePlan = {
    kind: 'fixed-rate',
    url: site.url,
    path: '/mp/v1/status',
    auth: { kind: 'signed', clients: CLIENTS },
    ratePerSecond,
    count,
    maxDurationMs,
    component: COMPONENT,
  }
  const seenAt = new Map<string, number>()
  const countSeries: { atMs: number; count: number }[] = []
  let observing = true
  let oldestUnseen = new Date(Date.now() - 60_000).toISOString()
  let pollFailure: string | undefined
  const observe = async (): Promise<void> => {
    while (observing) {
      const startedAt = Date.now()
      try {
        const url = `${site.url}/api/v1/messages?component=${COMPONENT}&since=${encodeURIComponent(oldestUnseen)}&limit=1000`
        const response = await fetch(url, { headers: { authorization: `Bearer ${token}` } })
        const at = nowMs()
        const body: unknown = await response.json()
        const messages =
          typeof body === 'object' && body !== null && 'messages' in body && Array.isArray(body.messages)
            ? (body.messages as unknown[]) // an array of message views; each is checked below
            : []
        if (!response.ok) pollFailure ??= `${response.status} ${JSON.stringify(body).slice(0, 200)}`
        for (const m of messages) {
          if (
            typeof m === 'object' &&
            m !== null &&
            'id' in m &&
            typeof m.id === 'string' &&
            !seenAt.has(m.id)
          ) {
            seenAt.set(m.id, at)
          }
        }
        const rows = await counters.componentCounts({ siteCode: 'PS1' })
        const counted = rows.filter((r) => r.component === COMPONENT).reduce((sum, r) => sum + r.count, 0)
        countSeries.push({ atMs: nowMs(), count: counted })
      } catch (error) {
        pollFailure ??= String(error)
      }
      await new Promise((resolve) => setTimeout(resolve, Math.max(1, POLL_MS - (Date.now() - startedAt))))
    }
  }
  context.log(`${count.toLocaleString('en-US')} messages at ${ratePerSecond}/s offered`)
  const observer = observe()
  let sent
  try {
    const run = await load.run(plan, { samplePid: site.pid })
    sent = run.result.sent
    if (run.result.failures > 0)
      context.log(`${run.result.failures} sends failed, first: ${run.result.firstFailure ?? ''}`)
    const acked = sent.filter((s) => s.ackedAtMs !== null)
    const settleUntil = Date.now() + SETTLE_MS
    while (Date.now() < settleUntil && acked.some((s) => !seenAt.has(s.id))) {
      const firstUnseen = acked.find((s) => !seenAt.has(s.id))
      if (firstUnseen !== undefined) oldestUnseen = new Date(firstUnseen.sentAtMs - 1000).toISOString()
      await new Promise((resolve) => setTimeout(resolve, POLL_MS))
    }
  } finally {
    observing = false
    await observer
  }
  if (pollFailure !== undefined) context.log(`API poll failed at least once: ${pollFailure}`)
  const ordered = [...sent].sort((a, b) => a.sentAtMs - b.sentAtMs)
  const ackLatencies = ordered.flatMap((s) => (s.ackedAtMs === null ? [] : [s.ackedAtMs - s.sentAtMs]))
  const visible = ordered.flatMap((s) => {
    const at = seenAt.get(s.id)
    return at === undefined ? [] : [Math.max(0, at - s.sentAtMs)]
  })
  // The inbox is committed, and so processed, in acknowledgement order, not send order.
  const byAck = ordered
    .filter((s) => s.ackedAtMs !== null)
    .sort((a, b) => (a.ackedAtMs ?? 0) - (b.ackedAtMs ?? 0))
  const counted: number[] = []
  let series = 0
  for (const [k, s] of byAck.entries()) {
    while (series < countSeries.length && (countSeries[series]?.count ?? 0) < k + 1) series++
    const point = countSeries[series]
    if (point === undefined) break
    counted.push(Math.max(0, point.atMs - s.sentAtMs))
  }
  const details = (samples: number[]): Record<string, number> => {
    const summary = summarizeLatencies(samples)
    return { p99Ms: summary.p99Ms, messages: summary.count, offeredPerSecond: ratePerSecond }
  }
  const row = (name: string, samples: number[]): Figure =>
    samples.length === 0
      ? skippedFigure(SCENARIO, 'sitrep', name, 'ms p50', 'no message got this far')
      : figure({
          scenario: SCENARIO,
          role: 'sitrep',
          name,
          value: summarizeLatencies(samples).p50Ms,
          unit: 'ms p50',
          details: details(samples),
          ...(samples.length < ordered.length
            ? { note: `${ordered.length - samples.length} of ${ordered.length} not seen` }
            : {}),
        })
  return [row(E2E_ACK, ackLatencies), row(E2E_VISIBLE, visible), row(E2E_COUNTED, counted)]
}
