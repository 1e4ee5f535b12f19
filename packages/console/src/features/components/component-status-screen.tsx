import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { useState } from 'react'
import { useApi } from '../../api/api-context.tsx'
import type { ComponentSummary } from '../../api/api-types.ts'
import { canOperate } from '../../auth/roles.ts'
import { useSession } from '../../auth/session-context.tsx'
import { formatRoute, param } from '../../router/parse-route.ts'
import type { Route } from '../../router/parse-route.ts'
import { navigate } from '../../router/use-route.ts'
import { ErrorNote, QueryState } from '../../ui/query-state.tsx'
import { ComponentTable } from './component-table.tsx'
import { INTERVAL_OPTIONS, matchComponents, sortByStatus } from './filter-components.ts'
import { componentSummaryQuery, resetCounts } from './queries.ts'

/** Every component with its counts, thresholds and status; interval chooser; reset counts. */
export function ComponentStatusScreen({ route }: { route: Route }) {
  const api = useApi()
  const session = useSession()
  const queryClient = useQueryClient()
  const interval = param(route, 'interval') ?? 'since-12am'
  const [search, setSearch] = useState('')
  const summary = useQuery(componentSummaryQuery(api, interval))
  const reset = useMutation({
    mutationFn: (row: ComponentSummary) =>
      resetCounts(api, { siteCode: row.siteCode, machine: row.machine, component: row.component, interval }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['summaries'] }),
  })
  const actions = canOperate(session.user.role)
    ? (row: ComponentSummary) => (
        <button
          type="button"
          className="small-button"
          disabled={reset.isPending}
          onClick={() => {
            if (window.confirm(`Reset the counts of ${row.component} on ${row.machine}?`)) reset.mutate(row)
          }}
        >
          Reset counts
          <span className="visually-hidden">
            {' '}
            of {row.component} on {row.machine}
          </span>
        </button>
      )
    : undefined
  return (
    <>
      <div className="toolbar">
        <label>
          Tally interval
          <select
            value={interval}
            onChange={(e) =>
              navigate(formatRoute('/components', { interval: e.target.value }), { replace: true })
            }
          >
            {INTERVAL_OPTIONS.map((o) => (
              <option key={o.value} value={o.value}>
                {o.label}
              </option>
            ))}
          </select>
        </label>
        <label>
          Find
          <input
            type="search"
            value={search}
            onChange={(e) => setSearch(e.target.value)}
            placeholder="site, machine or component"
          />
        </label>
        {summary.isFetching ? (
          <span role="status" className="small">
            Refreshing…
          </span>
        ) : null}
      </div>
      {reset.isError ? <ErrorNote error={reset.error} what="the count reset" /> : null}
      <QueryState query={summary} what="component status">
        {(data) => (
          <ComponentTable
            caption={`Component status, ${data.interval.name} (since ${new Date(data.interval.since).toLocaleString()})`}
            rows={sortByStatus(matchComponents(data.components, search))}
            interval={interval}
            since={data.interval.since}
            empty="No component has reported in this interval."
            {...(actions === undefined ? {} : { actions })}
          />
        )}
      </QueryState>
    </>
  )
}
