/** Site system status: storage objects with free space against thresholds. */
import { queryOptions } from '@tanstack/react-query'
import type { ApiClient } from '../../api/api-client.ts'
import type { StorageObject } from '../../api/api-types.ts'

export const siteSystemsQuery = (api: ApiClient) =>
  queryOptions({
    queryKey: ['summaries', 'site-systems'],
    queryFn: ({ signal }) =>
      api.get<{ objects: StorageObject[] }>('/api/v1/summaries/site-systems', {}, signal),
    refetchInterval: 60_000,
  })
