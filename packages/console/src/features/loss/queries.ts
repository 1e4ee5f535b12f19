/** The loss ledger: what was discarded, refused or expired, by reason and origin. */
import { getLossLedger } from '@sitrep/api'
import { queryOptions } from '@tanstack/react-query'
import type { ApiClient } from '../../api/api-client.ts'
import type { LossRow } from '../../api/api-types.ts'

export const lossQuery = (api: ApiClient) =>
  queryOptions({
    queryKey: ['loss'],
    queryFn: ({ signal }) => api.call(getLossLedger, { signal }),
    refetchInterval: 60_000,
  })

/** Totals per reason, largest first. */
export function totalsByReason(rows: readonly LossRow[]): { reason: string; count: number }[] {
  const totals = new Map<string, number>()
  for (const row of rows) totals.set(row.reason, (totals.get(row.reason) ?? 0) + row.count)
  return [...totals]
    .map(([reason, count]) => ({ reason, count }))
    .sort((a, b) => b.count - a.count || a.reason.localeCompare(b.reason))
}
