/**
 * `GET /api/v1/notifications` and `GET /api/v1/notifications/:id`: the notification record,
 * every message queued for an export target and each delivery attempt (docs/alerting.md).
 */
import { getNotification, listNotifications } from '@sitrep/api'
import type { NotificationView } from '@sitrep/api'
import { formatIsoTime } from '@sitrep/protocol'
import type { NotificationRecord, NotificationStore } from '@sitrep/store'
import type { FastifyInstance } from 'fastify'
import { mountRoute } from './mount-route.ts'
import { RequestError } from './request-error.ts'

/** Registers the notification routes on the API scope. */
export function registerNotificationRoutes(
  api: FastifyInstance,
  deps: { readonly store: NotificationStore },
): void {
  mountRoute(api, listNotifications, async (request) => {
    const { cursor, ...filter } = request.query
    const records = await deps.store.listNotifications({
      ...filter,
      ...(cursor === undefined ? {} : { beforeId: cursor }),
    })
    const last = records.at(-1)
    return {
      notifications: records.map(notificationToView),
      nextCursor: records.length === filter.limit && last !== undefined ? last.id : null,
    }
  })

  mountRoute(api, getNotification, async (request) => {
    const detail = await deps.store.getNotification(request.params.id)
    if (detail === undefined) {
      throw new RequestError('not_found', `notification ${request.params.id} is not in the record`)
    }
    return {
      notification: {
        ...notificationToView(detail),
        attemptLog: detail.attemptLog.map((a) => ({ ...a, at: formatIsoTime(a.at) })),
      },
    }
  })
}

function notificationToView(record: NotificationRecord): NotificationView {
  const time = (at: number | null) => (at === null ? null : formatIsoTime(at))
  return {
    id: record.id,
    target: record.target,
    messageId: record.messageId,
    createdAt: formatIsoTime(record.createdAt),
    state: record.state,
    attempts: record.attempts,
    lastAttemptAt: time(record.lastAttemptAt),
    lastError: record.lastError,
    finishedAt: time(record.finishedAt),
    lossReason: record.lossReason,
  }
}
