/**
 * `GET /api/v1/messages/export?format=csv|json&…filters`: every matching message, newest first,
 * streamed page by page through the store's cursor (never buffered whole). CSV has a header row,
 * RFC 4180 quoting and one line per message (see `csvCell`); JSON is one message per line (JSON
 * Lines) with NEL, LS and PS escaped too, so no line-splitting reader breaks a message in two.
 */
import { Readable } from 'node:stream'
import type { Catalogue } from '@sitrep/protocol'
import { escapeJsonLineBreaks } from '@sitrep/protocol'
import type { SiteStore } from '@sitrep/store'
import type { FastifyInstance } from 'fastify'
import type { MessageView } from '@sitrep/api'
import { toMessageView } from './message-view.ts'
import { csvCell } from './csv-cell.ts'
import { parseMessageListQuery } from './message-list-query.ts'
import { mpIssue } from '../mp/field-issues.ts'
import { MpError } from '../mp/mp-error.ts'
import { filterOfQuery } from './query-routes.ts'

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
  store: SiteStore,
  queryId: unknown,
  params: Record<string, unknown>,
): Promise<Record<string, unknown>> {
  if (queryId === undefined) return params
  if (typeof queryId !== 'string' || queryId === '') {
    throw new MpError('invalid_query', 'query must be one query ID', {
      issues: [mpIssue('query', 'type', 'must be one query ID')],
    })
  }
  const prompts: Record<string, string> = {}
  const others: string[] = []
  for (const [key, value] of Object.entries(params)) {
    if (key.startsWith('p.') && typeof value === 'string') prompts[key.slice(2)] = value
    else if (key !== 'locale') others.push(key)
  }
  if (others.length > 0) {
    const message = `with query, give only p.<prompt> parameters and locale, not ${others.join(', ')}`
    throw new MpError('invalid_query', message, {
      issues: others.map((k) => mpIssue(k, 'unknown_field', message)),
    })
  }
  const filter = await filterOfQuery(store, queryId, prompts)
  return params['locale'] === undefined ? filter : { ...filter, locale: params['locale'] }
}

/** Registers the export route on the API scope. */
export function registerExportRoutes(
  api: FastifyInstance,
  deps: { readonly store: SiteStore; readonly catalogue: Catalogue },
): void {
  api.get('/api/v1/messages/export', { config: { minRole: 'read-only-analyst' } }, async (request, reply) => {
    const { format, query: queryId, ...rest } = request.query as Record<string, unknown> // Fastify parses the query string to an object.
    if (format !== 'csv' && format !== 'json') {
      throw new MpError('invalid_query', 'format must be csv or json', {
        issues: [mpIssue('format', 'unknown_value', 'must be csv or json')],
      })
    }
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
