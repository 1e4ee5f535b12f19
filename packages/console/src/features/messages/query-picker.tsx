import { QUERY_NAME_MAX } from '@sitrep/api'
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { useState } from 'react'
import type { FormEvent } from 'react'
import { useApi } from '../../api/api-context.tsx'
import { isNotAvailable } from '../../api/api-error.ts'
import type { QueryParams } from '../../api/query-string.ts'
import { formatRoute } from '../../router/parse-route.ts'
import { navigate } from '../../router/use-route.ts'
import { ErrorNote } from '../../ui/query-state.tsx'
import { saveQuery, savedQueriesQuery, toQueryFilter } from './queries.ts'

const PROMPT_INPUT: Readonly<Record<string, string>> = { time: 'datetime-local', number: 'number' }

/** The built-in and saved queries: pick one, fill its prompts, run it; save the current filter. */
export function QueryPicker({
  activeId,
  filterParams,
}: {
  activeId: string | undefined
  filterParams: QueryParams
}) {
  const api = useApi()
  const queryClient = useQueryClient()
  const queries = useQuery(savedQueriesQuery(api))
  const [chosen, setChosen] = useState(activeId ?? '')
  const [prompts, setPrompts] = useState<Record<string, string>>({})
  const [name, setName] = useState('')
  const save = useMutation({
    mutationFn: () => saveQuery(api, { name: name.trim(), filter: toQueryFilter(filterParams) }),
    onSuccess: () => {
      setName('')
      return queryClient.invalidateQueries({ queryKey: ['queries'] })
    },
  })
  if (queries.isError && isNotAvailable(queries.error))
    return (
      <p className="note not-available">Built-in and saved queries are not available on this site yet.</p>
    )
  if (queries.isError) return <ErrorNote error={queries.error} what="the queries" />
  const list = queries.data ?? []
  const query = list.find((q) => q.id === chosen)
  const run = (event: FormEvent) => {
    event.preventDefault()
    if (query === undefined) return
    const params: Record<string, string> = { query: query.id }
    for (const p of query.prompts) params[`p.${p.name}`] = prompts[p.name] ?? ''
    navigate(formatRoute('/messages', params))
  }
  return (
    <div className="query-picker">
      <form onSubmit={run} aria-label="Run a query">
        <label>
          Query
          <select value={chosen} onChange={(e) => setChosen(e.target.value)} disabled={queries.isPending}>
            <option value="">{queries.isPending ? 'Loading queries…' : 'Choose a query'}</option>
            <optgroup label="Built-in">
              {list
                .filter((q) => q.builtIn)
                .map((q) => (
                  <option key={q.id} value={q.id}>
                    {q.name}
                  </option>
                ))}
            </optgroup>
            <optgroup label="Saved">
              {list
                .filter((q) => !q.builtIn)
                .map((q) => (
                  <option key={q.id} value={q.id}>
                    {q.name}
                  </option>
                ))}
            </optgroup>
          </select>
        </label>
        {query?.prompts.map((p) => (
          <label key={p.name}>
            {p.label}
            <input
              type={PROMPT_INPUT[p.type] ?? 'text'}
              value={prompts[p.name] ?? ''}
              onChange={(e) => setPrompts({ ...prompts, [p.name]: e.target.value })}
              required
            />
          </label>
        ))}
        <button type="submit" disabled={query === undefined}>
          Run query
        </button>
      </form>
      <form
        aria-label="Save the current filter as a query"
        onSubmit={(e) => {
          e.preventDefault()
          save.mutate()
        }}
      >
        <label>
          Save filter as
          <input value={name} onChange={(e) => setName(e.target.value)} required maxLength={QUERY_NAME_MAX} />
        </label>
        <button type="submit" disabled={save.isPending}>
          Save query
        </button>
        {save.isSuccess ? <span role="status">Saved.</span> : null}
      </form>
      {save.isError ? <ErrorNote error={save.error} what="the saved query" /> : null}
    </div>
  )
}
