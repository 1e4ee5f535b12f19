import type { LossRow } from '../../api/api-types.ts'
import { DataTable } from '../../ui/data-table.tsx'
import type { Column } from '../../ui/data-table.tsx'
import { formatDateTime } from '../../ui/format.ts'
import type { SinkLoss } from './sink-losses.ts'
import { sinkLosses } from './sink-losses.ts'

const COLUMNS: Column<SinkLoss>[] = [
  { accessorKey: 'sink', header: 'Sink' },
  { accessorKey: 'reason', header: 'Reason' },
  { accessorKey: 'count', header: 'Not delivered' },
  { id: 'last', header: 'Last', cell: ({ row }) => formatDateTime(row.original.lastAt) },
]

/** The loss ledger's sink rows: what the OS log, export targets and programs did not take. */
export function SinkLossTable({ rows }: { rows: readonly LossRow[] }) {
  return (
    <DataTable
      caption="Messages not delivered, by sink and reason"
      columns={COLUMNS}
      data={sinkLosses(rows)}
      rowId={(r) => `${r.sink}/${r.reason}`}
      empty="Every sink delivered everything."
    />
  )
}
