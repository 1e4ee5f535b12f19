/**
 * Acceptance of the site hierarchy (docs/hierarchy.md): a central site on PostgreSQL, a primary
 * and a secondary on SQLite, as real `sitrep up` processes on loopback. 50,000 messages go into
 * the secondary; the primary is stopped for part of it and the central site is SIGKILLed once.
 * In the end every message the rules replicate is stored exactly once at each level.
 */
import { randomBytes } from 'node:crypto'
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import path from 'node:path'
import type { FilterRule } from '@sitrep/core'
import { newMessageId } from '@sitrep/protocol'
import { createPostgresStore, createSqliteStore } from '@sitrep/store'
import type { InboxItem, SiteStore } from '@sitrep/store'
import { checkPostgres, isPostgresRequired, queryPostgres, testPostgresUrl } from '@sitrep/store/testing'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { SiteProcess } from '../helpers/site-process.ts'
import { startSiteProcess, waitFor } from '../helpers/site-process.ts'

const TOTAL = 50_000
const SECRET = 'hierarchy-test-enrolment-secret'
const SEVERITIES = ['informational', 'warning', 'error'] as const

/** Keep everything; replicate errors at high and warnings at medium. Informational stays. */
const RULES: FilterRule[] = [
  {
    id: 'errors-up',
    name: 'Replicate errors at high priority',
    enabled: true,
    criteria: { severity: 'error' },
    actions: { writeToDatabase: true, daysToKeep: 30, replicateToParent: true, replicationPriority: 'high' },
  },
  {
    id: 'warnings-up',
    name: 'Replicate warnings at medium priority',
    enabled: true,
    criteria: { severity: 'warning' },
    actions: {
      writeToDatabase: true,
      daysToKeep: 30,
      replicateToParent: true,
      replicationPriority: 'medium',
    },
  },
  {
    id: 'keep',
    name: 'Keep the rest',
    enabled: true,
    criteria: {},
    actions: { writeToDatabase: true, daysToKeep: 30 },
  },
]
/** The central site keeps what comes and replicates nothing (it has no parent). */
const PRIMARY_RULES: FilterRule[] = [
  RULES[0] as FilterRule, // The literal array above has three entries.
  {
    id: 'keep',
    name: 'Keep the rest',
    enabled: true,
    criteria: {},
    actions: { writeToDatabase: true, daysToKeep: 30 },
  },
]

function inboxItems(from: number, count: number): InboxItem[] {
  const now = Date.now()
  return Array.from({ length: count }, (_, k) => {
    const i = from + k
    const message = {
      id: newMessageId(now),
      origin: { kind: 'client', id: 'GUID:5b1c6a8e-0000-4000-8000-000000000003' },
      sequence: i + 1,
      severity: SEVERITIES[i % 3],
      messageType: 'milestone',
      messageId: 39997 + (i % 3),
      module: 'SMS Provider',
      component: 'Hierarchy',
      machine: 'WKS-003',
      createdAt: new Date(now).toISOString(),
      insertionStrings: [`message ${i}`],
    }
    return { id: message.id, body: JSON.stringify(message), receivedAt: now, source: 'mp', trusted: true }
  })
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const address = server.address()
      const port = typeof address === 'object' && address !== null ? address.port : 0
      server.close(() => resolve(port))
    })
  })
}

const postgres = await checkPostgres()
const runPostgres = postgres.reachable || isPostgresRequired()
const skipNote = postgres.reachable
  ? ''
  : ` (skipped: PostgreSQL not reachable at ${postgres.url}: ${postgres.reason})`

describe.skipIf(!runPostgres)(`a three-site hierarchy on loopback${skipNote}`, () => {
  const database = `sitrep_tree_${randomBytes(5).toString('hex')}`
  const serverUrl = testPostgresUrl()
  const centralDb = serverUrl.replace(/\/[^/]*$/, `/${database}`)
  let dir: string

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'sitrep-tree-'))
    await queryPostgres(serverUrl, 'public', `CREATE DATABASE ${database}`)
  })
  afterAll(async () => {
    rmSync(dir, { recursive: true, force: true })
    await queryPostgres(serverUrl, 'public', `DROP DATABASE IF EXISTS ${database} WITH (FORCE)`)
  })

  it('stores every replicated message exactly once at each level through a stop and a SIGKILL', async () => {
    const ports = { central: await freePort(), primary: await freePort() }
    const site = (name: string, config: Record<string, unknown>): string => {
      const dataDir = path.join(dir, name)
      mkdirSync(dataDir, { recursive: true })
      const file = path.join(dataDir, 'sitrep.json')
      const base = { dataDir, osLog: { mode: 'off' }, statusManager: { idlePollMs: 20, batchSize: 2000 } }
      writeFileSync(file, JSON.stringify({ ...base, ...config }))
      return file
    }
    const link = { secret: SECRET, pollMs: 50, maxBackoffSeconds: 1, batchSize: 1000 }
    const centralFile = site('central', { siteCode: 'CAS', links: { enrolmentSecrets: [SECRET] } })
    const primaryFile = site('primary', {
      siteCode: 'PS1',
      links: { enrolmentSecrets: [SECRET] },
      parent: { url: `http://127.0.0.1:${ports.central}`, siteCode: 'CAS', ...link },
    })
    const secondaryFile = site('secondary', {
      siteCode: 'SS1',
      parent: { url: `http://127.0.0.1:${ports.primary}`, siteCode: 'PS1', ...link },
    })

    const centralStore = await createPostgresStore({ connectionString: centralDb })
    const primaryStore = await createSqliteStore({ filename: path.join(dir, 'primary', 'site-ps1.sqlite') })
    const secondaryStore = await createSqliteStore({
      filename: path.join(dir, 'secondary', 'site-ss1.sqlite'),
    })
    const stores: SiteStore[] = [centralStore, primaryStore, secondaryStore]
    await centralStore.saveRules(PRIMARY_RULES.slice(1))
    await primaryStore.saveRules(PRIMARY_RULES)
    await secondaryStore.saveRules(RULES)

    const pgEnv = { SITREP_DATABASE_URL: centralDb }
    const startCentral = () => startSiteProcess({ configFile: centralFile, env: pgEnv, port: ports.central })
    const startPrimary = () => startSiteProcess({ configFile: primaryFile, port: ports.primary })
    const running: SiteProcess[] = []
    const stop = async (p: SiteProcess, signal: NodeJS.Signals) => {
      p.child.kill(signal)
      await p.exited()
      running.splice(running.indexOf(p), 1)
    }
    try {
      let central = await startCentral()
      let primary = await startPrimary()
      const secondary = await startSiteProcess({ configFile: secondaryFile })
      running.push(central, primary, secondary)

      // The first half flows through the whole tree.
      await secondaryStore.enqueueInbox(inboxItems(0, TOTAL / 2))
      await waitFor(
        async () => (await primaryStore.countMessages({ component: 'Hierarchy' })) > 1000,
        'replication to start',
      )

      // The primary goes away while the second half arrives; the secondary keeps it queued.
      await stop(primary, 'SIGTERM')
      await secondaryStore.enqueueInbox(inboxItems(TOTAL / 2, TOTAL / 2))
      await waitFor(
        async () => (await secondaryStore.inboxSize()) === 0,
        'the secondary to process its inbox',
        90_000,
      )
      primary = await startPrimary()
      running.push(primary)

      // The central site dies hard once while the primary sends to it.
      await waitFor(
        async () => (await centralStore.countMessages({ component: 'Hierarchy' })) > 500,
        'the central site to receive',
      )
      await stop(central, 'SIGKILL')
      central = await startCentral()
      running.push(central)

      const expectedAtPrimary = (TOTAL / 3) * 2
      const expectedAtCentral = Math.ceil(TOTAL / 3) - 1 // i % 3 === 2 for i < 50,000: 16,666.
      await waitFor(
        async () =>
          (await secondaryStore.outboxSize(['replicate'])) === 0 &&
          (await primaryStore.inboxSize()) === 0 &&
          (await primaryStore.outboxSize(['replicate'])) === 0 &&
          (await centralStore.inboxSize()) === 0 &&
          (await centralStore.countMessages({ component: 'Hierarchy' })) >= expectedAtCentral,
        'every level to drain',
        120_000,
      )
      expect(await secondaryStore.countMessages({ component: 'Hierarchy' })).toBe(TOTAL)
      expect(await primaryStore.countMessages({ component: 'Hierarchy' })).toBe(Math.floor(expectedAtPrimary))
      expect(await centralStore.countMessages({ component: 'Hierarchy' })).toBe(expectedAtCentral)
      const [distinct] = await queryPostgres<{ n: string }>(
        centralDb,
        'public',
        `SELECT count(DISTINCT message_uuid) AS n FROM status_messages WHERE component = 'Hierarchy'`,
      )
      expect(Number(distinct?.n)).toBe(expectedAtCentral)
      const atCentral = await centralStore.listMessages({ component: 'Hierarchy', limit: 1 })
      expect(atCentral[0]).toMatchObject({ siteCode: 'SS1', severity: 'error' })

      const links = await fetch(`${primary.url}/api/v1/links`, {
        headers: { authorization: `Bearer ${readToken(path.join(dir, 'primary'))}` },
      })
      const body = (await links.json()) as { links: { direction: string; siteCode: string; state: string }[] }
      expect(body.links.map((l) => [l.direction, l.siteCode])).toEqual([
        ['parent', 'CAS'],
        ['child', 'SS1'],
      ])
    } catch (error) {
      const state = async (store: SiteStore) => ({
        links: await store.listSiteLinks(),
        inbox: await store.inboxSize(),
        outbox: await store.outboxSize(['replicate']),
        stored: await store.countMessages({ component: 'Hierarchy' }),
      })
      const logs = running.map((p) => p.stderr().slice(-3000)).join('\n---\n')
      throw new Error(
        `${String(error)}\n${JSON.stringify(await Promise.all(stores.map(state)), null, 1)}\n${logs}`,
        { cause: error },
      )
    } finally {
      for (const p of [...running]) await stop(p, 'SIGTERM')
      for (const store of stores) await store.close()
    }
  }, 240_000)
})

function readToken(dataDir: string): string {
  return readFileSync(path.join(dataDir, 'admin-token'), 'utf8').trim()
}
