/** Stored state messages as `GET /api/v1/state-messages` shows them (docs/api.md "State messages"). */
import type { StateMessageListQuerySchema, StateMessagePage, StateMessageView } from '@sitrep/api'
import { formatIsoTime } from '@sitrep/protocol'
import type { z } from 'zod'
import type { StateMessageQuery, StoredStateMessage } from '@sitrep/store'

/** The parsed query of `GET /api/v1/state-messages`. */
type ListQuery = z.output<typeof StateMessageListQuerySchema>

/** The store filter of a parsed query: only the filters given; `cursor` is the record ID to go below. */
export function toStateMessageQuery(q: ListQuery): StateMessageQuery {
  return {
    limit: q.limit,
    ...(q.topicType === undefined ? {} : { topicType: q.topicType }),
    ...(q.topicId === undefined ? {} : { topicId: q.topicId }),
    ...(q.originId === undefined ? {} : { originId: q.originId }),
    ...(q.machine === undefined ? {} : { machine: q.machine }),
    ...(q.stateId === undefined ? {} : { stateId: q.stateId }),
    ...(q.cursor === undefined ? {} : { beforeRecordId: q.cursor }),
  }
}

/** A stored state message as the API shows it: times as ISO text, the report header beside it. */
export function toStateMessageView(stored: StoredStateMessage): StateMessageView {
  const { report } = stored
  return {
    recordId: stored.recordId,
    id: stored.id,
    origin: { kind: stored.origin.kind, id: stored.origin.id },
    messageTime: formatIsoTime(stored.messageTime),
    serialNumber: stored.serialNumber,
    topic: { ...stored.topic },
    state: { ...stored.state },
    details: stored.details === undefined ? null : { ...stored.details },
    userParameters: { flags: stored.userParameters.flags, params: [...stored.userParameters.params] },
    receivedAt: formatIsoTime(stored.receivedAt),
    trusted: stored.trusted,
    report: {
      machine: report.machine,
      clientVersion: report.clientVersion,
      codePage: report.codePage,
      localeId: report.localeId,
      priority: report.priority,
      reportedAt: report.reportedAt === null ? null : formatIsoTime(report.reportedAt),
    },
  }
}

/** A page of state messages; a full page points at the next (older) one by its last record ID. */
export function toStateMessagePage(stored: readonly StoredStateMessage[], limit: number): StateMessagePage {
  const last = stored.at(-1)
  return {
    stateMessages: stored.map(toStateMessageView),
    nextCursor: last !== undefined && stored.length === limit ? last.recordId : null,
  }
}
