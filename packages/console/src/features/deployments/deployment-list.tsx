import { useQuery } from '@tanstack/react-query'
import type { DeploymentView } from '@sitrep/api'
import { useApi } from '../../api/api-context.tsx'
import { canOperate } from '../../auth/roles.ts'
import { useSession } from '../../auth/session-context.tsx'
import { formatRoute } from '../../router/parse-route.ts'
import { DataTable } from '../../ui/data-table.tsx'
import type { Column } from '../../ui/data-table.tsx'
import { formatDateTime } from '../../ui/format.ts'
import { QueryState } from '../../ui/query-state.tsx'
import { deploymentListQuery, deploymentStatusQuery } from './queries.ts'
import { StateBar } from './state-bar.tsx'

const columns: Column<DeploymentView>[] = [
  {
    id: 'id',
    header: 'Deployment',
    cell: ({ row }) => <a href={formatRoute('/deployments', { id: row.original.id })}>{row.original.id}</a>,
  },
  {
    id: 'application',
    header: 'Application',
    cell: ({ row }) => `${row.original.applicationName} (revision ${row.original.revision})`,
  },
  { id: 'collection', header: 'Collection', cell: ({ row }) => row.original.collectionName },
  {
    id: 'purpose',
    header: 'Purpose',
    cell: ({ row }) =>
      `${row.original.settings.intent === 'required' ? 'Required' : 'Available'} ${row.original.settings.purpose}`,
  },
  { id: 'progress', header: 'Progress', cell: ({ row }) => <Progress deployment={row.original} /> },
  {
    id: 'deadline',
    header: 'Deadline',
    cell: ({ row }) =>
      row.original.settings.deadline === null ? '—' : formatDateTime(row.original.settings.deadline),
  },
  {
    id: 'state',
    header: 'Active',
    cell: ({ row }) =>
      row.original.cancelledAt === null ? 'Active' : `Cancelled ${formatDateTime(row.original.cancelledAt)}`,
  },
]

/** The site's deployments, newest first, each with a compact bar of its clients' states. */
export function DeploymentList() {
  const api = useApi()
  const session = useSession()
  const deployments = useQuery(deploymentListQuery(api))
  return (
    <>
      {canOperate(session.user.role) ? (
        <p className="toolbar">
          <a className="button primary" href={formatRoute('/deployments', { new: '1' })}>
            New deployment
          </a>
        </p>
      ) : null}
      <QueryState query={deployments} what="the deployments">
        {(data) => (
          <DataTable
            caption={`${data.deployments.length} deployments`}
            columns={columns}
            data={data.deployments}
            rowId={(d) => d.id}
            empty="No deployment yet: deploy an application revision to a collection."
          />
        )}
      </QueryState>
    </>
  )
}

function Progress({ deployment }: { deployment: DeploymentView }) {
  const api = useApi()
  const status = useQuery(deploymentStatusQuery(api, deployment.id))
  if (status.data === undefined) return <span className="hint">{status.isError ? 'unavailable' : '…'}</span>
  const { counts, expected } = status.data
  return (
    <span className="progress-cell">
      <StateBar counts={counts} compact />
      <span className="small">
        {counts.success} of {expected} succeeded
        {counts.error > 0 ? `, ${counts.error} failed` : ''}
      </span>
    </span>
  )
}
