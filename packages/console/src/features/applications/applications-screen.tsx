/**
 * Applications: the list, one application's revision with its deployment types and content,
 * and the form that adds one or makes a new revision. Which shows is in the route
 * (`?id=`, `?revision=`, `?edit=1`, `?new=1`).
 */
import { useQuery } from '@tanstack/react-query'
import type { ApplicationView } from '@sitrep/api'
import { useApi } from '../../api/api-context.tsx'
import { canOperate } from '../../auth/roles.ts'
import { useSession } from '../../auth/session-context.tsx'
import { formatRoute, param } from '../../router/parse-route.ts'
import type { Route } from '../../router/parse-route.ts'
import { DataTable } from '../../ui/data-table.tsx'
import type { Column } from '../../ui/data-table.tsx'
import { formatDateTime } from '../../ui/format.ts'
import { QueryState } from '../../ui/query-state.tsx'
import { ApplicationDetail } from './application-detail.tsx'
import { ApplicationEditor } from './application-editor.tsx'
import { describePlatform } from './describe-application.ts'
import { applicationsQuery } from './queries.ts'

export function ApplicationsScreen({ route }: { route: Route }) {
  const id = param(route, 'id')
  if (param(route, 'new') !== undefined) return <ApplicationEditor />
  if (id !== undefined && param(route, 'edit') !== undefined) return <ApplicationEditor id={id} />
  if (id !== undefined) {
    const revision = Number(param(route, 'revision'))
    return (
      <ApplicationDetail
        id={id}
        revision={Number.isInteger(revision) && revision > 0 ? revision : undefined}
      />
    )
  }
  return <ApplicationList />
}

const columns: Column<ApplicationView>[] = [
  {
    id: 'name',
    header: 'Name',
    cell: ({ row }) => (
      <a href={formatRoute('/applications', { id: row.original.id })}>{row.original.name}</a>
    ),
  },
  { id: 'publisher', header: 'Publisher', cell: ({ row }) => row.original.application.publisher || '—' },
  { id: 'version', header: 'Version', cell: ({ row }) => row.original.application.version || '—' },
  { id: 'revision', header: 'Revision', cell: ({ row }) => String(row.original.revision) },
  {
    id: 'types',
    header: 'Deployment types',
    cell: ({ row }) => row.original.application.deploymentTypes.map(describePlatform).join(', '),
  },
  {
    id: 'revised',
    header: 'Revised',
    cell: ({ row }) => `${formatDateTime(row.original.revisedAt)} by ${row.original.revisedBy}`,
  },
  { id: 'id', header: 'ID', cell: ({ row }) => <code className="small">{row.original.id}</code> },
]

function ApplicationList() {
  const api = useApi()
  const session = useSession()
  const applications = useQuery(applicationsQuery(api))
  return (
    <>
      {canOperate(session.user.role) ? (
        <p className="toolbar">
          <a className="button primary" href={formatRoute('/applications', { new: '1' })}>
            New application
          </a>
        </p>
      ) : null}
      <QueryState query={applications} what="the applications">
        {(data) => (
          <DataTable
            caption={`${data.applications.length} applications`}
            columns={columns}
            data={data.applications}
            rowId={(a) => a.id}
            empty="No application yet: add one with its install command line and content."
          />
        )}
      </QueryState>
    </>
  )
}
