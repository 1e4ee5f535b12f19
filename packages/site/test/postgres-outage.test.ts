/**
 * PostgreSQL goes away under a running site and comes back. The site talks to the server through
 * a TCP proxy the test can cut (every connection destroyed, new ones refused) and restore. A
 * client keeps reporting through the management point the whole time and resends whatever was
 * not acknowledged, as clients do. While the database is away the MP answers 503 with
 * Retry-After and acknowledges nothing; once it is back everything resumes by itself, and every
 * acknowledged message is stored exactly once.
 */
import { randomBytes } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import net from 'node:net'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { newMessageId } from '@sitrep/protocol'
import { checkPostgres, isPostgresRequired, queryPostgres, testPostgresUrl } from '@sitrep/store/testing'
import { pino } from 'pino'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { loadSiteConfig, parseSiteConfig, startSite } from '../src/index.ts'
import type { RunningSite } from '../src/index.ts'
import { waitFor } from './helpers/site-process.ts'

const postgres = await checkPostgres()
const runPostgres = postgres.reachable || isPostgresRequired()
// Without a server (and without SITREP_TEST_REQUIRE_POSTGRES=1) the suite is skipped, and its
// title says why, so the skip is visible in the test output.
const skipNote = postgres.reachable
  ? ''
  : ` (skipped: PostgreSQL not reachable at ${postgres.url}: ${postgres.reason}; set SITREP_TEST_POSTGRES_URL)`

/** A TCP proxy to the PostgreSQL server that can be cut and restored on the same port. */
interface CuttableProxy {
  readonly port: number
  /** Destroys every open connection and stops accepting new ones (they are refused). */
  cut(): Promise<void>
  restore(): Promise<void>
  close(): Promise<void>
}

async function startProxy(target: { host: string; port: number }): Promise<CuttableProxy> {
  const sockets = new Set<net.Socket>()
  const track = (socket: net.Socket): void => {
    sockets.add(socket)
    socket.on('error', () => undefined)
    socket.on('close', () => sockets.delete(socket))
  }
  const server = net.createServer((client) => {
    const upstream = net.connect(target.port, target.host)
    track(client)
    track(upstream)
    client.pipe(upstream).pipe(client)
    client.on('close', () => upstream.destroy())
    upstream.on('close', () => client.destroy())
  })
  const listen = (port: number): Promise<void> =>
    new Promise((resolve, reject) => {
      server.once('error', reject)
      server.listen(port, '127.0.0.1', () => {
        server.off('error', reject)
        resolve()
      })
    })
  const stop = (): Promise<void> =>
    new Promise((resolve) => {
      server.close(() => resolve())
      for (const socket of sockets) socket.destroy()
    })
  await listen(0)
  const { port } = server.address() as net.AddressInfo // listening on TCP: an AddressInfo
  return { port, cut: stop, restore: () => listen(port), close: stop }
}

/** One message as an unsigned client reports it. */
function message(component: string) {
  return {
    id: newMessageId(Date.now()),
    origin: { kind: 'client', id: 'GUID:5b1c6a8e-0000-4000-8000-0000000000cc' },
    sequence: 1,
    severity: 'warning',
    messageType: 'milestone',
    messageId: 39998,
    module: 'Acme Backup',
    component,
    machine: 'WKS-CUT',
    createdAt: new Date().toISOString(),
    insertionStrings: ['reported across an outage'],
  }
}

/** What the reporting client saw. */
interface ClientLog {
  readonly acknowledged: Set<string>
  /** Batches answered 503, to send again. */
  readonly unacknowledged: ReturnType<typeof message>[][]
  readonly unavailable: { status: number; retryAfter: string | null; code: unknown }[]
  readonly other: string[]
  acknowledgedBatches: number
  /** Batches acknowledged when the first 503 came. */
  acknowledgedAtFirst503: number | undefined
}

describe.skipIf(!runPostgres)(`the management point while PostgreSQL goes away${skipNote}`, () => {
  const database = `sitrep_outage_${randomBytes(5).toString('hex')}`
  const serverUrl = new URL(testPostgresUrl())
  let dir: string
  let proxy: CuttableProxy
  let site: RunningSite | undefined

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'sitrep-outage-'))
    await queryPostgres(serverUrl.toString(), 'public', `CREATE DATABASE ${database}`)
    proxy = await startProxy({ host: serverUrl.hostname, port: Number(serverUrl.port || 5432) })
  })
  afterAll(async () => {
    await site?.stop()
    await proxy.close()
    rmSync(dir, { recursive: true, force: true })
    await queryPostgres(serverUrl.toString(), 'public', `DROP DATABASE IF EXISTS ${database} WITH (FORCE)`)
  })

  it('answers 503 with Retry-After, acknowledges nothing it could not commit, and stores every acknowledged message once after it returns', async () => {
    const siteUrl = new URL(serverUrl.toString())
    siteUrl.host = `127.0.0.1:${proxy.port}`
    siteUrl.pathname = `/${database}`
    const defaults = loadSiteConfig({ env: {}, overrides: { dataDir: dir, port: 0 } })
    const config = parseSiteConfig({
      dataDir: dir,
      databaseUrl: siteUrl.toString(),
      database: { connectTimeoutSeconds: 2 },
      http: { port: 0 },
      osLog: { mode: 'off' },
      statusManager: { idlePollMs: 20 },
      mp: { ...defaults.mp, allowUnsigned: true, ratePerSecond: 10_000, burst: 10_000 },
    })
    site = await startSite(config, { logger: pino({ level: 'silent' }) })
    const mpUrl = `${site.url}/mp/v1/status/unsigned`
    const component = 'OutageTest'

    const log: ClientLog = {
      acknowledged: new Set(),
      unacknowledged: [],
      unavailable: [],
      other: [],
      acknowledgedBatches: 0,
      acknowledgedAtFirst503: undefined,
    }
    let reporting = true
    const client = (async () => {
      while (reporting || log.unacknowledged.length > 0) {
        const batch = log.unacknowledged.shift() ?? Array.from({ length: 10 }, () => message(component))
        const response = await fetch(mpUrl, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ messages: batch }),
        })
        // The MP's documented reply shapes: 202 with per-message results, else the error body.
        const body = (await response.json()) as {
          results?: { id?: string; status: string }[]
          error?: { code: string }
        }
        if (response.status === 202) {
          for (const result of body.results ?? []) {
            if (result.id !== undefined && (result.status === 'accepted' || result.status === 'duplicate')) {
              log.acknowledged.add(result.id)
            } else log.other.push(JSON.stringify(result))
          }
          log.acknowledgedBatches += 1
        } else if (response.status === 503) {
          log.acknowledgedAtFirst503 ??= log.acknowledgedBatches
          log.unavailable.push({
            status: response.status,
            retryAfter: response.headers.get('retry-after'),
            code: body.error?.code,
          })
          log.unacknowledged.push(batch)
          // A real client waits Retry-After; a short pause keeps the test brief.
          await new Promise((resolve) => setTimeout(resolve, 50))
        } else {
          log.other.push(`${response.status} ${JSON.stringify(body)}`)
          log.unacknowledged.push(batch)
        }
      }
    })()

    try {
      await waitFor(
        () => Promise.resolve(log.acknowledgedBatches >= 5),
        'batches acknowledged before the cut',
      )
      await proxy.cut()
      await waitFor(
        () => Promise.resolve(log.unavailable.length >= 5),
        '503 answers while PostgreSQL is away',
      )
      // The client sends one request at a time, so after the first 503 any acknowledgment before
      // the restore would be a commit that cannot have happened.
      const acknowledgedWhileCut = log.acknowledgedBatches - (log.acknowledgedAtFirst503 ?? 0)
      await proxy.restore()
      const before = log.acknowledgedBatches
      await waitFor(
        () => Promise.resolve(log.unacknowledged.length === 0 && log.acknowledgedBatches >= before + 5),
        'reporting to resume after PostgreSQL is back',
      )
      reporting = false
      await client

      expect(log.other).toEqual([])
      for (const answer of log.unavailable) {
        expect(answer).toMatchObject({ status: 503, code: 'unavailable' })
        expect(Number(answer.retryAfter)).toBeGreaterThan(0)
      }
      expect(acknowledgedWhileCut).toBe(0)

      const storedOnce = async (): Promise<{ id: string; copies: number }[]> =>
        queryPostgres<{ id: string; copies: number }>(
          serverUrl.toString().replace(/\/[^/]*$/, `/${database}`),
          'public',
          'select message_uuid as id, count(*)::int as copies from status_messages where component = $1 group by message_uuid',
          [component],
        )
      await waitFor(
        async () => (await storedOnce()).length >= log.acknowledged.size,
        'every acknowledged message to be stored',
      )
      const stored = await storedOnce()
      expect(stored.filter((row) => row.copies !== 1)).toEqual([])
      const storedIds = new Set(stored.map((row) => row.id))
      expect([...log.acknowledged].filter((id) => !storedIds.has(id))).toEqual([])
      expect(storedIds.size).toBe(log.acknowledged.size)
      const inbox = await queryPostgres<{ n: number }>(
        serverUrl.toString().replace(/\/[^/]*$/, `/${database}`),
        'public',
        'select count(*)::int as n from inbox',
      )
      expect(inbox[0]?.n).toBe(0)
    } finally {
      reporting = false
      log.unacknowledged.length = 0
      await client.catch(() => undefined)
    }
  }, 180_000)
})
