/** Deployment status: per deployment counts by state, and the clients in one state. */
import { listDeploymentClients, listDeploymentSummaries } from '@sitrep/api'
import { queryOptions } from '@tanstack/react-query'
import type { ApiClient } from '../../api/api-client.ts'

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
