/** Stored messages: the filtered, paged list with rendered text (docs/api.md "Messages"). */
import {
  MESSAGE_TYPE_NAMES,
  ORIGIN_KINDS,
  REPORT_FUNCTION_NAMES,
  SEVERITY_NAMES,
  parseIsoTime,
} from '@sitrep/protocol'
import { z } from 'zod'
import { defineRoute } from '../define-route.ts'
import { IsoTime, safeText } from '../fields.ts'

/** One stored message as the API shows it: the JSON wire form plus what the site adds. */
export const MessageViewSchema = z
  .object({
    id: z.string(),
    origin: z.object({ kind: z.enum(ORIGIN_KINDS), id: z.string() }),
    sequence: z.number().int(),
    severity: z.enum(SEVERITY_NAMES),
    messageType: z.enum(MESSAGE_TYPE_NAMES),
    messageId: z.number().int(),
    module: z.string(),
    component: z.string(),
    machine: z.string(),
    siteCode: z.string().nullable(),
    topLevelSiteCode: z.string().nullable(),
    processId: z.number().int(),
    threadId: z.number().int(),
    win32Error: z.number().int(),
    createdAt: IsoTime,
    perClient: z.boolean(),
    reportFunction: z.enum(REPORT_FUNCTION_NAMES),
    transaction: z.boolean(),
    successfulTransaction: z.boolean(),
    insertionStrings: z.array(z.string()),
    attributes: z.array(z.object({ id: z.number().int(), value: z.string() })),
    recordId: z.number().int(),
    receivedAt: IsoTime,
    deleteAfter: IsoTime.nullable(),
    /** False for a message taken without a signature (the unsigned fallback endpoint). */
    trusted: z.boolean(),
    /** The text rendered from the catalogue in the asked locale. */
    text: z.string(),
    /** False when the catalogue has no entry for the module and message ID. */
    known: z.boolean(),
    /** Names of the attribute IDs the message carries, e.g. `{ "401": "Advertisement / deployment ID" }`. */
    attributeNames: z.record(z.string(), z.string()),
  })
  .meta({ id: 'Message' })
/** One stored message as the API shows it. */
export type MessageView = z.output<typeof MessageViewSchema>

/** A page of messages, newest first; `nextCursor` asks for the next (older) page. */
export const MessagePageSchema = z.object({
  messages: z.array(MessageViewSchema),
  nextCursor: z.number().int().nullable(),
})
/** A page of messages. */
export type MessagePage = z.output<typeof MessagePageSchema>

/** An ISO 8601 time with an offset, read as epoch ms. */
export const IsoTimeParam = z.string().transform((text, ctx) => {
  const ms = parseIsoTime(text)
  if (ms === undefined) {
    ctx.addIssue({
      code: 'custom',
      message: 'must be an ISO 8601 time with an offset, e.g. 2026-11-21T08:00:00Z',
    })
    return z.NEVER
  }
  return ms
})
const int = (min: number, max: number) => z.coerce.number().int().min(min).max(max)
/** A repeatable parameter (`?severity=error&severity=warning`): one value or several. */
const oneOrMany = <T extends z.ZodType>(item: T) => z.union([item, z.array(item).min(1).max(64)])

/** The filters of `GET /api/v1/messages` (and of saved queries and the export). */
export const MessageFilterShape = {
  siteCode: safeText(1, 3).optional(),
  machine: safeText(1, 255).optional(),
  component: safeText(1, 127).optional(),
  module: safeText(1, 127).optional(),
  severity: oneOrMany(z.enum(SEVERITY_NAMES)).optional(),
  messageType: z.enum(MESSAGE_TYPE_NAMES).optional(),
  messageId: oneOrMany(int(0, 65535)).optional(),
  since: IsoTimeParam.optional(),
  until: IsoTimeParam.optional(),
  attributeId: int(0, 0xffffffff).optional(),
  attributeValue: safeText(0, 255).optional(),
  text: safeText(1, 255).optional(),
  /** With `insertionValue`: the insertion string %N (1–10) is exactly that value. */
  insertionPosition: int(1, 10).optional(),
  insertionValue: safeText(0, 255).optional(),
  trusted: z.enum(['true', 'false']).optional(),
}

/** The query of `GET /api/v1/messages`. */
export const MessageListQuerySchema = z
  .strictObject({
    ...MessageFilterShape,
    limit: int(1, 1000).default(100),
    cursor: int(1, Number.MAX_SAFE_INTEGER).optional(),
    locale: z.string().min(2).max(35).optional(),
  })
  .refine((q) => q.attributeValue === undefined || q.attributeId !== undefined, {
    message: 'attributeValue needs attributeId',
    path: ['attributeValue'],
  })
  .refine((q) => (q.insertionPosition === undefined) === (q.insertionValue === undefined), {
    message: 'insertionPosition and insertionValue go together',
    path: ['insertionValue'],
  })

/** `GET /api/v1/messages` */
export const listMessages = defineRoute({
  method: 'GET',
  url: '/api/v1/messages',
  summary: 'Stored messages with filters, cursor pagination and rendered text',
  auth: { minRole: 'read-only-analyst' },
  query: MessageListQuerySchema,
  replies: { 200: MessagePageSchema },
  errors: [],
})
