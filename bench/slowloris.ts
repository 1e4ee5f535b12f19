/**
 * `npm run bench:slowloris`: a site (in a child process of its own, with its default HTTP
 * limits) under a slowloris of 2,000 loopback connections from ten source addresses, each
 * trickling a header line a second and never finishing. Prints how fast `GET /api/v1/health`
 * answers during the attack (fresh connections, ten a second) and how long the site takes to
 * answer every attacking socket 408 and close it. Figures only: nothing is judged here.
 *
 * Usage: `npm run bench:slowloris [-- --connections N]`
 */
import { mkdtemp, rm } from 'node:fs/promises'
import { loadavg, tmpdir } from 'node:os'
import { join } from 'node:path'
import { probeHealth, startSlowloris, waitUntil } from '../packages/site/test/helpers/slowloris.ts'
import { summarizeLatencies } from './lib/percentiles.ts'
import { startSiteServer } from './servers/start-server.ts'

const connectionsArg = process.argv.indexOf('--connections')
const CONNECTIONS = connectionsArg > 0 ? Number(process.argv[connectionsArg + 1]) : 2000
const SOURCES = Array.from({ length: 10 }, (_, i) => `127.0.0.${i + 2}`)
const PROBES = 50

function log(message: string): void {
  process.stderr.write(`[slowloris ${new Date().toISOString().slice(11, 19)}] ${message}\n`)
}

const workDir = await mkdtemp(join(tmpdir(), 'sitrep-bench-slowloris-'))
const site = await startSiteServer({
  dataDir: workDir,
  http: { port: 0 },
  osLog: { mode: 'off' },
  logLevel: 'warn',
})
try {
  const port = Number(new URL(site.url).port)
  // The first requests of a fresh process are slow (JIT); warm up before measuring.
  let before = await probeHealth(port)
  for (let i = 0; i < 20; i += 1) before = await probeHealth(port)
  log(`site up at ${site.url}; health before the attack ${before.ms.toFixed(1)} ms`)
  const started = performance.now()
  const attack = await startSlowloris({ port, connections: CONNECTIONS, sources: SOURCES, trickleMs: 1000 })
  const openedMs = performance.now() - started
  log(`${attack.connected()} connections open in ${openedMs.toFixed(0)} ms; probing health`)
  const samples: number[] = []
  for (let i = 0; i < PROBES; i += 1) {
    const probe = await probeHealth(port)
    if (probe.status !== 200) throw new Error(`health answered ${probe.status} during the attack`)
    samples.push(probe.ms)
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
  const closedDuringProbes = attack.closed()
  await waitUntil(() => attack.closed() === attack.connected(), 120_000, 'the site to free every socket')
  const freedMs = performance.now() - started
  const latency = summarizeLatencies(samples)
  const answers = attack.answers()
  attack.stop()
  const rows: [string, string][] = [
    ['machine load (1 min)', `${loadavg()[0]?.toFixed(1) ?? '?'} on this machine's cores`],
    ['slowloris connections', `${attack.connected()} from ${SOURCES.length} addresses`],
    ['open while probing', `${attack.connected() - closedDuringProbes} of them still held by the site`],
    [
      'health during attack',
      `p50 ${latency.p50Ms.toFixed(1)} ms, p99 ${latency.p99Ms.toFixed(1)} ms, max ${latency.maxMs.toFixed(1)} ms (${latency.count} probes)`,
    ],
    ['health within 100 ms', `${samples.filter((ms) => ms <= 100).length} of ${samples.length} probes`],
    ['all sockets freed', `${(freedMs / 1000).toFixed(1)} s after the attack began (headers timeout 10 s)`],
    [
      'how they ended',
      Object.entries(answers)
        .map(([status, n]) => `${n} × ${status}`)
        .join(', '),
    ],
  ]
  const width = Math.max(...rows.map(([name]) => name.length))
  process.stdout.write(`${rows.map(([name, value]) => `${name.padEnd(width)}  ${value}`).join('\n')}\n`)
} finally {
  await site.stop()
  await rm(workDir, { recursive: true, force: true })
}
