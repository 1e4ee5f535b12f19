import { createPostgresStore } from './postgres-store.ts'
import { createSqliteStore } from './sqlite-store.ts'
import type { SiteStore } from './site-store.ts'

/**
 * Opens the store a database URL names: `postgres://…` or `postgresql://…` is PostgreSQL,
 * anything else is the path of a SQLite file (`:memory:` for a throwaway database). The site's
 * `main.ts` passes `SITREP_DATABASE_URL`, or the SQLite file in its data directory.
 *
 * @example
 * const store = await openStore(config.databaseUrl ?? join(config.dataDir, 'site.db'))
 */
export function openStore(url: string, options: OpenStoreOptions = {}): Promise<SiteStore> {
  return /^postgres(ql)?:\/\//i.test(url)
    ? createPostgresStore({ connectionString: url, ...options })
    : createSqliteStore({ filename: url })
}

/** Limits on a database server; a SQLite file ignores them. */
export interface OpenStoreOptions {
  /** PostgreSQL's connect timeout in ms (`PostgresStoreOptions.connectTimeoutMs`). */
  readonly connectTimeoutMs?: number
  /** PostgreSQL's statement timeout in ms (`PostgresStoreOptions.statementTimeoutMs`). */
  readonly statementTimeoutMs?: number
}
