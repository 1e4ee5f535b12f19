/** Site system status: storage objects with free space against thresholds. */
import { listSiteSystems } from '@sitrep/api'
import { queryOptions } from '@tanstack/react-query'
import type { ApiClient } from '../../api/api-client.ts'

export const siteSystemsQuery = (api: ApiClient) =>
  queryOptions({
    queryKey: ['summaries', 'site-systems'],
    queryFn: ({ signal }) => api.call(listSiteSystems, { signal }),
    refetchInterval: 60_000,
  })
