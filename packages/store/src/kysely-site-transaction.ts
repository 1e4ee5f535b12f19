/**
 * The write operations of a status manager batch ({@link SiteTransaction}), shared by both engines.
 */
import type { Kysely } from 'kysely'
import { REPLICATION_PRIORITIES } from '@sitrep/core'
import { StoreError } from './errors.ts'
import {
  ATTRIBUTE_ROW_COLUMNS,
  MESSAGE_ROW_COLUMNS,
  attributesToRows,
  messageToRow,
  toSafeInteger,
} from './message-rows.ts'
import type { NewAttributeRow } from './message-rows.ts'
import type { RowWriter } from './sqlite-row-writer.ts'
import type { Database, StoreDialect } from './schema.ts'
import type { ClaimedInboxItem, ComponentCountDelta, LossReason, SiteTransaction } from './site-store.ts'
import { insertDeploymentReports } from './kysely-summary-operations.ts'
import { chunk, chunkForParameters } from './statement-chunks.ts'
import { isNotifiedKind } from './notification-records.ts'

/**
 * Returns the operations of one transaction, bound to `executor` (the transaction's connection).
 * Multi-row statements are chunked under the engine's parameter limit.
 */
export function createKyselySiteTransaction(
  executor: Kysely<Database>,
  engine: {
    readonly dialect: StoreDialect
    readonly maxParameters: number
    readonly beforeSaveMessages?: (db: Kysely<Database>, receivedAts: readonly number[]) => Promise<void>
    /** Writes message and attribute rows on the transaction's connection (SQLite). */
    readonly rowWriter?: RowWriter
  },
): SiteTransaction {
  const { maxParameters } = engine
  const pg = engine.dialect === 'postgres'
  return {
    async claimInbox({ max, now }) {
      if (max <= 0) return []
      const rows = await executor
        .selectFrom('inbox')
        .selectAll()
        .where('not_before', '<=', now)
        .orderBy('seq')
        .limit(max)
        // Rows stay locked until commit; other workers skip them instead of waiting.
        .$if(pg, (qb) => qb.forUpdate().skipLocked())
        .execute()
      return rows.map((r): ClaimedInboxItem => ({
        seq: toSafeInteger(r.seq, 'inbox.seq'),
        id: r.id,
        body: r.body,
        receivedAt: toSafeInteger(r.received_at, 'inbox.received_at'),
        notBefore: toSafeInteger(r.not_before, 'inbox.not_before'),
        source: r.source,
        trusted: r.trusted === 1,
      }))
    },

    async deleteInbox(ids) {
      for (const part of chunk(ids, maxParameters)) {
        await executor.deleteFrom('inbox').where('id', 'in', part).execute()
      }
    },

    async deferInbox(ids, notBefore) {
      for (const part of chunk(ids, maxParameters - 1)) {
        await executor.updateTable('inbox').set({ not_before: notBefore }).where('id', 'in', part).execute()
      }
    },

    async quarantine(items, now) {
      const reasons = new Map(items.map((i) => [i.id, i.reason]))
      for (const part of chunk([...reasons.keys()], maxParameters)) {
        const rows = await executor.selectFrom('inbox').selectAll().where('id', 'in', part).execute()
        if (rows.length === 0) continue
        await executor
          .insertInto('quarantine')
          .values(
            rows.map((r) => ({
              id: r.id,
              body: r.body,
              reason: reasons.get(r.id) ?? '',
              source: r.source,
              received_at: toSafeInteger(r.received_at, 'inbox.received_at'),
              quarantined_at: now,
            })),
          )
          .execute()
        await executor.deleteFrom('inbox').where('id', 'in', part).execute()
      }
    },

    async saveMessages(messages) {
      if (messages.length === 0) return []
      await engine.beforeSaveMessages?.(
        executor,
        messages.map((m) => m.receivedAt),
      )
      const { rowWriter } = engine
      if (rowWriter !== undefined) {
        const recordIds = rowWriter.insertMessages(messages.map(messageToRow))
        rowWriter.insertAttributes(messages.flatMap((m, i) => attributesToRows(recordIds[i] as number, m)))
        return recordIds
      }
      const recordIds: number[] = []
      for (const part of chunkForParameters(messages, MESSAGE_ROW_COLUMNS, maxParameters)) {
        const inserted = await executor
          .insertInto('status_messages')
          .values(part.map(messageToRow))
          .returning(['record_id', 'message_uuid'])
          .execute()
        // Both engines number the rows of one VALUES list in list order, but neither promises
        // RETURNING order; sorting by the key recovers list order, and the IDs prove it.
        const sorted = inserted
          .map((r) => ({
            recordId: toSafeInteger(r.record_id, 'status_messages.record_id'),
            uuid: r.message_uuid,
          }))
          .sort((a, b) => a.recordId - b.recordId)
        sorted.forEach((r, i) => {
          if (r.uuid !== part[i]?.message.id) {
            throw new StoreError('corrupt_row', `inserted record ${r.recordId} came back out of order`)
          }
          recordIds.push(r.recordId)
        })
      }
      const attributeRows: NewAttributeRow[] = messages.flatMap((m, i) =>
        // recordIds has exactly one entry per message, pushed in order above.
        attributesToRows(recordIds[i] as number, m),
      )
      for (const part of chunkForParameters(attributeRows, ATTRIBUTE_ROW_COLUMNS, maxParameters)) {
        await executor.insertInto('status_message_attributes').values(part).execute()
      }
      return recordIds
    },

    async enqueueOutbox(entries) {
      const rows = entries.map((e) => ({
        kind: e.kind,
        target: e.target,
        priority: REPLICATION_PRIORITIES.indexOf(e.priority),
        message_id: e.messageId,
        payload: e.payload,
        created_at: e.createdAt,
        attempts: 0,
        not_before: e.createdAt,
      }))
      const plain = rows.filter((r) => !isNotifiedKind(r.kind))
      for (const part of chunkForParameters(plain, 8, maxParameters)) {
        await executor.insertInto('outbox').values(part).execute()
      }
      // Entries for export targets are notifications: recorded in this same transaction, under
      // the outbox number the insert hands back, so each is recorded exactly once.
      const notified = rows.filter((r) => isNotifiedKind(r.kind))
      for (const part of chunkForParameters(notified, 8, maxParameters)) {
        const inserted = await executor
          .insertInto('outbox')
          .values(part)
          .returning(['seq', 'kind', 'target', 'message_id', 'created_at'])
          .execute()
        const records = inserted.map((r) => ({
          id: toSafeInteger(r.seq, 'outbox.seq'),
          kind: r.kind,
          target: r.target,
          message_id: r.message_id,
          created_at: toSafeInteger(r.created_at, 'outbox.created_at'),
          state: 'queued',
          attempts: 0,
        }))
        for (const recordPart of chunkForParameters(records, 7, maxParameters)) {
          await executor.insertInto('notifications').values(recordPart).execute()
        }
      }
    },

    async addLoss(entries) {
      const merged = new Map<
        string,
        {
          siteCode: string
          origin: string
          reason: LossReason
          count: number
          firstAt: number
          lastAt: number
        }
      >()
      for (const e of entries) {
        const key = JSON.stringify([e.siteCode, e.origin, e.reason])
        const prev = merged.get(key)
        merged.set(key, {
          siteCode: e.siteCode,
          origin: e.origin,
          reason: e.reason,
          count: (prev?.count ?? 0) + e.count,
          firstAt: Math.min(prev?.firstAt ?? e.at, e.at),
          lastAt: Math.max(prev?.lastAt ?? e.at, e.at),
        })
      }
      // One statement may not touch a row twice (PostgreSQL), hence the merge above.
      for (const part of chunkForParameters([...merged.values()], 6, maxParameters)) {
        await executor
          .insertInto('loss_ledger')
          .values(
            part.map((e) => ({
              site_code: e.siteCode,
              origin: e.origin,
              reason: e.reason,
              count: e.count,
              first_at: e.firstAt,
              last_at: e.lastAt,
            })),
          )
          .onConflict((oc) =>
            oc.columns(['site_code', 'origin', 'reason']).doUpdateSet((eb) => ({
              count: eb('loss_ledger.count', '+', eb.ref('excluded.count')),
              first_at: eb
                .case()
                .when('excluded.first_at', '<', eb.ref('loss_ledger.first_at'))
                .then(eb.ref('excluded.first_at'))
                .else(eb.ref('loss_ledger.first_at'))
                .end(),
              last_at: eb
                .case()
                .when('excluded.last_at', '>', eb.ref('loss_ledger.last_at'))
                .then(eb.ref('excluded.last_at'))
                .else(eb.ref('loss_ledger.last_at'))
                .end(),
            })),
          )
          .execute()
      }
    },

    async addComponentCounts(deltas) {
      const merged = new Map<string, ComponentCountDelta>()
      for (const d of deltas) {
        const key = JSON.stringify([d.siteCode, d.machine, d.component, d.hourStart, d.severity])
        merged.set(key, { ...d, count: (merged.get(key)?.count ?? 0) + d.count })
      }
      for (const part of chunkForParameters([...merged.values()], 6, maxParameters)) {
        await executor
          .insertInto('component_counts')
          .values(
            part.map((d) => ({
              site_code: d.siteCode,
              machine: d.machine,
              component: d.component,
              hour_start: d.hourStart,
              severity: d.severity,
              count: d.count,
            })),
          )
          .onConflict((oc) =>
            oc.columns(['site_code', 'machine', 'component', 'hour_start', 'severity']).doUpdateSet((eb) => ({
              count: eb('component_counts.count', '+', eb.ref('excluded.count')),
            })),
          )
          .execute()
      }
    },

    addDeploymentReports: (reports) => insertDeploymentReports(executor, reports, maxParameters),
  }
}
