/**
 * PostgreSQL for the bench: whether the server answers, and a migrated store in a fresh schema
 * that the scenario drops afterwards. Built on the store's own test helpers.
 */
import type { PostgresSiteStore } from '@sitrep/store'
import { checkPostgres, createTestPostgresStore } from '@sitrep/store/testing'
import type { ScenarioContext } from '../scenarios/scenario-context.ts'

/** The text PostgreSQL rows carry when the server cannot be reached. */
export const POSTGRES_SKIPPED = 'PostgreSQL not reachable'

/** A store in a fresh schema, or `undefined` when the server does not answer. */
export interface BenchPostgres {
  readonly store: PostgresSiteStore
  readonly url: string
  readonly schema: string
}

/** Opens a migrated store in a new schema on the context's server; the schema is dropped at the end. */
export async function openBenchPostgres(context: ScenarioContext): Promise<BenchPostgres | undefined> {
  const reachability = await checkPostgres(context.postgresUrl)
  if (!reachability.reachable) {
    context.log(
      `PostgreSQL at ${context.postgresUrl} not reachable (${reachability.reason}); its rows are skipped`,
    )
    return undefined
  }
  const target = await createTestPostgresStore(context.postgresUrl)
  context.defer(() => target.cleanup())
  return { store: target.store, url: target.url, schema: target.schema }
}
