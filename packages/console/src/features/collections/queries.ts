/** Collections: list with member counts, one with its members and history, create and change. */
import {
  createCollection as createRoute,
  getCollection,
  listCollectionMembers,
  listCollections,
  listMembershipHistory,
  updateCollection as updateRoute,
} from '@sitrep/api'
import type { RouteBody } from '@sitrep/api'
import { queryOptions } from '@tanstack/react-query'
import type { ApiClient } from '../../api/api-client.ts'

export const collectionsQuery = (api: ApiClient) =>
  queryOptions({
    queryKey: ['collections'],
    queryFn: ({ signal }) => api.call(listCollections, { signal }),
    refetchInterval: 30_000,
  })

export const collectionQuery = (api: ApiClient, id: string) =>
  queryOptions({
    queryKey: ['collections', id],
    queryFn: ({ signal }) => api.call(getCollection, { params: { id }, signal }),
  })

export const membersQuery = (api: ApiClient, id: string) =>
  queryOptions({
    queryKey: ['collections', id, 'members'],
    queryFn: ({ signal }) => api.call(listCollectionMembers, { params: { id }, signal }),
    refetchInterval: 30_000,
  })

export const historyQuery = (api: ApiClient, id: string) =>
  queryOptions({
    queryKey: ['collections', id, 'history'],
    queryFn: ({ signal }) =>
      api.call(listMembershipHistory, { params: { id }, query: { limit: 50 }, signal }),
  })

/** What the collection form sends. */
export type CollectionInput = RouteBody<typeof createRoute>

export const createCollection = (api: ApiClient, body: CollectionInput) => api.call(createRoute, { body })

export const updateCollection = (api: ApiClient, id: string, body: CollectionInput) =>
  api.call(updateRoute, { params: { id }, body })
