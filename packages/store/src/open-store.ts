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
export function openStore(url: string): Promise<SiteStore> {
  return /^postgres(ql)?:\/\//i.test(url)
    ? createPostgresStore({ connectionString: url })
    : createSqliteStore({ filename: url })
}
