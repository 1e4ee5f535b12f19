/**
 * The notification record (docs/alerting.md): every message queued for an export target, each
 * delivery attempt with its outcome and error, and the dead letters given up after the retry
 * budget.
 */
import { z } from 'zod'
import { defineRoute } from '../define-route.ts'
import { IsoTime, safeText } from '../fields.ts'

/** Where a notification stands. */
export const NOTIFICATION_STATES = ['queued', 'retrying', 'delivered', 'dead_letter'] as const

/** One delivery attempt. */
const NotificationAttemptSchema = z
  .object({
    /** 1 for the first attempt. */
    attempt: z.number().int(),
    /** When the attempt ended. */
    at: IsoTime,
    outcome: z.enum(['delivered', 'failed']),
    /** What went wrong; null when delivered. */
    error: z.string().nullable(),
    durationMs: z.number().int(),
  })
  .meta({ id: 'NotificationAttempt' })

/** One notification: a message queued for one export target, and what became of it. */
export const NotificationViewSchema = z
  .object({
    id: z.number().int(),
    /** The export target's name in the site configuration. */
    target: z.string(),
    /** The status message's `id`. */
    messageId: z.string(),
    createdAt: IsoTime,
    state: z.enum(NOTIFICATION_STATES),
    attempts: z.number().int(),
    lastAttemptAt: IsoTime.nullable(),
    /** The last attempt's error, or why a dead letter was given up. */
    lastError: z.string().nullable(),
    /** When it was delivered or given up. */
    finishedAt: IsoTime.nullable(),
    /** The loss-ledger reason a dead letter is counted under. */
    lossReason: z.enum(['expired', 'sink_unavailable', 'sink_failed']).nullable(),
  })
  .meta({ id: 'Notification' })
/** One notification as the API shows it. */
export type NotificationView = z.output<typeof NotificationViewSchema>

/** A notification with its attempts, oldest first. */
const NotificationDetailSchema = NotificationViewSchema.extend({
  attemptLog: z.array(NotificationAttemptSchema),
}).meta({ id: 'NotificationDetail' })

const int = (min: number, max: number) => z.coerce.number().int().min(min).max(max)

/** The query of `GET /api/v1/notifications`. */
const NotificationListQuerySchema = z.strictObject({
  target: safeText(1, 64).optional(),
  state: z.enum(NOTIFICATION_STATES).optional(),
  messageId: safeText(1, 64).optional(),
  limit: int(1, 1000).default(100),
  /** The `nextCursor` of the previous page. */
  cursor: int(1, Number.MAX_SAFE_INTEGER).optional(),
})

/** `GET /api/v1/notifications` */
export const listNotifications = defineRoute({
  method: 'GET',
  url: '/api/v1/notifications',
  summary:
    'The notification record: messages queued for export targets and what became of them, newest first',
  auth: { minRole: 'read-only-analyst' },
  query: NotificationListQuerySchema,
  replies: {
    200: z.object({
      notifications: z.array(NotificationViewSchema),
      nextCursor: z.number().int().nullable(),
    }),
  },
  errors: [],
})

/** `GET /api/v1/notifications/:id` */
export const getNotification = defineRoute({
  method: 'GET',
  url: '/api/v1/notifications/:id',
  summary: 'One notification with every delivery attempt',
  auth: { minRole: 'read-only-analyst' },
  params: z.object({ id: int(1, Number.MAX_SAFE_INTEGER) }),
  replies: { 200: z.object({ notification: NotificationDetailSchema }) },
  errors: ['not_found'],
})
