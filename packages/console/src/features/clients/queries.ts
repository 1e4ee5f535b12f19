/** Registered clients, and approving or rejecting one. */
import { queryOptions } from '@tanstack/react-query'
import type { ApiClient } from '../../api/api-client.ts'
import type { ClientView } from '../../api/api-types.ts'

export const clientsQuery = (api: ApiClient) =>
  queryOptions({
    queryKey: ['clients'],
    queryFn: ({ signal }) => api.get<{ clients: ClientView[] }>('/api/v1/clients', {}, signal),
    refetchInterval: 30_000,
  })

export const setClientStatus = (api: ApiClient, clientId: string, decision: 'approve' | 'reject') =>
  api.send<{ client: ClientView }>('POST', `/api/v1/clients/${encodeURIComponent(clientId)}/${decision}`)
