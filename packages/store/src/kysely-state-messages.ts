/**
 * State messages from the relay endpoint (reference §5.4), shared by both engines: stored once
 * by `id` (the receipts refuse repeats) and read by topic.
 */
import type { Insertable, Selectable } from 'kysely'
import { ORIGIN_KINDS } from '@sitrep/protocol'
import { claimReceipts } from './claim-receipts.ts'
import { StoreError } from './errors.ts'
import type { KyselySiteStoreOptions } from './kysely-store-options.ts'
import { toFlag, toMember, toNullableSafeInteger, toSafeInteger } from './message-rows.ts'
import { pageSize } from './page-size.ts'
import type { StateMessagesTable } from './schema.ts'
import type { StateMessageStore, StateMessageToStore, StoredStateMessage } from './site-store.ts'
import { chunkForParameters } from './statement-chunks.ts'

/** Columns written per state message row. */
const STATE_ROW_COLUMNS = 25

/** Returns the state message operations of a store. */
export function createKyselyStateMessageOperations(
  options: Pick<KyselySiteStoreOptions, 'db' | 'maxParameters' | 'transaction'>,
): StateMessageStore {
  const { db, maxParameters } = options
  return {
    saveStateMessages: (items) =>
      options.transaction(async (executor) => {
        if (items.length === 0) return []
        const outcomes = await claimReceipts(
          executor,
          items.map((item) => ({ id: item.message.id, receivedAt: item.receivedAt })),
          maxParameters,
        )
        const fresh = items.filter((_, i) => outcomes[i] === 'accepted')
        for (const part of chunkForParameters(fresh, STATE_ROW_COLUMNS, maxParameters)) {
          await executor.insertInto('state_messages').values(part.map(stateMessageToRow)).execute()
        }
        return outcomes
      }),

    async listStateMessages(query) {
      const rows = await db
        .selectFrom('state_messages')
        .selectAll()
        .$if(query.topicType !== undefined, (qb) => qb.where('topic_type', '=', query.topicType ?? 0))
        .$if(query.topicId !== undefined, (qb) => qb.where('topic_id', '=', query.topicId ?? ''))
        .$if(query.originId !== undefined, (qb) => qb.where('origin_id', '=', query.originId ?? ''))
        .$if(query.machine !== undefined, (qb) => qb.where('machine', '=', query.machine ?? ''))
        .$if(query.stateId !== undefined, (qb) => qb.where('state_id', '=', query.stateId ?? 0))
        .$if(query.beforeRecordId !== undefined, (qb) =>
          qb.where('record_id', '<', query.beforeRecordId ?? 0),
        )
        .orderBy('record_id', 'desc')
        .limit(pageSize(query.limit))
        .execute()
      return rows.map(rowToStateMessage)
    },
  }
}

function stateMessageToRow(item: StateMessageToStore): Insertable<StateMessagesTable> {
  const m = item.message
  return {
    message_uuid: m.id,
    origin_kind: m.origin.kind,
    origin_id: m.origin.id,
    serial_number: m.serialNumber,
    topic_id: m.topic.id,
    topic_type: m.topic.type,
    topic_id_type: m.topic.idType,
    topic_user: m.topic.user,
    topic_user_sid: m.topic.userSid,
    state_id: m.state.id,
    criticality: m.state.criticality,
    details_type: m.details?.type ?? null,
    details_text: m.details?.text ?? null,
    user_flags: m.userParameters.flags,
    user_params: JSON.stringify(m.userParameters.params),
    message_time: m.messageTime,
    received_at: item.receivedAt,
    trusted: toFlag(item.trusted ?? true),
    machine: item.report?.machine ?? '',
    client_version: item.report?.clientVersion ?? null,
    code_page: item.report?.codePage ?? null,
    locale_id: item.report?.localeId ?? null,
    report_priority: item.report?.priority ?? null,
    report_date: item.report?.reportedAt ?? null,
  }
}

function rowToStateMessage(row: Selectable<StateMessagesTable>): StoredStateMessage {
  const recordId = toSafeInteger(row.record_id, 'state_messages.record_id')
  const int = (value: number | string, column: string): number =>
    toSafeInteger(value, `state_messages.${column}`)
  const detailsType = toNullableSafeInteger(row.details_type, 'state_messages.details_type')
  return {
    recordId,
    id: row.message_uuid,
    origin: {
      kind: toMember(ORIGIN_KINDS, row.origin_kind, `state record ${recordId}: origin_kind`),
      id: row.origin_id,
    },
    messageTime: int(row.message_time, 'message_time'),
    serialNumber: int(row.serial_number, 'serial_number'),
    topic: {
      id: row.topic_id,
      type: int(row.topic_type, 'topic_type'),
      idType: int(row.topic_id_type, 'topic_id_type'),
      user: row.topic_user,
      userSid: row.topic_user_sid,
    },
    state: { id: int(row.state_id, 'state_id'), criticality: int(row.criticality, 'criticality') },
    ...(detailsType === null ? {} : { details: { type: detailsType, text: row.details_text ?? '' } }),
    userParameters: {
      flags: int(row.user_flags, 'user_flags'),
      params: parseParams(row.user_params, recordId),
    },
    receivedAt: int(row.received_at, 'received_at'),
    trusted: row.trusted === 1,
    report: {
      machine: row.machine,
      clientVersion: row.client_version,
      codePage: toNullableSafeInteger(row.code_page, 'state_messages.code_page'),
      localeId: toNullableSafeInteger(row.locale_id, 'state_messages.locale_id'),
      priority: toNullableSafeInteger(row.report_priority, 'state_messages.report_priority'),
      reportedAt: toNullableSafeInteger(row.report_date, 'state_messages.report_date'),
    },
  }
}

function parseParams(text: string, recordId: number): readonly string[] {
  let parsed: unknown
  try {
    parsed = JSON.parse(text)
  } catch (cause) {
    throw new StoreError('corrupt_row', `state record ${recordId}: user_params is not JSON`, { cause })
  }
  if (!Array.isArray(parsed) || !parsed.every((p): p is string => typeof p === 'string')) {
    throw new StoreError('corrupt_row', `state record ${recordId}: user_params is not an array of strings`)
  }
  return parsed
}
