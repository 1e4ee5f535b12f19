/** Component status: counts per component over a tally interval, and resetting them. */
import { listComponentSummaries, resetComponentCounts } from '@sitrep/api'
import type { RouteBody } from '@sitrep/api'
import { queryOptions } from '@tanstack/react-query'
import type { ApiClient } from '../../api/api-client.ts'

export const componentSummaryQuery = (api: ApiClient, interval: string) =>
  queryOptions({
    queryKey: ['summaries', 'components', interval],
    queryFn: ({ signal }) => api.call(listComponentSummaries, { query: { interval }, signal }),
    refetchInterval: 30_000,
  })

/** What `POST /api/v1/summaries/components/reset` takes. */
export type ResetCounts = RouteBody<typeof resetComponentCounts>

export const resetCounts = (api: ApiClient, body: ResetCounts) => api.call(resetComponentCounts, { body })
