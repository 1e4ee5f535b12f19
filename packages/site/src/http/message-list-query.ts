/**
 * The query string of `GET /api/v1/messages`, parsed once with zod into a store
 * {@link MessageQuery} and the locale to render in.
 */
import { MESSAGE_TYPE_NAMES, SEVERITY_NAMES, parseIsoTime } from '@sitrep/protocol'
import type { MessageQuery } from '@sitrep/store'
import { z } from 'zod'
import { zodToFieldIssues } from '../mp/field-issues.ts'
import { MpError } from '../mp/mp-error.ts'
import { safeText } from '../mp/safe-text.ts'

const isoTime = z.string().transform((text, ctx) => {
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

const MessageListQuerySchema = z
  .strictObject({
    siteCode: safeText(1, 3).optional(),
    machine: safeText(1, 255).optional(),
    component: safeText(1, 127).optional(),
    module: safeText(1, 127).optional(),
    severity: oneOrMany(z.enum(SEVERITY_NAMES)).optional(),
    messageType: z.enum(MESSAGE_TYPE_NAMES).optional(),
    messageId: oneOrMany(int(0, 65535)).optional(),
    since: isoTime.optional(),
    until: isoTime.optional(),
    attributeId: int(0, 0xffffffff).optional(),
    attributeValue: safeText(0, 255).optional(),
    text: safeText(1, 255).optional(),
    trusted: z.enum(['true', 'false']).optional(),
    limit: int(1, 1000).default(100),
    cursor: int(1, Number.MAX_SAFE_INTEGER).optional(),
    locale: z.string().min(2).max(35).optional(),
  })
  .refine((q) => q.attributeValue === undefined || q.attributeId !== undefined, {
    message: 'attributeValue needs attributeId',
    path: ['attributeValue'],
  })

/** A parsed messages query: the store filter and the locale. */
export interface MessageListQuery {
  readonly query: MessageQuery
  readonly locale: string | undefined
}

/** Parses the query string, or throws `invalid_query` naming each bad parameter. */
export function parseMessageListQuery(input: unknown, acceptLanguage: string | undefined): MessageListQuery {
  const result = MessageListQuerySchema.safeParse(input)
  if (!result.success) {
    const issues = zodToFieldIssues(result.error)
    throw new MpError('invalid_query', issues[0]?.message ?? 'the query string is not valid', { issues })
  }
  const q = result.data
  const query: MessageQuery = {
    ...(q.siteCode === undefined ? {} : { siteCode: q.siteCode.toUpperCase() }),
    ...(q.machine === undefined ? {} : { machine: q.machine }),
    ...(q.component === undefined ? {} : { component: q.component }),
    ...(q.module === undefined ? {} : { module: q.module }),
    ...(q.severity === undefined
      ? {}
      : Array.isArray(q.severity)
        ? { severities: q.severity }
        : { severity: q.severity }),
    ...(q.messageType === undefined ? {} : { messageType: q.messageType }),
    ...(q.messageId === undefined
      ? {}
      : Array.isArray(q.messageId)
        ? { messageIds: q.messageId }
        : { messageId: q.messageId }),
    ...(q.since === undefined ? {} : { since: q.since }),
    ...(q.until === undefined ? {} : { until: q.until }),
    ...(q.attributeId === undefined
      ? {}
      : {
          attribute: {
            id: q.attributeId,
            ...(q.attributeValue === undefined ? {} : { value: q.attributeValue }),
          },
        }),
    ...(q.text === undefined ? {} : { insertionStringContains: q.text }),
    ...(q.trusted === undefined ? {} : { trusted: q.trusted === 'true' }),
    ...(q.cursor === undefined ? {} : { beforeRecordId: q.cursor }),
    limit: q.limit,
  }
  return { query, locale: q.locale ?? firstLanguage(acceptLanguage) }
}

/** The first tag of an `Accept-Language` header (`de-DE,de;q=0.9` → `de-DE`). */
function firstLanguage(header: string | undefined): string | undefined {
  const tag = header?.split(',')[0]?.split(';')[0]?.trim()
  return tag === undefined || tag === '' || tag === '*' || !/^[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*$/.test(tag)
    ? undefined
    : tag
}
