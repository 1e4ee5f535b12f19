import { useInfiniteQuery } from '@tanstack/react-query'
import { useMemo, useState } from 'react'
import { useApi } from '../../api/api-context.tsx'
import type { MessageView } from '../../api/api-types.ts'
import { formatRoute, param } from '../../router/parse-route.ts'
import type { Route } from '../../router/parse-route.ts'
import { navigate } from '../../router/use-route.ts'
import { ErrorNote } from '../../ui/query-state.tsx'
import { filterFromRoute, filterToApiParams, filterToRouteParams, toIsoInstant } from './filter-messages.ts'
import { MessageDetail } from './message-detail.tsx'
import { MessageFilterForm } from './message-filter-form.tsx'
import { MessageTable } from './message-table.tsx'
import { messagePagesQuery } from './queries.ts'
import type { MessageSource } from './queries.ts'
import { QueryPicker } from './query-picker.tsx'
import { useLiveTail } from './use-live-tail.ts'

/** The status message viewer: filter or query, table, detail pane, live tail, export. */
export function MessageViewerScreen({ route }: { route: Route }) {
  const api = useApi()
  const locale = navigator.language
  const filter = useMemo(() => filterFromRoute(route), [route])
  const queryId = param(route, 'query')
  const source: MessageSource = useMemo(() => {
    if (queryId === undefined) return { kind: 'filter', params: filterToApiParams(filter) }
    const prompts: Record<string, string> = {}
    // A time prompt is typed in a datetime-local input, without an offset; the API wants an instant.
    for (const [key, values] of Object.entries(route.params))
      if (key.startsWith('p.')) prompts[key.slice(2)] = toIsoInstant(values[0] ?? '')
    return { kind: 'query', id: queryId, prompts }
  }, [filter, queryId, route.params])
  const options = messagePagesQuery(api, source, locale)
  const pages = useInfiniteQuery(options)
  const [selected, setSelected] = useState<MessageView | null>(null)
  const [tail, setTail] = useState(false)
  const apiParams = source.kind === 'filter' ? source.params : {}
  // An export takes what is shown: the filter, or the running query with its prompt values.
  const exportParams =
    source.kind === 'filter'
      ? source.params
      : {
          query: source.id,
          ...Object.fromEntries(Object.entries(source.prompts).map(([k, v]) => [`p.${k}`, v])),
        }
  const live = useLiveTail(options.queryKey, apiParams, locale, tail && source.kind === 'filter')
  const messages = useMemo(() => pages.data?.pages.flatMap((p) => p.messages) ?? [], [pages.data])
  const open = (m: MessageView) => {
    setSelected(m)
    requestAnimationFrame(() => document.getElementById('detail-title')?.focus())
  }
  return (
    <div className="viewer">
      <details className="panel" open>
        <summary>Filter</summary>
        <MessageFilterForm
          filter={filter}
          onApply={(next) => navigate(formatRoute('/messages', filterToRouteParams(next)), { replace: true })}
        />
      </details>
      <details className="panel">
        <summary>Queries</summary>
        <QueryPicker activeId={queryId} filterParams={apiParams} />
      </details>
      <div className="toolbar">
        <label className="check">
          <input
            type="checkbox"
            checked={tail}
            onChange={(e) => setTail(e.target.checked)}
            disabled={source.kind !== 'filter'}
          />
          Live tail
        </label>
        <span aria-live="polite" className="small" data-testid="live-status">
          {tail ? `Live: ${live.state}, ${live.received} new` : ''}
        </span>
        <a
          href={api.url('/api/v1/messages/export', { ...exportParams, format: 'csv' })}
          download="messages.csv"
        >
          Export CSV
        </a>
        <a
          href={api.url('/api/v1/messages/export', { ...exportParams, format: 'json' })}
          download="messages.jsonl"
        >
          Export JSON
        </a>
        <span role="status" className="small">
          {pages.isFetching
            ? 'Loading…'
            : `${messages.length} message${messages.length === 1 ? '' : 's'} shown`}
        </span>
        {pages.isFetching ? (
          <button
            type="button"
            onClick={() => void pages.refetch({ cancelRefetch: true })}
            className="small-button"
          >
            Retry
          </button>
        ) : null}
      </div>
      {queryId !== undefined ? (
        <p>
          Running query <code>{queryId}</code>. <a href={formatRoute('/messages')}>Back to the filter</a>
        </p>
      ) : null}
      <div className={selected === null ? 'viewer-body' : 'viewer-body with-detail'}>
        <div className="viewer-list">
          {pages.isError ? <ErrorNote error={pages.error} what="messages" /> : null}
          {pages.isPending ? (
            <p className="loading" role="status" aria-busy="true">
              Loading messages…
            </p>
          ) : (
            <MessageTable
              messages={messages}
              locale={locale}
              selected={selected?.recordId ?? null}
              onOpen={open}
            />
          )}
          {pages.hasNextPage ? (
            <button
              type="button"
              onClick={() => void pages.fetchNextPage()}
              disabled={pages.isFetchingNextPage}
            >
              {pages.isFetchingNextPage ? 'Loading more…' : 'Load more'}
            </button>
          ) : null}
        </div>
        {selected === null ? null : (
          <MessageDetail message={selected} locale={locale} onClose={() => setSelected(null)} />
        )}
      </div>
    </div>
  )
}
