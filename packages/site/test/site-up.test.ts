import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { randomBytes } from 'node:crypto'
import { newMessageId } from '@sitrep/protocol'
import { createPostgresStore } from '@sitrep/store'
import { checkPostgres, isPostgresRequired, queryPostgres, testPostgresUrl } from '@sitrep/store/testing'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startSiteProcess, waitFor } from './helpers/site-process.ts'

function inboxItems(count: number, component: string) {
  const now = Date.now()
  return Array.from({ length: count }, (_, i) => {
    const message = {
      id: newMessageId(now),
      origin: { kind: 'client', id: 'GUID:5b1c6a8e-0000-4000-8000-000000000002' },
      sequence: i + 1,
      severity: 'warning',
      messageType: 'milestone',
      messageId: 39998,
      module: 'SMS Provider',
      component,
      machine: 'WKS-002',
      createdAt: new Date(now).toISOString(),
      insertionStrings: [`low disk ${i}`],
    }
    return { id: message.id, body: JSON.stringify(message), receivedAt: now, source: 'mp', trusted: true }
  })
}

describe('sitrep up on the embedded default', () => {
  let dir: string
  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'sitrep-up-'))
  })
  afterAll(() => rmSync(dir, { recursive: true, force: true }))

  it('starts site PS1 on SQLite in the data directory and answers the health check', async () => {
    const configFile = path.join(dir, 'sitrep.json')
    writeFileSync(configFile, JSON.stringify({ dataDir: dir, osLog: { mode: 'off' } }))
    const site = await startSiteProcess({ configFile })
    try {
      const response = await fetch(`${site.url}/api/v1/health`)
      expect(response.status).toBe(200)
      expect(await response.json()).toMatchObject({ status: 'ok', siteCode: 'PS1', version: '0.1.0' })
    } finally {
      site.child.kill('SIGTERM')
      expect(await site.exited()).toBe(0)
    }
  })
})

const postgres = await checkPostgres()
const runPostgres = postgres.reachable || isPostgresRequired()

// Without a server (and without SITREP_TEST_REQUIRE_POSTGRES=1) the suite is skipped, and its
// title says why, so the skip is visible in the test output.
const skipNote = postgres.reachable
  ? ''
  : ` (skipped: PostgreSQL not reachable at ${postgres.url}: ${postgres.reason}; set SITREP_TEST_POSTGRES_URL)`

describe.skipIf(!runPostgres)(`sitrep up with SITREP_DATABASE_URL=postgres://…${skipNote}`, () => {
  const database = `sitrep_up_${randomBytes(5).toString('hex')}`
  const serverUrl = testPostgresUrl()
  const databaseUrl = serverUrl.replace(/\/[^/]*$/, `/${database}`)
  let dir: string

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'sitrep-up-pg-'))
    await queryPostgres(serverUrl, 'public', `CREATE DATABASE ${database}`)
  })
  afterAll(async () => {
    rmSync(dir, { recursive: true, force: true })
    await queryPostgres(serverUrl, 'public', `DROP DATABASE IF EXISTS ${database} WITH (FORCE)`)
  })

  it('runs the status manager on PostgreSQL and stores what the rules keep', async () => {
    const configFile = path.join(dir, 'sitrep.json')
    writeFileSync(
      configFile,
      JSON.stringify({ dataDir: dir, osLog: { mode: 'off' }, statusManager: { idlePollMs: 20 } }),
    )
    const site = await startSiteProcess({ configFile, env: { SITREP_DATABASE_URL: databaseUrl } })
    const store = await createPostgresStore({ connectionString: databaseUrl })
    try {
      await store.enqueueInbox(inboxItems(300, 'PgTest'))
      await waitFor(
        async () => (await store.countMessages({ component: 'PgTest' })) === 300,
        'the messages to be stored on PostgreSQL',
      )
      expect(await store.inboxSize()).toBe(0)
      const [message] = await store.listMessages({ component: 'PgTest', limit: 1 })
      expect(message).toMatchObject({ siteCode: 'PS1', severity: 'warning', messageId: 39998 })
    } finally {
      await store.close()
      site.child.kill('SIGTERM')
      await site.exited()
    }
  })
})
