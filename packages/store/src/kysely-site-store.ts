/**
 * The one implementation of {@link SiteStore} over Kysely. The SQLite and PostgreSQL adapters
 * build a Kysely instance, say how to run a transaction, and add what only their engine does
 * (partitions on PostgreSQL); everything else is here, so both engines run the same SQL.
 */
import type { Selectable } from 'kysely'
import { REPLICATION_PRIORITIES } from '@sitrep/core'
import type { FilterRule, ReplicationPriority } from '@sitrep/core'
import { SEVERITY_NAMES } from '@sitrep/protocol'
import type { Severity } from '@sitrep/protocol'
import { claimReceipts } from './claim-receipts.ts'
import { StoreError } from './errors.ts'
import { createKyselyClientOperations } from './kysely-client-operations.ts'
import { createKyselyDistributionOperations } from './kysely-distribution-operations.ts'
import { createKyselyLinkOperations } from './kysely-link-operations.ts'
import { createKyselyNotificationOperations } from './kysely-notification-operations.ts'
import { createKyselyStateMessageOperations } from './kysely-state-messages.ts'
import { createKyselySummaryOperations } from './kysely-summary-operations.ts'
import { createKyselyUserOperations } from './kysely-user-operations.ts'
import { createKyselySiteTransaction } from './kysely-site-transaction.ts'
import { deleteMessages, messageConditions, rowsToMessages } from './message-queries.ts'
import { toFlag, toMember, toSafeInteger } from './message-rows.ts'
import { pageSize } from './page-size.ts'
import { checkRulesToSave, parseStoredRules } from './parse-stored-rules.ts'
import type { OutboxTable } from './schema.ts'
import type { KyselySiteStoreOptions } from './kysely-store-options.ts'
import { LOSS_REASONS, OUTBOX_KINDS } from './site-store.ts'
import type {
  ComponentCountRow,
  InboxItem,
  LossLedgerRow,
  OutboxEntry,
  OutboxKind,
  SiteStore,
} from './site-store.ts'
import { chunk, chunkForParameters } from './statement-chunks.ts'

export { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from './page-size.ts'

/**
 * Returns a {@link SiteStore} over `options.db`. Adapters call it; applications call
 * `createSqliteStore`, `createPostgresStore` or `openStore`.
 */
export function createKyselySiteStore(options: KyselySiteStoreOptions): SiteStore {
  const { db, dialect, maxParameters } = options

  const allocateSequences = (
    requests: readonly { readonly origin: string; readonly count: number }[],
  ): Promise<readonly number[]> => {
    const bad = requests.find((r) => !Number.isSafeInteger(r.count) || r.count < 1)
    if (bad !== undefined) {
      return Promise.reject(
        new StoreError(
          'invalid_argument',
          `count is ${bad.count} for ${bad.origin}; pass a positive integer`,
        ),
      )
    }
    if (requests.length === 0) return Promise.resolve([])
    return options.transaction(async (executor) => {
      const firsts: number[] = []
      for (const { origin, count } of requests) {
        const row = await executor
          .insertInto('origin_sequences')
          .values({ origin, last_sequence: count })
          .onConflict((oc) =>
            oc.column('origin').doUpdateSet((eb) => ({
              last_sequence: eb('origin_sequences.last_sequence', '+', eb.ref('excluded.last_sequence')),
            })),
          )
          .returning('last_sequence')
          .executeTakeFirstOrThrow()
        firsts.push(toSafeInteger(row.last_sequence, 'origin_sequences.last_sequence') - count + 1)
      }
      return firsts
    })
  }

  return {
    dialect,

    transaction: (work) =>
      options.transaction((executor) => work(createKyselySiteTransaction(executor, options))),

    enqueueInbox: (items) =>
      options.transaction(async (executor) => {
        if (items.length === 0) return []
        if (options.rowWriter !== undefined) return options.rowWriter.insertInbox(items)
        const outcomes = await claimReceipts(executor, items, maxParameters)
        const fresh = items.filter((_, i) => outcomes[i] === 'accepted')
        for (const part of chunkForParameters(fresh, 6, maxParameters)) {
          await executor.insertInto('inbox').values(part.map(inboxItemToRow)).execute()
        }
        return outcomes
      }),

    async inboxSize() {
      const row = await db
        .selectFrom('inbox')
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
      return toSafeInteger(row.n, 'count(inbox)')
    },

    allocateSequence: async (origin, count) => {
      const [first] = await allocateSequences([{ origin, count }])
      if (first === undefined) throw new StoreError('corrupt_row', `no sequence allocated for ${origin}`)
      return first
    },

    allocateSequences: (requests) => allocateSequences(requests),

    async listQuarantine(query) {
      const rows = await db
        .selectFrom('quarantine')
        .selectAll()
        .orderBy('seq', 'desc')
        .limit(pageSize(query?.limit))
        .execute()
      return rows.map((r) => ({
        id: r.id,
        body: r.body,
        reason: r.reason,
        source: r.source,
        receivedAt: toSafeInteger(r.received_at, 'quarantine.received_at'),
        quarantinedAt: toSafeInteger(r.quarantined_at, 'quarantine.quarantined_at'),
      }))
    },

    async listMessages(query) {
      const rows = await db
        .selectFrom('status_messages')
        .selectAll()
        .where((eb) => eb.and(messageConditions(eb, query, dialect)))
        .orderBy('record_id', 'desc')
        .limit(pageSize(query.limit))
        .execute()
      return rowsToMessages(db, rows, maxParameters)
    },

    async countMessages(query = {}) {
      const row = await db
        .selectFrom('status_messages')
        .select((eb) => eb.fn.countAll().as('n'))
        .where((eb) => eb.and(messageConditions(eb, query, dialect)))
        .executeTakeFirstOrThrow()
      return toSafeInteger(row.n, 'count(status_messages)')
    },

    async getMessage(recordId) {
      const rows = await db
        .selectFrom('status_messages')
        .selectAll()
        .where('record_id', '=', recordId)
        .execute()
      const [message] = await rowsToMessages(db, rows, maxParameters)
      return message
    },

    async deleteAgedMessages({ now, limit }) {
      const dropped = (await options.dropAgedMessages?.(now)) ?? 0
      if (limit <= 0) return dropped
      const deleted = await options.transaction(async (executor) => {
        const doomed = await executor
          .selectFrom('status_messages')
          .select(['record_id', 'received_at'])
          .where('delete_after', '<', now)
          .orderBy('delete_after')
          .limit(limit)
          .execute()
        await deleteMessages(
          executor,
          doomed.map((d) => ({
            recordId: toSafeInteger(d.record_id, 'status_messages.record_id'),
            receivedAt: toSafeInteger(d.received_at, 'status_messages.received_at'),
          })),
          maxParameters,
        )
        return doomed.length
      })
      return dropped + deleted
    },

    async listRules() {
      const rows = await db.selectFrom('filter_rules').selectAll().orderBy('position').execute()
      return parseStoredRules(rows)
    },

    saveRules: async (input: readonly FilterRule[]) => {
      const rules = checkRulesToSave(input)
      await options.transaction(async (executor) => {
        await executor.deleteFrom('filter_rules').execute()
        const rows = rules.map((rule, position) => ({
          position,
          id: rule.id,
          rule_json: JSON.stringify(rule),
        }))
        for (const part of chunkForParameters(rows, 3, maxParameters)) {
          await executor.insertInto('filter_rules').values(part).execute()
        }
      })
    },

    async listDueOutbox({ kinds, now, limit }) {
      if (kinds.length === 0 || limit <= 0) return []
      const rows = await db
        .selectFrom('outbox')
        .selectAll()
        .where('kind', 'in', kinds)
        .where('not_before', '<=', now)
        .orderBy('priority', 'desc')
        .orderBy('seq')
        .limit(limit)
        .execute()
      return rows.map(outboxRowToEntry)
    },

    async completeOutbox(seqs) {
      for (const part of chunk(seqs, maxParameters)) {
        await db.deleteFrom('outbox').where('seq', 'in', part).execute()
      }
    },

    async retryOutbox(seq, notBefore) {
      await db
        .updateTable('outbox')
        .set((eb) => ({ attempts: eb('attempts', '+', 1), not_before: notBefore }))
        .where('seq', '=', seq)
        .execute()
    },

    async outboxSize(kinds) {
      if (kinds?.length === 0) return 0
      const row = await db
        .selectFrom('outbox')
        .select((eb) => eb.fn.countAll().as('n'))
        .$if(kinds !== undefined, (qb) => qb.where('kind', 'in', kinds ?? []))
        .executeTakeFirstOrThrow()
      return toSafeInteger(row.n, 'count(outbox)')
    },

    async lossLedger() {
      const rows = await db
        .selectFrom('loss_ledger')
        .selectAll()
        .orderBy('site_code')
        .orderBy('origin')
        .orderBy('reason')
        .execute()
      return rows.map((r): LossLedgerRow => ({
        siteCode: r.site_code,
        origin: r.origin,
        reason: toMember(LOSS_REASONS, r.reason, 'loss_ledger.reason'),
        count: toSafeInteger(r.count, 'loss_ledger.count'),
        firstAt: toSafeInteger(r.first_at, 'loss_ledger.first_at'),
        lastAt: toSafeInteger(r.last_at, 'loss_ledger.last_at'),
      }))
    },

    async componentCounts(query) {
      const rows = await db
        .selectFrom('component_counts')
        .selectAll()
        .$if(query.siteCode !== undefined, (qb) => qb.where('site_code', '=', query.siteCode ?? ''))
        .$if(query.since !== undefined, (qb) => qb.where('hour_start', '>=', query.since ?? 0))
        .orderBy('site_code')
        .orderBy('machine')
        .orderBy('component')
        .orderBy('hour_start')
        .orderBy('severity')
        .execute()
      return rows.map((r): ComponentCountRow => ({
        siteCode: r.site_code,
        machine: r.machine,
        component: r.component,
        hourStart: toSafeInteger(r.hour_start, 'component_counts.hour_start'),
        severity: toMember<Severity>(SEVERITY_NAMES, r.severity, 'component_counts.severity'),
        count: toSafeInteger(r.count, 'component_counts.count'),
      }))
    },

    ...createKyselyClientOperations(db, maxParameters),
    ...createKyselyStateMessageOperations(options),
    ...createKyselyLinkOperations(db, maxParameters),
    ...createKyselySummaryOperations(options),
    ...createKyselyUserOperations(options),
    ...createKyselyDistributionOperations(options),
    ...createKyselyNotificationOperations(options),

    close: options.close,
  }
}

function inboxItemToRow(item: InboxItem) {
  return {
    id: item.id,
    body: item.body,
    received_at: item.receivedAt,
    not_before: item.receivedAt,
    source: item.source,
    trusted: toFlag(item.trusted),
  }
}

function outboxRowToEntry(r: Selectable<OutboxTable>): OutboxEntry {
  const priority: ReplicationPriority | undefined = REPLICATION_PRIORITIES[r.priority]
  if (priority === undefined) {
    throw new StoreError('corrupt_row', `outbox.priority holds ${r.priority}, expected 0–2`)
  }
  return {
    seq: toSafeInteger(r.seq, 'outbox.seq'),
    kind: toMember<OutboxKind>(OUTBOX_KINDS, r.kind, 'outbox.kind'),
    target: r.target,
    priority,
    messageId: r.message_id,
    payload: r.payload,
    createdAt: toSafeInteger(r.created_at, 'outbox.created_at'),
    attempts: r.attempts,
    notBefore: toSafeInteger(r.not_before, 'outbox.not_before'),
  }
}
