import type { ReactNode } from 'react'
import type { ComponentSummary } from '../../api/api-types.ts'
import { formatRoute } from '../../router/parse-route.ts'
import { DataTable } from '../../ui/data-table.tsx'
import type { Column } from '../../ui/data-table.tsx'
import { formatDateTime } from '../../ui/format.ts'
import { StatusBadge } from '../../ui/status-badge.tsx'
import { formatThresholds } from './filter-components.ts'

/** A link to the messages behind a count, in the message viewer. */
function CountLink({
  row,
  severity,
  count,
  since,
}: {
  row: ComponentSummary
  severity: string
  count: number
  since: string | undefined
}) {
  const href = formatRoute('/messages', {
    siteCode: row.siteCode,
    machine: row.machine,
    component: row.component,
    severity,
    since,
  })
  return (
    <a href={href} aria-label={`${count} ${severity} messages of ${row.component} on ${row.machine}`}>
      {count}
    </a>
  )
}

function columns(
  since: string | undefined,
  actions?: (row: ComponentSummary) => ReactNode,
): Column<ComponentSummary>[] {
  const base: Column<ComponentSummary>[] = [
    { id: 'status', header: 'Status', cell: ({ row }) => <StatusBadge status={row.original.status} /> },
    { accessorKey: 'siteCode', header: 'Site' },
    { accessorKey: 'machine', header: 'Machine' },
    { accessorKey: 'component', header: 'Component' },
    {
      id: 'errors',
      header: 'Errors',
      cell: ({ row }) => (
        <CountLink row={row.original} severity="error" count={row.original.errors} since={since} />
      ),
    },
    {
      id: 'warnings',
      header: 'Warnings',
      cell: ({ row }) => (
        <CountLink row={row.original} severity="warning" count={row.original.warnings} since={since} />
      ),
    },
    {
      id: 'infos',
      header: 'Information',
      cell: ({ row }) => (
        <CountLink row={row.original} severity="informational" count={row.original.infos} since={since} />
      ),
    },
    {
      id: 'thresholds',
      header: 'Thresholds',
      cell: ({ row }) => <span className="small">{formatThresholds(row.original.thresholds)}</span>,
    },
    { id: 'last', header: 'Last message', cell: ({ row }) => formatDateTime(row.original.lastMessageAt) },
  ]
  return actions === undefined
    ? base
    : [...base, { id: 'actions', header: 'Actions', cell: ({ row }) => actions(row.original) }]
}

/** Components with their counts (each a drill-down link), thresholds and status. */
export function ComponentTable({
  caption,
  rows,
  interval,
  since,
  empty,
  actions,
}: {
  caption: string
  rows: readonly ComponentSummary[]
  interval: string
  since?: string
  empty: string
  actions?: (row: ComponentSummary) => ReactNode
}) {
  return (
    <DataTable
      key={interval}
      caption={caption}
      columns={columns(since, actions)}
      data={rows}
      rowId={(r) => `${r.siteCode}/${r.machine}/${r.component}`}
      empty={empty}
    />
  )
}
