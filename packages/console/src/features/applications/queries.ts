/** Applications: the list, and one application with the list of its revisions. */
import { getApplication, listApplications } from '@sitrep/api'
import { queryOptions } from '@tanstack/react-query'
import type { ApiClient } from '../../api/api-client.ts'

export const applicationsQuery = (api: ApiClient) =>
  queryOptions({
    queryKey: ['applications'],
    queryFn: ({ signal }) => api.call(listApplications, { signal }),
  })

export const applicationQuery = (api: ApiClient, id: string, revision?: number) =>
  queryOptions({
    queryKey: ['applications', id, revision ?? 'latest'],
    queryFn: ({ signal }) =>
      api.call(getApplication, {
        params: { id },
        query: revision === undefined ? {} : { revision },
        signal,
      }),
  })
