/**
 * Software distribution's store operations ({@link DistributionOperations}), shared by both
 * engines.
 */
import type { Kysely, Selectable } from 'kysely'
import type {
  ApplicationRecord,
  ApplicationRevisionRecord,
  CollectionRecord,
  DeploymentRecord,
  DistributionOperations,
} from './distribution-records.ts'
import { StoreError } from './errors.ts'
import { toFlag, toNullableSafeInteger, toSafeInteger } from './message-rows.ts'
import { pageSize } from './page-size.ts'
import type {
  ApplicationRevisionsTable,
  ApplicationsTable,
  CollectionsTable,
  Database,
  DeploymentsTable,
} from './schema.ts'
import { chunkForParameters } from './statement-chunks.ts'

/** What {@link createKyselyDistributionOperations} needs from the adapter. */
export interface DistributionOperationsOptions {
  readonly db: Kysely<Database>
  readonly maxParameters: number
  readonly transaction: <T>(work: (db: Kysely<Database>) => Promise<T>) => Promise<T>
}

/** Returns the software-distribution operations. */
export function createKyselyDistributionOperations(
  options: DistributionOperationsOptions,
): DistributionOperations {
  const { db, maxParameters } = options

  const readApplication = async (
    executor: Kysely<Database>,
    id: string,
  ): Promise<ApplicationRecord | undefined> => {
    const row = await executor
      .selectFrom('applications')
      .innerJoin('application_revisions', (join) =>
        join
          .onRef('application_revisions.application_id', '=', 'applications.id')
          .onRef('application_revisions.revision', '=', 'applications.latest_revision'),
      )
      .selectAll()
      .where('applications.id', '=', id)
      .executeTakeFirst()
    return row === undefined ? undefined : applicationFromRow(row)
  }

  const readCollection = async (
    executor: Kysely<Database>,
    id: string,
  ): Promise<CollectionRecord | undefined> => {
    const row = await executor.selectFrom('collections').selectAll().where('id', '=', id).executeTakeFirst()
    return row === undefined ? undefined : collectionFromRow(row)
  }

  const readDeployment = async (id: string): Promise<DeploymentRecord | undefined> => {
    const row = await db.selectFrom('deployments').selectAll().where('id', '=', id).executeTakeFirst()
    return row === undefined ? undefined : deploymentFromRow(row)
  }

  return {
    addApplicationRevision: (revision) =>
      options.transaction(async (executor) => {
        const existing = await executor
          .selectFrom('applications')
          .select('latest_revision')
          .where('id', '=', revision.applicationId)
          .executeTakeFirst()
        const expected = existing === undefined ? 1 : existing.latest_revision + 1
        if (revision.revision !== expected) {
          throw new StoreError(
            'store_conflict',
            existing === undefined
              ? `application ${revision.applicationId} does not exist; its first revision is 1, not ${revision.revision}`
              : `application ${revision.applicationId} is at revision ${existing.latest_revision}; ` +
                  `revision ${revision.revision} was based on an older one. Read it again and retry`,
          )
        }
        const inserted = await executor
          .insertInto('application_revisions')
          .values({
            application_id: revision.applicationId,
            revision: revision.revision,
            body_json: revision.bodyJson,
            created_at: revision.createdAt,
            created_by: revision.createdBy,
          })
          .onConflict((oc) => oc.columns(['application_id', 'revision']).doNothing())
          .returning('revision')
          .executeTakeFirst()
        if (inserted === undefined) {
          throw new StoreError(
            'store_conflict',
            `revision ${revision.revision} of application ${revision.applicationId} was added by another request; read it again and retry`,
          )
        }
        if (existing === undefined) {
          await executor
            .insertInto('applications')
            .values({
              id: revision.applicationId,
              name: revision.name,
              latest_revision: revision.revision,
              created_at: revision.createdAt,
              updated_at: revision.createdAt,
              removed_at: null,
            })
            .execute()
        } else {
          await executor
            .updateTable('applications')
            .set({
              name: revision.name,
              latest_revision: revision.revision,
              updated_at: revision.createdAt,
              removed_at: null,
            })
            .where('id', '=', revision.applicationId)
            .execute()
        }
        const record = await readApplication(executor, revision.applicationId)
        if (record === undefined)
          throw new Error(`application ${revision.applicationId} vanished inside its transaction`)
        return record
      }),

    getApplication: (id) => readApplication(db, id),

    async getApplicationRevision(id, revision) {
      const row = await db
        .selectFrom('application_revisions')
        .selectAll()
        .where('application_id', '=', id)
        .where('revision', '=', revision)
        .executeTakeFirst()
      return row === undefined ? undefined : revisionFromRow(row)
    },

    async listApplicationRevisions(id) {
      const rows = await db
        .selectFrom('application_revisions')
        .selectAll()
        .where('application_id', '=', id)
        .orderBy('revision')
        .execute()
      return rows.map(revisionFromRow)
    },

    async listApplications() {
      const rows = await db
        .selectFrom('applications')
        .innerJoin('application_revisions', (join) =>
          join
            .onRef('application_revisions.application_id', '=', 'applications.id')
            .onRef('application_revisions.revision', '=', 'applications.latest_revision'),
        )
        .selectAll()
        .where('applications.removed_at', 'is', null)
        .orderBy('applications.name')
        .orderBy('applications.id')
        .execute()
      return rows.map(applicationFromRow)
    },

    async removeApplication(id, at) {
      const result = await db
        .updateTable('applications')
        .set({ removed_at: at, updated_at: at })
        .where('id', '=', id)
        .where('removed_at', 'is', null)
        .executeTakeFirst()
      return result.numUpdatedRows > 0n
    },

    async addContent(content) {
      const row = await db
        .insertInto('content_files')
        .values({ sha256: content.sha256, size: content.size, created_at: content.createdAt })
        .onConflict((oc) => oc.column('sha256').doNothing())
        .returning('sha256')
        .executeTakeFirst()
      return row !== undefined
    },

    async getContent(sha256) {
      const row = await db
        .selectFrom('content_files')
        .selectAll()
        .where('sha256', '=', sha256)
        .executeTakeFirst()
      return row === undefined ? undefined : contentFromRow(row)
    },

    async listContent() {
      const rows = await db.selectFrom('content_files').selectAll().orderBy('sha256').execute()
      return rows.map(contentFromRow)
    },

    saveCollection: (collection) =>
      options.transaction(async (executor) => {
        await executor
          .insertInto('collections')
          .values({
            id: collection.id,
            name: collection.name,
            definition_json: collection.definitionJson,
            builtin: toFlag(collection.builtin),
            created_at: collection.at,
            updated_at: collection.at,
          })
          .onConflict((oc) =>
            oc.column('id').doUpdateSet({
              name: collection.name,
              definition_json: collection.definitionJson,
              builtin: toFlag(collection.builtin),
              updated_at: collection.at,
              removed_at: null,
            }),
          )
          .execute()
        const record = await readCollection(executor, collection.id)
        if (record === undefined)
          throw new Error(`collection ${collection.id} vanished inside its transaction`)
        return record
      }),

    getCollection: (id) => readCollection(db, id),

    async listCollections() {
      const rows = await db
        .selectFrom('collections')
        .selectAll()
        .where('removed_at', 'is', null)
        .orderBy('id')
        .execute()
      return rows.map(collectionFromRow)
    },

    removeCollection: (id, at) =>
      options.transaction(async (executor) => {
        const result = await executor
          .updateTable('collections')
          .set({ removed_at: at, updated_at: at, member_count: 0 })
          .where('id', '=', id)
          .where('removed_at', 'is', null)
          .executeTakeFirst()
        if (result.numUpdatedRows === 0n) return false
        const members = await executor
          .deleteFrom('collection_members')
          .where('collection_id', '=', id)
          .returning('client_id')
          .execute()
        const history = members.map((m) => ({
          collection_id: id,
          client_id: m.client_id,
          change: 'removed',
          at,
        }))
        for (const part of chunkForParameters(history, 4, maxParameters)) {
          await executor.insertInto('collection_membership_history').values(part).execute()
        }
        return true
      }),

    setCollectionMembers: (id, clientIds, at) =>
      options.transaction(async (executor) => {
        const current = await executor
          .selectFrom('collection_members')
          .select('client_id')
          .where('collection_id', '=', id)
          .execute()
        const before = new Set(current.map((m) => m.client_id))
        const after = new Set(clientIds)
        const added = [...after].filter((c) => !before.has(c)).sort()
        const removed = [...before].filter((c) => !after.has(c)).sort()
        for (const part of chunkForParameters(added, 3, maxParameters)) {
          await executor
            .insertInto('collection_members')
            .values(part.map((client_id) => ({ collection_id: id, client_id, since: at })))
            .execute()
        }
        for (const part of chunkForParameters(removed, 1, maxParameters - 1)) {
          await executor
            .deleteFrom('collection_members')
            .where('collection_id', '=', id)
            .where('client_id', 'in', part)
            .execute()
        }
        const history = [
          ...added.map((client_id) => ({ collection_id: id, client_id, change: 'added', at })),
          ...removed.map((client_id) => ({ collection_id: id, client_id, change: 'removed', at })),
        ]
        for (const part of chunkForParameters(history, 4, maxParameters)) {
          await executor.insertInto('collection_membership_history').values(part).execute()
        }
        await executor
          .updateTable('collections')
          .set({ member_count: after.size, evaluated_at: at })
          .where('id', '=', id)
          .execute()
        return { added, removed }
      }),

    setClientCollections: (clientId, collectionIds, at) =>
      options.transaction(async (executor) => {
        const current = await executor
          .selectFrom('collection_members')
          .select('collection_id')
          .where('client_id', '=', clientId)
          .execute()
        const before = new Set(current.map((m) => m.collection_id))
        const after = new Set(collectionIds)
        const added = [...after].filter((c) => !before.has(c)).sort()
        const removed = [...before].filter((c) => !after.has(c)).sort()
        for (const id of added) {
          await executor
            .insertInto('collection_members')
            .values({ collection_id: id, client_id: clientId, since: at })
            .execute()
        }
        for (const id of removed) {
          await executor
            .deleteFrom('collection_members')
            .where('collection_id', '=', id)
            .where('client_id', '=', clientId)
            .execute()
        }
        const history = [
          ...added.map((id) => ({ collection_id: id, client_id: clientId, change: 'added', at })),
          ...removed.map((id) => ({ collection_id: id, client_id: clientId, change: 'removed', at })),
        ]
        for (const part of chunkForParameters(history, 4, maxParameters)) {
          await executor.insertInto('collection_membership_history').values(part).execute()
        }
        for (const id of [...added, ...removed]) {
          await executor
            .updateTable('collections')
            .set((eb) => ({ member_count: eb('member_count', '+', added.includes(id) ? 1 : -1) }))
            .where('id', '=', id)
            .execute()
        }
        return { added, removed }
      }),

    async saveClientFacts(facts) {
      await db
        .insertInto('client_facts')
        .values({ client_id: facts.clientId, facts_json: facts.factsJson, updated_at: facts.updatedAt })
        .onConflict((oc) =>
          oc.column('client_id').doUpdateSet({ facts_json: facts.factsJson, updated_at: facts.updatedAt }),
        )
        .execute()
    },

    async listClientFacts() {
      const rows = await db.selectFrom('client_facts').selectAll().orderBy('client_id').execute()
      return rows.map((r) => ({
        clientId: r.client_id,
        factsJson: r.facts_json,
        updatedAt: toSafeInteger(r.updated_at, 'client_facts.updated_at'),
      }))
    },

    async listCollectionMembers(id) {
      const rows = await db
        .selectFrom('collection_members')
        .select(['client_id', 'since'])
        .where('collection_id', '=', id)
        .orderBy('client_id')
        .execute()
      return rows.map((r) => ({
        clientId: r.client_id,
        since: toSafeInteger(r.since, 'collection_members.since'),
      }))
    },

    async listAllCollectionMembers() {
      const rows = await db
        .selectFrom('collection_members')
        .selectAll()
        .orderBy('collection_id')
        .orderBy('client_id')
        .execute()
      return rows.map((r) => ({
        collectionId: r.collection_id,
        clientId: r.client_id,
        since: toSafeInteger(r.since, 'collection_members.since'),
      }))
    },

    async listMembershipHistory(id, query = {}) {
      const rows = await db
        .selectFrom('collection_membership_history')
        .selectAll()
        .where('collection_id', '=', id)
        .orderBy('seq', 'desc')
        .limit(pageSize(query.limit))
        .execute()
      return rows.map((r) => ({
        seq: toSafeInteger(r.seq, 'collection_membership_history.seq'),
        collectionId: r.collection_id,
        clientId: r.client_id,
        change: r.change === 'removed' ? ('removed' as const) : ('added' as const),
        at: toSafeInteger(r.at, 'collection_membership_history.at'),
      }))
    },

    async addDeployment(deployment) {
      const row = await db
        .insertInto('deployments')
        .values({
          id: deployment.id,
          application_id: deployment.applicationId,
          revision: deployment.revision,
          collection_id: deployment.collectionId,
          settings_json: deployment.settingsJson,
          created_at: deployment.createdAt,
          created_by: deployment.createdBy,
        })
        .onConflict((oc) => oc.column('id').doNothing())
        .returningAll()
        .executeTakeFirst()
      if (row === undefined) {
        throw new StoreError(
          'store_conflict',
          `deployment ${deployment.id} exists already; allocate a new ID`,
        )
      }
      return deploymentFromRow(row)
    },

    getDeployment: readDeployment,

    async listDeployments(query = {}) {
      let select = db.selectFrom('deployments').selectAll()
      if (query.collectionId !== undefined) select = select.where('collection_id', '=', query.collectionId)
      if (query.applicationId !== undefined) select = select.where('application_id', '=', query.applicationId)
      if (query.active === true) select = select.where('cancelled_at', 'is', null)
      const rows = await select.orderBy('created_at', 'desc').orderBy('id', 'desc').execute()
      return rows.map(deploymentFromRow)
    },

    async updateDeploymentSettings(id, settingsJson) {
      await db
        .updateTable('deployments')
        .set({ settings_json: settingsJson })
        .where('id', '=', id)
        .where('cancelled_at', 'is', null)
        .execute()
      return readDeployment(id)
    },

    async cancelDeployment(id, by, at) {
      await db
        .updateTable('deployments')
        .set({ cancelled_at: at, cancelled_by: by })
        .where('id', '=', id)
        .where('cancelled_at', 'is', null)
        .execute()
      return readDeployment(id)
    },
  }
}

function revisionFromRow(row: Selectable<ApplicationRevisionsTable>): ApplicationRevisionRecord {
  return {
    applicationId: row.application_id,
    revision: row.revision,
    bodyJson: row.body_json,
    createdAt: toSafeInteger(row.created_at, 'application_revisions.created_at'),
    createdBy: row.created_by,
  }
}

function applicationFromRow(
  row: Selectable<ApplicationsTable> & Selectable<ApplicationRevisionsTable>,
): ApplicationRecord {
  return {
    id: row.id,
    name: row.name,
    latestRevision: row.latest_revision,
    createdAt: toSafeInteger(row.created_at, 'applications.created_at'),
    updatedAt: toSafeInteger(row.updated_at, 'applications.updated_at'),
    removedAt: toNullableSafeInteger(row.removed_at, 'applications.removed_at'),
    latest: revisionFromRow(row),
  }
}

function contentFromRow(row: { sha256: string; size: number | string; created_at: number | string }) {
  return {
    sha256: row.sha256,
    size: toSafeInteger(row.size, 'content_files.size'),
    createdAt: toSafeInteger(row.created_at, 'content_files.created_at'),
  }
}

function collectionFromRow(row: Selectable<CollectionsTable>): CollectionRecord {
  return {
    id: row.id,
    name: row.name,
    definitionJson: row.definition_json,
    builtin: Number(row.builtin) === 1,
    memberCount: Number(row.member_count),
    createdAt: toSafeInteger(row.created_at, 'collections.created_at'),
    updatedAt: toSafeInteger(row.updated_at, 'collections.updated_at'),
    evaluatedAt: toNullableSafeInteger(row.evaluated_at, 'collections.evaluated_at'),
    removedAt: toNullableSafeInteger(row.removed_at, 'collections.removed_at'),
  }
}

function deploymentFromRow(row: Selectable<DeploymentsTable>): DeploymentRecord {
  return {
    id: row.id,
    applicationId: row.application_id,
    revision: Number(row.revision),
    collectionId: row.collection_id,
    settingsJson: row.settings_json,
    createdAt: toSafeInteger(row.created_at, 'deployments.created_at'),
    createdBy: row.created_by,
    cancelledAt: toNullableSafeInteger(row.cancelled_at, 'deployments.cancelled_at'),
    cancelledBy: row.cancelled_by,
  }
}
