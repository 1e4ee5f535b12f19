/** Message viewer data: pages of messages, one message, queries (built-in and saved). */
import { infiniteQueryOptions, queryOptions } from '@tanstack/react-query'
import type { ApiClient } from '../../api/api-client.ts'
import type { QueryParams } from '../../api/query-string.ts'
import type { MessagePage, SavedQuery } from '../../api/api-types.ts'

/** Rows per page in the viewer. */
export const PAGE_SIZE = 100

/** The source of the viewer's rows: a filter, or a query run with its prompt values. */
export type MessageSource =
  | { readonly kind: 'filter'; readonly params: QueryParams }
  | { readonly kind: 'query'; readonly id: string; readonly prompts: Readonly<Record<string, string>> }

export const messagePagesQuery = (api: ApiClient, source: MessageSource, locale: string) =>
  infiniteQueryOptions({
    queryKey: ['messages', source, locale],
    initialPageParam: null as string | number | null, // The first page has no cursor.
    queryFn: ({ pageParam, signal }) =>
      source.kind === 'filter'
        ? api.get<MessagePage>(
            '/api/v1/messages',
            { ...source.params, limit: PAGE_SIZE, locale, cursor: pageParam },
            signal,
          )
        : api.send<MessagePage>(
            'POST',
            `/api/v1/queries/${encodeURIComponent(source.id)}/run`,
            {
              prompts: source.prompts,
              limit: PAGE_SIZE,
              ...(pageParam === null ? {} : { cursor: pageParam }),
            },
            signal,
          ),
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  })

export const savedQueriesQuery = (api: ApiClient) =>
  queryOptions({
    queryKey: ['queries'],
    queryFn: async ({ signal }) => {
      const reply = await api.get<SavedQuery[] | { queries: SavedQuery[] }>('/api/v1/queries', {}, signal)
      return Array.isArray(reply) ? reply : reply.queries
    },
    staleTime: 60_000,
  })

export const saveQuery = (api: ApiClient, body: { name: string; filter: QueryParams }) =>
  api.send<SavedQuery>('POST', '/api/v1/queries', body)
