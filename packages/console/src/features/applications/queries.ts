/** Applications and content: list, one revision with the list of revisions, add, revise, upload. */
import {
  addApplication as addRoute,
  getApplication,
  listApplications,
  reviseApplication as reviseRoute,
} from '@sitrep/api'
import type { RouteBody } from '@sitrep/api'
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

/** What the application form sends. */
export type ApplicationInput = RouteBody<typeof addRoute>

export const addApplication = (api: ApiClient, body: ApplicationInput) => api.call(addRoute, { body })

export const reviseApplication = (api: ApiClient, id: string, body: ApplicationInput, baseRevision: number) =>
  api.call(reviseRoute, { params: { id }, body: { ...body, baseRevision } })
