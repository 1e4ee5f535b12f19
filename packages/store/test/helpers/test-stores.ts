/**
 * Every store adapter available to this test run, each opened fresh per test and cleaned up
 * after: SQLite (in memory) always, PostgreSQL (own schema) when the test server is reachable
 * or required. Other packages' tests use it to run against both engines.
 */
import { afterEach, beforeEach, describe } from 'vitest'
import { createSqliteStore } from '../../src/index.ts'
import type { PostgresSiteStore, SiteStore } from '../../src/index.ts'
import { checkPostgres, createTestPostgresStore, isPostgresRequired } from './postgres.ts'

/** One adapter a suite can run on. */
export interface TestStoreAdapter {
  readonly kind: 'sqlite' | 'postgres'
  /** Set when the adapter is unavailable: the suite is skipped with this as its title. */
  readonly skipReason?: string
  /** Opens a fresh, empty, migrated store; `cleanup` closes it and removes its data. */
  open(): Promise<{ readonly store: SiteStore; cleanup(): Promise<void> }>
}

/**
 * Returns the adapters of this run. Throws when `SITREP_TEST_REQUIRE_POSTGRES=1` and the server
 * is unreachable; otherwise an unreachable server yields a PostgreSQL entry with `skipReason`
 * (and a console warning), so the skip shows in the report.
 */
export async function createTestStores(): Promise<readonly TestStoreAdapter[]> {
  const sqlite: TestStoreAdapter = {
    kind: 'sqlite',
    async open() {
      const store = await createSqliteStore({ filename: ':memory:' })
      return { store, cleanup: () => store.close() }
    },
  }
  const probe = await checkPostgres()
  if (!probe.reachable) {
    const reason = `PostgreSQL not reachable at ${probe.url} (${probe.reason}) — set SITREP_TEST_POSTGRES_URL; skipped`
    if (isPostgresRequired()) {
      throw new Error(`SITREP_TEST_REQUIRE_POSTGRES=1 but ${reason.replace(/; skipped$/, '')}`)
    }
    console.warn(reason)
    return [sqlite, { kind: 'postgres', skipReason: reason, open: () => Promise.reject(new Error(reason)) }]
  }
  return [sqlite, { kind: 'postgres', open: () => createTestPostgresStore(probe.url) }]
}

/** What a suite body sees: the adapter kind and the current test's store. */
export interface StoreContext {
  readonly kind: 'sqlite' | 'postgres'
  /** The store of the running test (fresh for each test). */
  store(): SiteStore
  /** The store as PostgreSQL; throws on SQLite. */
  postgres(): PostgresSiteStore
}

/**
 * Declares `body` once per adapter, as `describe('<title> [sqlite]')` etc., opening a fresh store
 * before each test and cleaning it up after.
 */
export function describeEachStore(
  adapters: readonly TestStoreAdapter[],
  title: string,
  body: (ctx: StoreContext) => void,
): void {
  for (const adapter of adapters) {
    if (adapter.skipReason !== undefined) {
      describe.skip(`${title} [${adapter.kind}]: ${adapter.skipReason}`, () => {
        body(unavailable(adapter.kind))
      })
      continue
    }
    describe(`${title} [${adapter.kind}]`, () => {
      let current: { readonly store: SiteStore; cleanup(): Promise<void> } | undefined
      beforeEach(async () => {
        current = await adapter.open()
      })
      afterEach(async () => {
        await current?.cleanup()
        current = undefined
      })
      const store = (): SiteStore => {
        if (current === undefined) throw new Error('store() is only available inside a test')
        return current.store
      }
      body({
        kind: adapter.kind,
        store,
        postgres() {
          const s = store()
          if (s.dialect !== 'postgres') throw new Error('postgres() called on a SQLite store')
          // dialect 'postgres' is only ever produced by createPostgresStore, which returns this type.
          return s as PostgresSiteStore
        },
      })
    })
  }
}

function unavailable(kind: 'sqlite' | 'postgres'): StoreContext {
  const fail = (): never => {
    throw new Error(`${kind} is not available in this run`)
  }
  return { kind, store: fail, postgres: fail }
}
