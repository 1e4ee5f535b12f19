/** Registered clients, and approving or rejecting one. */
import { approveClient, listClients, rejectClient } from '@sitrep/api'
import { queryOptions } from '@tanstack/react-query'
import type { ApiClient } from '../../api/api-client.ts'

export const clientsQuery = (api: ApiClient) =>
  queryOptions({
    queryKey: ['clients'],
    queryFn: ({ signal }) => api.call(listClients, { signal }),
    refetchInterval: 30_000,
  })

export const setClientStatus = (api: ApiClient, clientId: string, decision: 'approve' | 'reject') =>
  api.call(decision === 'approve' ? approveClient : rejectClient, { params: { id: clientId } })
