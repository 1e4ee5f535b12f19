import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { useApi } from '../../api/api-context.tsx'
import type { ClientView } from '../../api/api-types.ts'
import { canOperate } from '../../auth/roles.ts'
import { useSession } from '../../auth/session-context.tsx'
import { DataTable } from '../../ui/data-table.tsx'
import type { Column } from '../../ui/data-table.tsx'
import { formatAge, formatDateTime } from '../../ui/format.ts'
import { ErrorNote, QueryState } from '../../ui/query-state.tsx'
import { clientsQuery, setClientStatus } from './queries.ts'

const STATUS_TEXT = { approved: 'Approved', pending: 'Waiting for approval', rejected: 'Rejected' } as const

/** Registered clients, their approval and when they were last seen. */
export function ClientsScreen() {
  const api = useApi()
  const session = useSession()
  const queryClient = useQueryClient()
  const clients = useQuery(clientsQuery(api))
  const decide = useMutation({
    mutationFn: (input: { client: ClientView; decision: 'approve' | 'reject' }) =>
      setClientStatus(api, input.client.clientId, input.decision),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['clients'] }),
  })
  const now = Date.now()
  const columns: Column<ClientView>[] = [
    { accessorKey: 'machine', header: 'Machine' },
    { id: 'fqdn', header: 'FQDN', cell: ({ row }) => row.original.fqdn ?? '—' },
    {
      id: 'status',
      header: 'Approval',
      cell: ({ row }) => (
        <span className={`badge client-${row.original.status}`}>{STATUS_TEXT[row.original.status]}</span>
      ),
    },
    { id: 'registered', header: 'Registered', cell: ({ row }) => formatDateTime(row.original.registeredAt) },
    {
      id: 'seen',
      header: 'Last seen',
      cell: ({ row }) => (
        <span title={formatDateTime(row.original.lastSeenAt)}>{formatAge(row.original.lastSeenAt, now)}</span>
      ),
    },
    {
      id: 'id',
      header: 'Client ID',
      cell: ({ row }) => <code className="small">{row.original.clientId}</code>,
    },
  ]
  if (canOperate(session.user.role))
    columns.push({
      id: 'actions',
      header: 'Actions',
      cell: ({ row }) => (
        <span className="row-buttons">
          {row.original.status === 'approved' ? null : (
            <button
              type="button"
              onClick={() => decide.mutate({ client: row.original, decision: 'approve' })}
              disabled={decide.isPending}
            >
              Approve<span className="visually-hidden"> {row.original.machine}</span>
            </button>
          )}
          {row.original.status === 'rejected' ? null : (
            <button
              type="button"
              onClick={() => decide.mutate({ client: row.original, decision: 'reject' })}
              disabled={decide.isPending}
            >
              Reject<span className="visually-hidden"> {row.original.machine}</span>
            </button>
          )}
        </span>
      ),
    })
  return (
    <>
      {decide.isError ? <ErrorNote error={decide.error} what="the approval" /> : null}
      <QueryState query={clients} what="the clients">
        {(data) => (
          <DataTable
            caption={`${data.clients.length} registered clients, ${data.clients.filter((c) => c.status === 'pending').length} waiting for approval`}
            columns={columns}
            data={data.clients}
            rowId={(c) => c.clientId}
            empty="No client has registered yet."
          />
        )}
      </QueryState>
    </>
  )
}
