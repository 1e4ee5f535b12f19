/** Filter rules: the ordered list, saving it whole, and the dry run of a proposed list. */
import { dryRunRules as dryRunRoute, listRules, replaceRules } from '@sitrep/api'
import { queryOptions } from '@tanstack/react-query'
import type { ApiClient } from '../../api/api-client.ts'
import type { FilterRule } from '../../api/api-types.ts'

export const rulesQuery = (api: ApiClient) =>
  queryOptions({
    queryKey: ['rules'],
    queryFn: async ({ signal }) => (await api.call(listRules, { signal })).rules,
    staleTime: 60_000,
  })

export const saveRules = (api: ApiClient, rules: readonly FilterRule[]) =>
  api.call(replaceRules, { body: { rules: [...rules] } })

export const dryRunRules = (api: ApiClient, rules: readonly FilterRule[]) =>
  api.call(dryRunRoute, { body: { rules: [...rules] } })
