/**
 * `GET /api/v1/messages/export?format=csv|json&…filters`: every matching message, newest first,
 * streamed page by page through the store's cursor (never buffered whole). CSV has a header row,
 * RFC 4180 quoting and one line per message (see `csvCell`); JSON is one message per line (JSON
 * Lines) with NEL, LS and PS escaped too, so no line-splitting reader breaks a message in two.
 */
import { Readable } from 'node:stream'
import type { Catalogue } from '@sitrep/protocol'
import { escapeJsonLineBreaks } from '@sitrep/protocol'
import type { MessageStore, SavedQueryStore } from '@sitrep/store'
import type { FastifyInstance } from 'fastify'
import { exportMessages } from '@sitrep/api'
import type { MessageView } from '@sitrep/api'
import { toMessageView } from './message-view.ts'
import { csvCell } from './csv-cell.ts'
import { parseMessageListQuery } from './message-list-query.ts'
import { mpIssue } from '../mp/field-issues.ts'
import { mountRoute } from './mount-route.ts'
import { filterOfQuery } from './query-routes.ts'
import { RequestError } from './request-error.ts'

const PAGE = 1000

/** Columns of the CSV export, in order. */
export const CSV_COLUMNS = [
  'recordId',
  'createdAt',
  'severity',
  'messageType',
  'messageId',
  'siteCode',
  'machine',
  'module',
  'component',
  'text',
  'insertionStrings',
  'attributes',
] as const

function csvRow(m: MessageView): string {
  const cells: Record<(typeof CSV_COLUMNS)[number], string> = {
    recordId: String(m.recordId),
    createdAt: m.createdAt,
    severity: m.severity,
    messageType: m.messageType,
    messageId: String(m.messageId),
    siteCode: m.siteCode ?? '',
    machine: m.machine,
    module: m.module,
    component: m.component,
    text: m.text,
    insertionStrings: JSON.stringify(m.insertionStrings),
    attributes: JSON.stringify(m.attributes),
  }
  return `${CSV_COLUMNS.map((c) => csvCell(cells[c])).join(',')}\r\n`
}

/**
 * The filter an export uses: the filter parameters as given, or, with `query=<id>`, that named
 * query's filter with its prompts filled from `p.<name>` parameters (as `POST
 * /api/v1/queries/:id/run` fills them); `locale` is kept either way.
 */
async function exportFilter(
  store: SavedQueryStore,
  queryId: string | undefined,
  params: Readonly<Record<string, unknown>>,
): Promise<Record<string, unknown>> {
  if (queryId === undefined) return { ...params }
  const prompts: Record<string, string> = {}
  const others: string[] = []
  for (const [key, value] of Object.entries(params)) {
    if (key.startsWith('p.') && typeof value === 'string') prompts[key.slice(2)] = value
    else if (key !== 'locale') others.push(key)
  }
  if (others.length > 0) {
    const message = `with query, give only p.<prompt> parameters and locale, not ${others.join(', ')}`
    throw new RequestError('invalid_query', message, {
      issues: others.map((k) => mpIssue(k, 'unknown_field', message)),
    })
  }
  const filter = await filterOfQuery(store, queryId, prompts)
  return params['locale'] === undefined ? filter : { ...filter, locale: params['locale'] }
}

/** Registers the export route on the API scope. */
export function registerExportRoutes(
  api: FastifyInstance,
  deps: { readonly store: MessageStore & SavedQueryStore; readonly catalogue: Catalogue },
): void {
  mountRoute(api, exportMessages, async (request, reply) => {
    const { format, query: queryId, ...rest } = request.query
    const { query, locale } = parseMessageListQuery(
      { ...(await exportFilter(deps.store, queryId, rest)), limit: PAGE },
      request.headers['accept-language'],
    )
    const { store, catalogue } = deps
    async function* lines(): AsyncGenerator<string> {
      if (format === 'csv') yield `${CSV_COLUMNS.join(',')}\r\n`
      let cursor = query.beforeRecordId
      for (;;) {
        const page = await store.listMessages({
          ...query,
          ...(cursor === undefined ? {} : { beforeRecordId: cursor }),
        })
        for (const m of page) {
          const view = toMessageView(m, catalogue, locale)
          yield format === 'csv' ? csvRow(view) : `${escapeJsonLineBreaks(JSON.stringify(view))}\n`
        }
        const last = page.at(-1)
        if (last === undefined || page.length < PAGE) return
        cursor = last.recordId
      }
    }
    const type = format === 'csv' ? 'text/csv; charset=utf-8' : 'application/x-ndjson; charset=utf-8'
    return reply
      .type(type)
      .header('content-disposition', `attachment; filename="messages.${format === 'csv' ? 'csv' : 'jsonl'}"`)
      .send(Readable.from(lines()))
  })
}
