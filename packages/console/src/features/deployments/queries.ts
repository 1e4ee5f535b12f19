/** Deployment status: per deployment counts by state, and the clients in one state. */
import { queryOptions } from '@tanstack/react-query'
import type { ApiClient } from '../../api/api-client.ts'
import type { DeploymentClient, DeploymentSummary } from '../../api/api-types.ts'

export const deploymentsQuery = (api: ApiClient) =>
  queryOptions({
    queryKey: ['summaries', 'deployments'],
    queryFn: ({ signal }) =>
      api.get<{ deployments: DeploymentSummary[] }>('/api/v1/summaries/deployments', {}, signal),
    refetchInterval: 30_000,
  })

export const deploymentClientsQuery = (api: ApiClient, deploymentId: string, state: string) =>
  queryOptions({
    queryKey: ['summaries', 'deployments', deploymentId, 'clients', state],
    queryFn: ({ signal }) =>
      api.get<{ clients: DeploymentClient[] }>(
        `/api/v1/summaries/deployments/${encodeURIComponent(deploymentId)}/clients`,
        { state },
        signal,
      ),
  })
