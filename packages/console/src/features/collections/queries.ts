/** Collections: the list with member counts. */
import { listCollections } from '@sitrep/api'
import { queryOptions } from '@tanstack/react-query'
import type { ApiClient } from '../../api/api-client.ts'

export const collectionsQuery = (api: ApiClient) =>
  queryOptions({
    queryKey: ['collections'],
    queryFn: ({ signal }) => api.call(listCollections, { signal }),
    refetchInterval: 30_000,
  })
