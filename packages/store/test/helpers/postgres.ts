/**
 * PostgreSQL for tests: where the test server is, whether it is reachable, and a store in a fresh
 * schema of its own that is dropped afterwards. Other packages' tests import these too.
 */
import { randomBytes } from 'node:crypto'
import pg from 'pg'
import { createPostgresSchema, createPostgresStore, dropPostgresSchema } from '../../src/index.ts'
import type { PostgresSiteStore } from '../../src/index.ts'

/** The test server when `SITREP_TEST_POSTGRES_URL` is not set (trust auth, database `test`). */
export const DEFAULT_TEST_POSTGRES_URL = 'postgres://postgres@127.0.0.1:5432/test'

/** The PostgreSQL URL tests use. */
export function testPostgresUrl(): string {
  return process.env.SITREP_TEST_POSTGRES_URL ?? DEFAULT_TEST_POSTGRES_URL
}

/** True when `SITREP_TEST_REQUIRE_POSTGRES=1`: an unreachable server fails the run instead of skipping. */
export function isPostgresRequired(): boolean {
  return process.env.SITREP_TEST_REQUIRE_POSTGRES === '1'
}

/** Whether the test server answered, and why not when it did not. */
export type PostgresReachability =
  | { readonly reachable: true; readonly url: string }
  | { readonly reachable: false; readonly url: string; readonly reason: string }

const probes = new Map<string, Promise<PostgresReachability>>()

/** Connects once (per URL and process) with a short timeout and reports whether it worked. */
export function checkPostgres(url: string = testPostgresUrl()): Promise<PostgresReachability> {
  let probe = probes.get(url)
  if (probe === undefined) {
    probe = probePostgres(url)
    probes.set(url, probe)
  }
  return probe
}

async function probePostgres(url: string): Promise<PostgresReachability> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3000 })
  client.on('error', () => undefined)
  try {
    await client.connect()
    await client.query('select 1')
    return { reachable: true, url }
  } catch (error) {
    return { reachable: false, url, reason: error instanceof Error ? error.message : String(error) }
  } finally {
    await client.end().catch(() => undefined)
  }
}

/** A schema name no other test run will pick. */
export function randomSchemaName(): string {
  return `sitrep_test_${randomBytes(6).toString('hex')}`
}

/** A PostgreSQL store in a schema of its own; `cleanup` closes it and drops the schema. */
export interface TestPostgresStore {
  readonly store: PostgresSiteStore
  readonly schema: string
  readonly url: string
  cleanup(): Promise<void>
}

/** Creates a fresh schema on the test server and opens a migrated store in it. */
export async function createTestPostgresStore(url: string = testPostgresUrl()): Promise<TestPostgresStore> {
  const schema = randomSchemaName()
  await createPostgresSchema(url, schema)
  let store: PostgresSiteStore
  try {
    store = await createPostgresStore({ connectionString: url, schema, poolSize: 4 })
  } catch (error) {
    await dropPostgresSchema(url, schema)
    throw error
  }
  return {
    store,
    schema,
    url,
    async cleanup() {
      await store.close()
      await dropPostgresSchema(url, schema)
    },
  }
}

/** Runs one query as the test server's user in `schema` (for assertions on the catalog). */
export async function queryPostgres<R extends pg.QueryResultRow>(
  url: string,
  schema: string,
  text: string,
  values: readonly unknown[] = [],
): Promise<R[]> {
  const client = new pg.Client({ connectionString: url, options: `-c search_path=${schema}` })
  await client.connect()
  try {
    return (await client.query<R>(text, [...values])).rows
  } finally {
    await client.end()
  }
}
