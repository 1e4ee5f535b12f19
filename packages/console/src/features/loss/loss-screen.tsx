import { useQuery } from '@tanstack/react-query'
import { useApi } from '../../api/api-context.tsx'
import type { LossRow } from '../../api/api-types.ts'
import { DataTable } from '../../ui/data-table.tsx'
import type { Column } from '../../ui/data-table.tsx'
import { formatDateTime } from '../../ui/format.ts'
import { QueryState } from '../../ui/query-state.tsx'
import { lossQuery, totalsByReason } from './queries.ts'

const COLUMNS: Column<LossRow>[] = [
  { accessorKey: 'reason', header: 'Reason' },
  { accessorKey: 'origin', header: 'Origin' },
  { accessorKey: 'siteCode', header: 'Site' },
  { accessorKey: 'count', header: 'Messages' },
  { id: 'first', header: 'First', cell: ({ row }) => formatDateTime(row.original.firstAt) },
  { id: 'last', header: 'Last', cell: ({ row }) => formatDateTime(row.original.lastAt) },
]

/** What the site discarded, refused or let expire, by reason and origin. */
export function LossScreen() {
  const api = useApi()
  const loss = useQuery(lossQuery(api))
  return (
    <QueryState query={loss} what="the loss ledger">
      {(data) => (
        <>
          <ul className="totals" aria-label="Totals by reason">
            {totalsByReason(data.rows).map((t) => (
              <li key={t.reason}>
                <strong>{t.count}</strong> {t.reason}
              </li>
            ))}
          </ul>
          <DataTable
            caption="Messages lost, by reason and origin"
            columns={COLUMNS}
            data={data.rows}
            rowId={(r) => `${r.siteCode}/${r.origin}/${r.reason}`}
            empty="Nothing has been lost."
          />
        </>
      )}
    </QueryState>
  )
}
