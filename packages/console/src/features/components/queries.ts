/** Component status: counts per component over a tally interval, and resetting them. */
import { queryOptions } from '@tanstack/react-query'
import type { ApiClient } from '../../api/api-client.ts'
import type { ComponentSummaryReply } from '../../api/api-types.ts'

export const componentSummaryQuery = (api: ApiClient, interval: string) =>
  queryOptions({
    queryKey: ['summaries', 'components', interval],
    queryFn: ({ signal }) =>
      api.get<ComponentSummaryReply>('/api/v1/summaries/components', { interval }, signal),
    refetchInterval: 30_000,
  })

/** What `POST /api/v1/summaries/components/reset` takes. */
export interface ResetCounts {
  readonly siteCode: string
  readonly machine: string
  readonly component?: string
  readonly interval?: string
}

export const resetCounts = (api: ApiClient, body: ResetCounts) =>
  api.send<unknown>('POST', '/api/v1/summaries/components/reset', body)
