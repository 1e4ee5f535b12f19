/** Message viewer data: pages of messages, one message, queries (built-in and saved). */
import { listQueries, runQuery, saveQuery as saveQueryRoute } from '@sitrep/api'
import type { RouteBody } from '@sitrep/api'
import { infiniteQueryOptions, queryOptions } from '@tanstack/react-query'
import type { ApiClient } from '../../api/api-client.ts'
import type { QueryParams } from '../../api/query-string.ts'
import type { MessagePage } from '../../api/api-types.ts'

/** Rows per page in the viewer. */
export const PAGE_SIZE = 100

/** The source of the viewer's rows: a filter, or a query run with its prompt values. */
export type MessageSource =
  | { readonly kind: 'filter'; readonly params: QueryParams }
  | { readonly kind: 'query'; readonly id: string; readonly prompts: Readonly<Record<string, string>> }

export const messagePagesQuery = (api: ApiClient, source: MessageSource, locale: string) =>
  infiniteQueryOptions({
    queryKey: ['messages', source, locale],
    initialPageParam: null as number | null, // The first page has no cursor.
    queryFn: ({ pageParam, signal }) =>
      source.kind === 'filter'
        ? api.get<MessagePage>(
            '/api/v1/messages',
            { ...source.params, limit: PAGE_SIZE, locale, cursor: pageParam },
            signal,
          )
        : api.call(runQuery, {
            params: { id: source.id },
            body: {
              prompts: source.prompts,
              limit: PAGE_SIZE,
              ...(pageParam === null ? {} : { cursor: pageParam }),
            },
            signal,
          }),
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  })

export const savedQueriesQuery = (api: ApiClient) =>
  queryOptions({
    queryKey: ['queries'],
    queryFn: async ({ signal }) => (await api.call(listQueries, { signal })).queries,
    staleTime: 60_000,
  })

/** The filter of a saved query from the viewer's parameters: only the values that are set. */
export function toQueryFilter(params: QueryParams): Record<string, string | number | (string | number)[]> {
  const filter: Record<string, string | number | (string | number)[]> = {}
  for (const [key, value] of Object.entries(params)) {
    if (value === undefined || value === null || value === '') continue
    if (typeof value === 'string' || typeof value === 'number') filter[key] = value
    else if (typeof value === 'boolean') filter[key] = String(value)
    else filter[key] = [...value]
  }
  return filter
}

/** Saves a query; the site answers `{ query }`, the saved query with its ID. */
export const saveQuery = (api: ApiClient, body: RouteBody<typeof saveQueryRoute>) =>
  api.call(saveQueryRoute, { body })
