/**
 * What the summarizers and the query API keep ({@link SummaryStore.listSummaries} and friends),
 * shared by both engines: generic summarizer state, deployment reports and saved queries.
 */
import type { Kysely } from 'kysely'
import { SEVERITY_NAMES } from '@sitrep/protocol'
import type { Severity } from '@sitrep/protocol'
import { toMember, toNullableSafeInteger, toSafeInteger } from './message-rows.ts'
import type { Database } from './schema.ts'
import type {
  DeploymentReport,
  SavedQueryStore,
  StorageUsage,
  StorageUsageStore,
  SummaryStore,
} from './site-store.ts'
import { chunk, chunkForParameters } from './statement-chunks.ts'

type SummaryOperations = Omit<SummaryStore, 'componentCounts'> & SavedQueryStore & StorageUsageStore

/** What {@link createKyselySummaryOperations} needs from the adapter. */
export interface SummaryOperationsOptions {
  readonly db: Kysely<Database>
  readonly maxParameters: number
  readonly transaction: <T>(work: (db: Kysely<Database>) => Promise<T>) => Promise<T>
  /** The engine's own size measurement; without it the size is unknown. */
  readonly storageUsage?: () => Promise<StorageUsage>
}

/** Returns the summary, deployment-report and saved-query operations. */
export function createKyselySummaryOperations(options: SummaryOperationsOptions): SummaryOperations {
  const { db, maxParameters } = options
  return {
    async listSummaries(kind) {
      const rows = await db
        .selectFrom('summaries')
        .selectAll()
        .where('kind', '=', kind)
        .orderBy('key')
        .execute()
      return rows.map((r) => ({
        key: r.key,
        valueJson: r.value_json,
        updatedAt: toSafeInteger(r.updated_at, 'summaries.updated_at'),
      }))
    },

    saveSummaries: (kind, entries) =>
      options.transaction(async (executor) => {
        const rows = entries.map((e) => ({
          kind,
          key: e.key,
          value_json: e.valueJson,
          updated_at: e.updatedAt,
        }))
        for (const part of chunkForParameters(rows, 4, maxParameters)) {
          await executor
            .insertInto('summaries')
            .values(part)
            .onConflict((oc) =>
              oc.columns(['kind', 'key']).doUpdateSet((eb) => ({
                value_json: eb.ref('excluded.value_json'),
                updated_at: eb.ref('excluded.updated_at'),
              })),
            )
            .execute()
        }
      }),

    async deleteSummaries(kind, keys) {
      for (const part of chunk(keys, maxParameters - 1)) {
        await db.deleteFrom('summaries').where('kind', '=', kind).where('key', 'in', part).execute()
      }
    },

    async listDeploymentReports(query = {}) {
      const rows = await db
        .selectFrom('deployment_reports')
        .selectAll()
        .$if(query.deploymentId !== undefined, (qb) =>
          qb.where('deployment_key', '=', (query.deploymentId ?? '').toUpperCase()),
        )
        .orderBy('seq')
        .execute()
      return rows.map((r): DeploymentReport => {
        const exitCode = toNullableSafeInteger(r.exit_code, 'deployment_reports.exit_code')
        return {
          deploymentId: r.deployment_id,
          client: r.client,
          messageId: r.message_id,
          severity: toMember<Severity>(SEVERITY_NAMES, r.severity, 'deployment_reports.severity'),
          createdAt: toSafeInteger(r.created_at, 'deployment_reports.created_at'),
          sequence: toSafeInteger(r.sequence, 'deployment_reports.sequence'),
          ...(exitCode === null ? {} : { exitCode }),
        }
      })
    },

    async listSavedQueries() {
      const rows = await db
        .selectFrom('saved_queries')
        .selectAll()
        .orderBy('created_at')
        .orderBy('id')
        .execute()
      return rows.map((r) => ({
        id: r.id,
        name: r.name,
        owner: r.owner,
        filterJson: r.filter_json,
        promptsJson: r.prompts_json,
        createdAt: toSafeInteger(r.created_at, 'saved_queries.created_at'),
      }))
    },

    async saveQuery(query) {
      const row = {
        id: query.id,
        name: query.name,
        owner: query.owner,
        filter_json: query.filterJson,
        prompts_json: query.promptsJson,
        created_at: query.createdAt,
      }
      await db
        .insertInto('saved_queries')
        .values(row)
        .onConflict((oc) =>
          oc.column('id').doUpdateSet({
            name: row.name,
            owner: row.owner,
            filter_json: row.filter_json,
            prompts_json: row.prompts_json,
          }),
        )
        .execute()
    },

    async deleteSavedQuery(id) {
      const result = await db.deleteFrom('saved_queries').where('id', '=', id).executeTakeFirst()
      return Number(result.numDeletedRows) > 0
    },

    storageUsage: () =>
      options.storageUsage?.() ??
      Promise.resolve({ databaseBytes: null, databaseFile: null, databaseName: 'site database' }),
  }
}

/** Appends deployment reports inside a batch transaction (see {@link SiteTransaction}). */
export async function insertDeploymentReports(
  executor: Kysely<Database>,
  reports: readonly DeploymentReport[],
  maxParameters: number,
): Promise<void> {
  const rows = reports.map((r) => ({
    deployment_key: r.deploymentId.toUpperCase(),
    deployment_id: r.deploymentId,
    client_key: r.client.toUpperCase(),
    client: r.client,
    message_id: r.messageId,
    severity: r.severity,
    created_at: r.createdAt,
    sequence: r.sequence,
    exit_code: r.exitCode ?? null,
  }))
  for (const part of chunkForParameters(rows, 9, maxParameters)) {
    await executor.insertInto('deployment_reports').values(part).execute()
  }
}
