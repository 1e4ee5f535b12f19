/**
 * Migration 0016: the installer's exit code of a software-distribution report (10006 failed,
 * 10008 succeeded, 10022 succeeded with a restart pending carry it in %2), so deployment status
 * can show each client's exit code (docs/software-distribution.md "Deployment status").
 */
import type { Kysely, Migration } from 'kysely'
import type { StoreDialect } from '../schema.ts'

/** Returns migration 0016 for `dialect`. */
export function createDeploymentReportExitCodesMigration(dialect: StoreDialect): Migration {
  const int8 = dialect === 'postgres' ? 'bigint' : 'integer'
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema.alterTable('deployment_reports').addColumn('exit_code', int8).execute()
    },
  }
}
