import { useQuery } from '@tanstack/react-query'
import { useApi } from '../../api/api-context.tsx'
import type { StorageObject } from '../../api/api-types.ts'
import { DataTable } from '../../ui/data-table.tsx'
import type { Column } from '../../ui/data-table.tsx'
import { formatBytes, formatDateTime } from '../../ui/format.ts'
import { QueryState } from '../../ui/query-state.tsx'
import { StatusBadge } from '../../ui/status-badge.tsx'
import { siteSystemsQuery } from './queries.ts'

const COLUMNS: Column<StorageObject>[] = [
  { id: 'status', header: 'Status', cell: ({ row }) => <StatusBadge status={row.original.status} /> },
  { accessorKey: 'siteCode', header: 'Site' },
  { accessorKey: 'siteSystem', header: 'Site system' },
  { accessorKey: 'object', header: 'Storage object' },
  { accessorKey: 'kind', header: 'Kind' },
  {
    id: 'free',
    header: 'Free',
    cell: ({ row }) => {
      const o = row.original
      if (!o.accessible) return 'Not accessible'
      return (
        <span>
          {formatBytes(o.bytesFree)} of {formatBytes(o.bytesTotal)}
          {o.percentFree === null ? '' : ` (${o.percentFree}%)`}
          {o.percentFree === null ? null : (
            <meter min={0} max={100} value={o.percentFree} aria-hidden="true" />
          )}
        </span>
      )
    },
  },
  {
    id: 'thresholds',
    header: 'Warning / critical below',
    cell: ({ row }) =>
      `${formatBytes(row.original.thresholds.warningBytes)} / ${formatBytes(row.original.thresholds.criticalBytes)}`,
  },
  { id: 'checked', header: 'Checked', cell: ({ row }) => formatDateTime(row.original.checkedAt) },
]

/** Storage objects of the site systems with free space against their thresholds. */
export function SiteSystemsScreen() {
  const api = useApi()
  const objects = useQuery(siteSystemsQuery(api))
  return (
    <QueryState query={objects} what="site system status">
      {(data) => (
        <DataTable
          caption="Storage objects"
          columns={COLUMNS}
          data={data.objects}
          rowId={(o) => `${o.siteCode}/${o.siteSystem}/${o.object}`}
          empty="No storage object has been checked yet."
        />
      )}
    </QueryState>
  )
}
