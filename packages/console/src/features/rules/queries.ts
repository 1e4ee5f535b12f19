/** Filter rules: the ordered list, saving it whole, and the dry run of a proposed list. */
import { queryOptions } from '@tanstack/react-query'
import type { ApiClient } from '../../api/api-client.ts'
import type { DryRunReport, FilterRule } from '../../api/api-types.ts'

export const rulesQuery = (api: ApiClient) =>
  queryOptions({
    queryKey: ['rules'],
    queryFn: async ({ signal }) => {
      const reply = await api.get<{ rules: FilterRule[] } | FilterRule[]>('/api/v1/rules', {}, signal)
      return Array.isArray(reply) ? reply : reply.rules
    },
    staleTime: 60_000,
  })

export const saveRules = (api: ApiClient, rules: readonly FilterRule[]) =>
  api.send<{ rules: FilterRule[] }>('PUT', '/api/v1/rules', { rules })

export const dryRunRules = (api: ApiClient, rules: readonly FilterRule[]) =>
  api.send<DryRunReport>('POST', '/api/v1/rules/dry-run', { rules })
