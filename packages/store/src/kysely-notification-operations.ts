/**
 * The notification record ({@link NotificationStore}) over Kysely, shared by both engines:
 * settling an outbox attempt (record, then complete, reschedule or drop the entry, in one
 * transaction) and reading notifications back.
 */
import type { Kysely, Selectable } from 'kysely'
import { createKyselySiteTransaction } from './kysely-site-transaction.ts'
import type { KyselySiteStoreOptions } from './kysely-store-options.ts'
import { toMember, toNullableSafeInteger, toSafeInteger } from './message-rows.ts'
import {
  ATTEMPT_OUTCOMES,
  DEAD_LETTER_REASONS,
  NOTIFICATION_STATES,
  isNotifiedKind,
} from './notification-records.ts'
import type {
  NotificationDetail,
  NotificationRecord,
  NotificationState,
  NotificationStore,
  OutboxSettlement,
} from './notification-records.ts'
import { pageSize } from './page-size.ts'
import { OUTBOX_KINDS } from './pipeline-records.ts'
import type { Database, NotificationsTable } from './schema.ts'

/** Returns the notification operations of a Kysely store. */
export function createKyselyNotificationOperations(options: KyselySiteStoreOptions): NotificationStore {
  const { db } = options
  return {
    settleOutboxAttempt: (settlement) =>
      options.transaction(async (executor) => {
        const { next } = settlement
        if (next.kind === 'drop') {
          await createKyselySiteTransaction(executor, options).addLoss([next.loss])
        }
        if (isNotifiedKind(settlement.kind)) await recordAttempt(executor, settlement)
        if (next.kind === 'retry') {
          await executor
            .updateTable('outbox')
            .set((eb) => ({ attempts: eb('attempts', '+', 1), not_before: next.notBefore }))
            .where('seq', '=', settlement.seq)
            .execute()
        } else {
          await executor.deleteFrom('outbox').where('seq', '=', settlement.seq).execute()
        }
      }),

    async listNotifications(query = {}) {
      const rows = await db
        .selectFrom('notifications')
        .select(RECORD_COLUMNS)
        .$if(query.target !== undefined, (qb) => qb.where('target', '=', query.target ?? ''))
        .$if(query.state !== undefined, (qb) => qb.where('state', '=', query.state ?? 'queued'))
        .$if(query.messageId !== undefined, (qb) => qb.where('message_id', '=', query.messageId ?? ''))
        .$if(query.beforeId !== undefined, (qb) => qb.where('id', '<', query.beforeId ?? 0))
        .orderBy('id', 'desc')
        .limit(pageSize(query.limit))
        .execute()
      return rows.map(rowToRecord)
    },

    async getNotification(id) {
      const row = await db.selectFrom('notifications').selectAll().where('id', '=', id).executeTakeFirst()
      if (row === undefined) return undefined
      const attempts = await db
        .selectFrom('notification_attempts')
        .selectAll()
        .where('notification_id', '=', id)
        .orderBy('attempt')
        .execute()
      return {
        ...rowToRecord(row),
        payload: row.payload,
        attemptLog: attempts.map((a) => ({
          attempt: a.attempt,
          at: toSafeInteger(a.at, 'notification_attempts.at'),
          outcome: toMember(ATTEMPT_OUTCOMES, a.outcome, 'notification_attempts.outcome'),
          error: a.error,
          durationMs: a.duration_ms,
        })),
      } satisfies NotificationDetail
    },
  }
}

const RECORD_COLUMNS = [
  'id',
  'kind',
  'target',
  'message_id',
  'created_at',
  'state',
  'attempts',
  'last_attempt_at',
  'last_error',
  'finished_at',
  'loss_reason',
] as const

async function recordAttempt(executor: Kysely<Database>, s: OutboxSettlement): Promise<void> {
  const { next } = s
  const state: NotificationState =
    next.kind === 'complete' ? 'delivered' : next.kind === 'retry' ? 'retrying' : 'dead_letter'
  const finished = next.kind !== 'retry'
  // A dead letter keeps what was not delivered, so it can be read (and sent again) later.
  const payload =
    next.kind === 'drop'
      ? ((await executor.selectFrom('outbox').select('payload').where('seq', '=', s.seq).executeTakeFirst())
          ?.payload ?? null)
      : null
  const change = {
    state,
    attempts: s.attempt,
    last_attempt_at: s.at,
    last_error: next.kind === 'drop' ? next.reason : s.error,
    finished_at: finished ? s.at : null,
    loss_reason: next.kind === 'drop' ? next.loss.reason : null,
    payload,
  }
  const updated = await executor
    .updateTable('notifications')
    .set(change)
    .where('id', '=', s.seq)
    .executeTakeFirst()
  if (updated.numUpdatedRows === 0n) {
    // An entry queued before the record existed (a site upgraded with exports pending).
    const entry = await executor
      .selectFrom('outbox')
      .select(['kind', 'target', 'message_id', 'created_at'])
      .where('seq', '=', s.seq)
      .executeTakeFirst()
    if (entry === undefined) return
    await executor
      .insertInto('notifications')
      .values({
        id: s.seq,
        ...entry,
        created_at: toSafeInteger(entry.created_at, 'outbox.created_at'),
        ...change,
      })
      .execute()
  }
  await executor
    .insertInto('notification_attempts')
    .values({
      notification_id: s.seq,
      attempt: s.attempt,
      at: s.at,
      outcome: s.outcome,
      error: s.error,
      duration_ms: Math.max(0, Math.round(s.durationMs)),
    })
    .execute()
}

function rowToRecord(
  r: Pick<Selectable<NotificationsTable>, (typeof RECORD_COLUMNS)[number]>,
): NotificationRecord {
  return {
    id: toSafeInteger(r.id, 'notifications.id'),
    kind: toMember(OUTBOX_KINDS, r.kind, 'notifications.kind'),
    target: r.target,
    messageId: r.message_id,
    createdAt: toSafeInteger(r.created_at, 'notifications.created_at'),
    state: toMember(NOTIFICATION_STATES, r.state, 'notifications.state'),
    attempts: r.attempts,
    lastAttemptAt: toNullableSafeInteger(r.last_attempt_at, 'notifications.last_attempt_at'),
    lastError: r.last_error,
    finishedAt: toNullableSafeInteger(r.finished_at, 'notifications.finished_at'),
    lossReason:
      r.loss_reason === null
        ? null
        : toMember(DEAD_LETTER_REASONS, r.loss_reason, 'notifications.loss_reason'),
  }
}
