import type { MessageView } from '../../api/api-types.ts'
import { DataTable } from '../../ui/data-table.tsx'
import type { Column } from '../../ui/data-table.tsx'
import { formatDateTime } from '../../ui/format.ts'
import { SeverityBadge, UnsignedBadge } from '../../ui/status-badge.tsx'
import { firstLine } from './format-message.ts'

function columns(locale: string, onOpen: (m: MessageView) => void): Column<MessageView>[] {
  return [
    {
      id: 'severity',
      header: 'Severity',
      cell: ({ row }) => (
        <>
          <SeverityBadge severity={row.original.severity} />
          {row.original.trusted ? null : <UnsignedBadge />}
        </>
      ),
    },
    { id: 'created', header: 'Created', cell: ({ row }) => formatDateTime(row.original.createdAt, locale) },
    {
      id: 'description',
      header: 'Description',
      cell: ({ row }) => (
        <button
          type="button"
          className="link-button"
          onClick={() => onOpen(row.original)}
          aria-label={`Details of message ${row.original.messageId}: ${firstLine(row.original.text, 80)}`}
        >
          {firstLine(row.original.text)}
        </button>
      ),
    },
    { accessorKey: 'siteCode', header: 'Site' },
    { accessorKey: 'machine', header: 'Machine' },
    { accessorKey: 'component', header: 'Component' },
    { accessorKey: 'messageId', header: 'ID' },
  ]
}

/** Messages, newest first; each description opens the detail pane. */
export function MessageTable({
  messages,
  locale,
  selected,
  onOpen,
}: {
  messages: readonly MessageView[]
  locale: string
  selected: number | null
  onOpen: (m: MessageView) => void
}) {
  return (
    <DataTable
      caption="Status messages, newest first"
      columns={columns(locale, onOpen)}
      data={messages}
      rowId={(m) => String(m.recordId)}
      empty="No message matches the filter."
      selectedId={selected === null ? null : String(selected)}
    />
  )
}
