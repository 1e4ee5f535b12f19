/**
 * Deployments: the list, one deployment, its status (every member of the collection in one
 * state), creating and cancelling; and the older per-deployment counts of status messages
 * with attribute 401, which also cover deployments of child sites.
 */
import {
  cancelDeployment as cancelRoute,
  createDeployment as createRoute,
  getDeployment,
  getDeploymentStatus,
  listDeploymentClients,
  listDeploymentSummaries,
  listDeployments,
} from '@sitrep/api'
import type { RouteBody } from '@sitrep/api'
import { queryOptions } from '@tanstack/react-query'
import type { ApiClient } from '../../api/api-client.ts'

/** Status changes as clients report; screens showing it poll this often. */
const STATUS_POLL_MS = 5_000

export const deploymentListQuery = (api: ApiClient) =>
  queryOptions({
    queryKey: ['deployments'],
    queryFn: ({ signal }) => api.call(listDeployments, { query: {}, signal }),
    refetchInterval: 30_000,
  })

export const deploymentQuery = (api: ApiClient, id: string) =>
  queryOptions({
    queryKey: ['deployments', id],
    queryFn: ({ signal }) => api.call(getDeployment, { params: { id }, signal }),
  })

export const deploymentStatusQuery = (api: ApiClient, id: string) =>
  queryOptions({
    queryKey: ['deployments', id, 'status'],
    queryFn: ({ signal }) => api.call(getDeploymentStatus, { params: { id }, query: {}, signal }),
    refetchInterval: STATUS_POLL_MS,
  })

/** What the create form sends. */
export type NewDeployment = RouteBody<typeof createRoute>

export const createDeployment = (api: ApiClient, body: NewDeployment) => api.call(createRoute, { body })

export const cancelDeployment = (api: ApiClient, id: string) => api.call(cancelRoute, { params: { id } })

export const deploymentsQuery = (api: ApiClient) =>
  queryOptions({
    queryKey: ['summaries', 'deployments'],
    queryFn: ({ signal }) => api.call(listDeploymentSummaries, { signal }),
    refetchInterval: 30_000,
  })

export const deploymentClientsQuery = (api: ApiClient, deploymentId: string, state: string) =>
  queryOptions({
    queryKey: ['summaries', 'deployments', deploymentId, 'clients', state],
    queryFn: ({ signal }) =>
      api.call(listDeploymentClients, { params: { id: deploymentId }, query: { state }, signal }),
  })
