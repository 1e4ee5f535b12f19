import { Migrator } from 'kysely'
import type { Kysely, Migration } from 'kysely'
import { StoreError } from '../errors.ts'
import { sqlStateOf } from '../postgres-sql-state.ts'
import type { Database, StoreDialect } from '../schema.ts'
import { createInitialMigration } from './0001-initial.ts'
import { createClientsAndStateMessagesMigration } from './0002-clients-and-state-messages.ts'
import { createSiteLinksMigration } from './0005-site-links.ts'
import { createSummariesAndQueriesMigration } from './0003-summaries-and-queries.ts'
import { createUsersAndSessionsMigration } from './0004-users-and-sessions.ts'
import { createStateMessageReportsMigration } from './0007-state-message-reports.ts'
import { createSummaryKeysMigration } from './0007-summary-keys.ts'
import { createApplicationsAndContentMigration } from './0010-applications-and-content.ts'
import { createCollectionsMigration } from './0011-collections.ts'
import { createDeploymentsMigration } from './0012-deployments.ts'
import { createClientFactsMigration } from './0013-client-facts.ts'
import { createDeploymentReportExitCodesMigration } from './0016-deployment-report-exit-codes.ts'
import { createNotificationsMigration } from './0019-notifications.ts'

/**
 * Brings the database up to the newest schema. Both adapters call it when they open. Kysely's
 * migrator takes a lock (a row lock on PostgreSQL), so two site processes opening the same
 * database at once run each migration exactly once.
 *
 * `schema` names where Kysely keeps its own bookkeeping tables on PostgreSQL; without it the
 * migrator would see another schema's `kysely_migration` table and skip ours.
 */
export async function migrateToLatest(
  db: Kysely<Database>,
  options: { readonly dialect: StoreDialect; readonly schema?: string },
): Promise<void> {
  const migrations: Record<string, Migration> = {
    '0001-initial': createInitialMigration(options.dialect),
    '0002-clients-and-state-messages': createClientsAndStateMessagesMigration(options.dialect),
    '0005-site-links': createSiteLinksMigration(options.dialect),
    '0003-summaries-and-queries': createSummariesAndQueriesMigration(options.dialect),
    '0004-users-and-sessions': createUsersAndSessionsMigration(options.dialect),
    '0007-summary-keys': createSummaryKeysMigration(options.dialect),
    '0007-state-message-reports': createStateMessageReportsMigration(options.dialect),
    '0010-applications-and-content': createApplicationsAndContentMigration(options.dialect),
    '0011-collections': createCollectionsMigration(options.dialect),
    '0012-deployments': createDeploymentsMigration(options.dialect),
    '0013-client-facts': createClientFactsMigration(options.dialect),
    '0016-deployment-report-exit-codes': createDeploymentReportExitCodesMigration(options.dialect),
    '0019-notifications': createNotificationsMigration(options.dialect),
  }
  const migrator = new Migrator({
    db,
    provider: { getMigrations: () => Promise.resolve(migrations) },
    // Migration numbers are reserved per issue and land in any order, so a database may have run
    // 0010 before 0007 exists; each migration touches only its own tables, so order is free.
    allowUnorderedMigrations: true,
    ...(options.schema === undefined ? {} : { migrationTableSchema: options.schema }),
  })
  let { error, results } = await migrator.migrateToLatest()
  // Kysely's introspection reads every schema of the database (has_schema_privilege per schema);
  // a schema another site or test drops at that moment fails it with 3F000 though ours is fine.
  for (let attempt = 1; attempt < 5 && sqlStateOf(error) === '3F000'; attempt += 1) {
    ;({ error, results } = await migrator.migrateToLatest())
  }
  if (error !== undefined) {
    const failed = results?.find((r) => r.status === 'Error')?.migrationName ?? 'the migration bookkeeping'
    throw new StoreError(
      'migration_failed',
      `schema migration ${failed} failed on ${options.dialect}; the database stays at the last ` +
        `migration that succeeded. Fix the cause below and restart the site.`,
      { cause: error },
    )
  }
}
