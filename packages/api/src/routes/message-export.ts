/** The live tail and the export of stored messages (docs/api.md "Messages"). */
import { z } from 'zod'
import { defineRoute } from '../define-route.ts'
import { safeText } from '../fields.ts'
import { MessageListQuerySchema, MessageViewSchema } from './messages.ts'

/** `GET /api/v1/messages/stream` */
export const streamMessages = defineRoute({
  method: 'GET',
  url: '/api/v1/messages/stream',
  summary:
    'Server-sent events: one `message` event (data: a message) per newly stored message matching the filters',
  auth: { minRole: 'read-only-analyst' },
  query: MessageListQuerySchema,
  replies: { 200: MessageViewSchema },
  errors: [],
  produces: 'text/event-stream',
})

/** The formats of the export. */
export const EXPORT_FORMATS = ['csv', 'json'] as const

/**
 * The query of the export: the format, and either the filters of `GET /api/v1/messages` or a
 * named query (`query=<id>`) with its prompts as `p.<name>` parameters. The filters are checked
 * as `GET /api/v1/messages` checks them once the named query is filled in.
 */
export const MessageExportQuerySchema = z
  .object({
    format: z.enum(EXPORT_FORMATS),
    query: safeText(1, 128).optional(),
    locale: z.string().min(2).max(35).optional(),
  })
  .catchall(z.union([z.string(), z.array(z.string())]))

/** `GET /api/v1/messages/export` */
export const exportMessages = defineRoute({
  method: 'GET',
  url: '/api/v1/messages/export',
  summary: 'Every matching message as CSV or JSON Lines, streamed',
  auth: { minRole: 'read-only-analyst' },
  query: MessageExportQuerySchema,
  replies: { 200: z.string() },
  errors: ['not_found'],
  produces: 'text/csv',
})
