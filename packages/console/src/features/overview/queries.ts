/** Overview data: the site's health and roll-up, and messages per hour by severity. */
import { getSeverityHistogram, listLinks, listSiteSummaries } from '@sitrep/api'
import { queryOptions } from '@tanstack/react-query'
import type { ApiClient } from '../../api/api-client.ts'
import { isNotAvailable } from '../../api/api-error.ts'
import type { HistogramBucket, MessagePage } from '../../api/api-types.ts'
import { bucketMessages } from './format-histogram.ts'

export interface Health {
  readonly status: string
  readonly siteCode: string
  readonly siteName: string
  readonly version: string
}

export const healthQuery = (api: ApiClient) =>
  queryOptions({
    queryKey: ['health'],
    queryFn: ({ signal }) => api.get<Health>('/api/v1/health', {}, signal),
    staleTime: 300_000,
  })

export const siteSummaryQuery = (api: ApiClient) =>
  queryOptions({
    queryKey: ['summaries', 'sites'],
    queryFn: ({ signal }) => api.call(listSiteSummaries, { signal }),
    refetchInterval: 30_000,
  })

/** The site links (parent and children, with the subtrees the children report). */
export const linksQuery = (api: ApiClient) =>
  queryOptions({
    queryKey: ['links'],
    queryFn: ({ signal }) => api.call(listLinks, { signal }),
    refetchInterval: 30_000,
  })

/**
 * Messages per hour by severity over the last `hours`. A site without the histogram route
 * gets the same buckets counted from its newest stored messages (at most 1000).
 */
export const histogramQuery = (api: ApiClient, hours: number, now: () => number = Date.now) =>
  queryOptions({
    queryKey: ['summaries', 'severity-histogram', hours],
    queryFn: async ({ signal }): Promise<{ buckets: HistogramBucket[]; approximate: boolean }> => {
      try {
        const reply = await api.call(getSeverityHistogram, { query: { hours }, signal })
        return { buckets: reply.buckets, approximate: false }
      } catch (error) {
        if (!isNotAvailable(error)) throw error
        const end = now()
        const since = new Date(end - hours * 3_600_000).toISOString()
        const page = await api.get<MessagePage>('/api/v1/messages', { since, limit: 1000 }, signal)
        return { buckets: bucketMessages(page.messages, end, hours), approximate: true }
      }
    },
    refetchInterval: 60_000,
  })
