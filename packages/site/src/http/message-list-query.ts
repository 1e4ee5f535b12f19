/**
 * The query string of `GET /api/v1/messages`, parsed once with zod into a store
 * {@link MessageQuery} and the locale to render in.
 */
import { MessageListQuerySchema } from '@sitrep/api'
import type { MessageQuery } from '@sitrep/store'
import type { z } from 'zod'
import { zodToFieldIssues } from '../mp/field-issues.ts'
import { RequestError } from './request-error.ts'

/** The query of `GET /api/v1/messages` as its contract schema parses it. */
export type MessageListParams = z.output<typeof MessageListQuerySchema>

/** A parsed messages query: the store filter and the locale. */
export interface MessageListQuery {
  readonly query: MessageQuery
  readonly locale: string | undefined
}

/** Parses a query (a saved query's filter, the export's), or throws `invalid_query` naming each bad parameter. */
export function parseMessageListQuery(input: unknown, acceptLanguage: string | undefined): MessageListQuery {
  const result = MessageListQuerySchema.safeParse(input)
  if (!result.success) {
    const issues = zodToFieldIssues(result.error)
    throw new RequestError('invalid_query', issues[0]?.message ?? 'the query string is not valid', { issues })
  }
  return toMessageListQuery(result.data, acceptLanguage)
}

/** The store filter and locale of a parsed messages query. */
export function toMessageListQuery(
  q: MessageListParams,
  acceptLanguage: string | undefined,
): MessageListQuery {
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
    ...(q.insertionPosition === undefined || q.insertionValue === undefined
      ? {}
      : { insertionString: { position: q.insertionPosition, value: q.insertionValue } }),
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
