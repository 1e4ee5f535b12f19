/**
 * The engine matrix of the site-level suites: `describeEachEngine` declares a suite once per
 * storage engine (SQLite always; PostgreSQL when the test server is reachable, and always in CI,
 * where `SITREP_TEST_REQUIRE_POSTGRES=1`), hands the body an {@link SiteEngine} that opens
 * fresh stores on that engine, and fails any test whose sites logged an error it did not declare.
 *
 * On PostgreSQL a suite reuses its migrated schemas from test to test (emptied in between), so
 * the second pass costs little more than the first.
 *
 * What the body opens inside a test (or its `beforeEach`) lasts for that test; what it opens in a
 * `beforeAll` — one site shared by the suite's tests — lasts until the suite ends. A shared site's
 * error lines fail the test during which they were logged (and the suite, if logged at the end).
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import type { SiteStore } from '@sitrep/store'
import { createPostgresStore, createSqliteStore } from '@sitrep/store'
import type { PostgresSchemaPool } from '@sitrep/store/testing'
import {
  checkPostgres,
  createPostgresSchemaPool,
  isPostgresRequired,
  queryPostgres,
  randomSchemaName,
  testPostgresUrl,
} from '@sitrep/store/testing'
import { afterAll, afterEach, beforeEach, describe } from 'vitest'
import type { SiteLog } from './site-log.ts'
import { createSiteLog } from './site-log.ts'

/** The storage engines a site runs on. */
export type EngineKind = 'sqlite' | 'postgres'

/** What a suite body gets for the running pass. */
export interface SiteEngine {
  readonly kind: EngineKind
  /**
   * Opens an empty, migrated store for the running test (SQLite in memory, or PostgreSQL in a
   * schema of the suite's own); it is closed after the test (after the suite, when opened in a
   * `beforeAll`) if nothing closed it before.
   */
  openStore(): Promise<SiteStore>
  /**
   * Another store on the data of `store` (one this engine opened), as a second process of the
   * site would open it: its own connection pool to the same schema on PostgreSQL. On SQLite,
   * where a site has one connection to its file, it is `store` itself.
   */
  openStoreBeside(store: SiteStore): Promise<SiteStore>
  /**
   * What `startSite(config, options)` needs to run a whole site on this engine: nothing on SQLite
   * (the site opens the file in its data directory), a store of its own on PostgreSQL.
   */
  siteOptions(): Promise<{ readonly store?: SiteStore }>
  /**
   * The `databaseUrl` of a site that runs as a process of its own (`sitrep up`): empty on SQLite
   * (the file in its data directory), a new database on PostgreSQL, dropped after the test or
   * suite (a process cannot be handed a schema: the store reads `public`).
   */
  databaseUrl(): Promise<string>
  /**
   * A log collector for one site of the running test or suite (`name` is bound to its lines).
   * After each test, an error line that no `expectError` of that log declared fails it.
   */
  siteLog(name?: string): SiteLog
  /** A temporary directory for the running test (or suite), removed after it. */
  tempDir(prefix?: string): string
}

const probe = await checkPostgres()

/**
 * Whether this run has PostgreSQL. Throws (failing the file) when it is required and unreachable;
 * otherwise an unreachable server skips the PostgreSQL pass with the reason in its title.
 */
function postgresAvailability():
  { readonly available: true } | { readonly available: false; reason: string } {
  if (probe.reachable) return { available: true }
  const reason = `PostgreSQL not reachable at ${probe.url} (${probe.reason}); set SITREP_TEST_POSTGRES_URL`
  if (isPostgresRequired()) throw new Error(`SITREP_TEST_REQUIRE_POSTGRES=1 but ${reason}`)
  return { available: false, reason }
}

/** The engines of this run, as the suites' titles name them. */
const ENGINE_KINDS: readonly EngineKind[] = ['sqlite', 'postgres']

/**
 * Declares `body` once per engine, as `describe('<title> [sqlite]')` and
 * `describe('<title> [postgres]')`. Inside, use the engine to open stores and sites; everything
 * it opened is closed and removed after each test.
 */
export function describeEachEngine(title: string, body: (engine: SiteEngine) => void): void {
  for (const kind of ENGINE_KINDS) {
    if (kind === 'postgres') {
      const availability = postgresAvailability()
      if (!availability.available) {
        describe.skip(`${title} [postgres]: skipped, ${availability.reason}`, () => {
          body(engineFor('postgres', null))
        })
        continue
      }
    }
    describe(`${title} [${kind}]`, () => {
      const pool = kind === 'postgres' ? createPostgresSchemaPool(probe.url) : null
      // Registered first so that it runs last: after the body's and the engine's own afterAll
      // have stopped the suite's sites and closed its stores.
      afterAll(async () => {
        await pool?.drain()
      })
      body(engineFor(kind, pool))
    })
  }
}

/** Resources of a pass, released after the test (or the suite) that opened them. */
interface Opened {
  readonly stores: { readonly store: SiteStore; readonly schema: string | null }[]
  readonly logs: SiteLog[]
  readonly dirs: string[]
  readonly databases: string[]
}

const nothingOpened = (): Opened => ({ stores: [], logs: [], dirs: [], databases: [] })

function engineFor(kind: EngineKind, pool: PostgresSchemaPool | null): SiteEngine {
  let perTest = nothingOpened()
  const perSuite = nothingOpened()
  /** Unexpected error lines of the suite's logs already reported, per log. */
  const reported = new Map<SiteLog, number>()
  let inTest = false
  const opened = (): Opened => (inTest ? perTest : perSuite)

  const release = async (done: Opened): Promise<void> => {
    // Stores first: a site still logging while it closes belongs to this test. Every store on a
    // schema is closed before the schema goes back to the pool.
    for (const { store } of done.stores) await closeQuietly(store)
    for (const { schema } of done.stores) if (schema !== null) pool?.give(schema)
    for (const dir of done.dirs) rmSync(dir, { recursive: true, force: true })
    for (const database of done.databases) {
      await queryPostgres(probe.url, 'public', `drop database if exists ${database} with (force)`)
    }
  }
  /** Fails on the suite's logs' error lines that no earlier check reported. */
  const checkSuiteLogs = (): void => {
    for (const log of perSuite.logs) {
      const count = log.unexpectedErrors().length
      if (count > (reported.get(log) ?? 0)) {
        reported.set(log, count)
        log.assertNoUnexpectedErrors()
      }
    }
  }

  beforeEach(() => {
    inTest = true
  })
  afterEach(async () => {
    inTest = false
    const done = perTest
    perTest = nothingOpened()
    await release(done)
    for (const log of done.logs) log.assertNoUnexpectedErrors()
    checkSuiteLogs()
  })
  afterAll(async () => {
    await release(perSuite)
    checkSuiteLogs()
  })

  const openStore = async (): Promise<SiteStore> => {
    if (kind === 'sqlite') {
      const store = await createSqliteStore({ filename: ':memory:' })
      opened().stores.push({ store, schema: null })
      return store
    }
    if (pool === null) throw new Error('PostgreSQL is not available in this run')
    const schema = await pool.take()
    const store = await createPostgresStore({ connectionString: testPostgresUrl(), schema, poolSize: 4 })
    opened().stores.push({ store, schema })
    return store
  }

  return {
    kind,
    openStore,
    async openStoreBeside(store) {
      if (kind === 'sqlite') return store
      const schema = [...perSuite.stores, ...perTest.stores].find((o) => o.store === store)?.schema
      if (schema == null) throw new Error('openStoreBeside takes a store this engine opened for the test')
      const beside = await createPostgresStore({ connectionString: testPostgresUrl(), schema, poolSize: 4 })
      // Closed with the others; the schema goes back to the pool once, with the first store.
      opened().stores.push({ store: beside, schema: null })
      return beside
    },
    async siteOptions() {
      return kind === 'sqlite' ? {} : { store: await openStore() }
    },
    async databaseUrl() {
      if (kind === 'sqlite') return ''
      if (pool === null) throw new Error('PostgreSQL is not available in this run')
      const database = randomSchemaName()
      await queryPostgres(probe.url, 'public', `create database ${database}`)
      opened().databases.push(database)
      const url = new URL(probe.url)
      url.pathname = `/${database}`
      return url.toString()
    },
    siteLog(name) {
      const log = createSiteLog(name)
      opened().logs.push(log)
      return log
    },
    tempDir(prefix = 'engine') {
      const dir = mkdtempSync(path.join(tmpdir(), `sitrep-${prefix}-`))
      opened().dirs.push(dir)
      return dir
    },
  }
}

const closed = new WeakSet<SiteStore>()

/** Closes a store that the test or the site it ran may have closed already. */
async function closeQuietly(store: SiteStore): Promise<void> {
  if (closed.has(store)) return
  closed.add(store)
  await store.close().catch(() => undefined)
}
