/**
 * Collections: the list with member counts, one collection with its rules, members and
 * membership history, and the form that creates or changes one (`?id=`, `?edit=1`, `?new=1`).
 */
import { useQuery } from '@tanstack/react-query'
import type { CollectionView } from '@sitrep/api'
import { useApi } from '../../api/api-context.tsx'
import { canOperate } from '../../auth/roles.ts'
import { useSession } from '../../auth/session-context.tsx'
import { formatRoute, param } from '../../router/parse-route.ts'
import type { Route } from '../../router/parse-route.ts'
import { DataTable } from '../../ui/data-table.tsx'
import type { Column } from '../../ui/data-table.tsx'
import { formatDateTime } from '../../ui/format.ts'
import { QueryState } from '../../ui/query-state.tsx'
import { CollectionDetail } from './collection-detail.tsx'
import { CollectionEditor } from './collection-editor.tsx'
import { collectionsQuery } from './queries.ts'

export function CollectionsScreen({ route }: { route: Route }) {
  const id = param(route, 'id')
  if (param(route, 'new') !== undefined) return <CollectionEditor />
  if (id !== undefined && param(route, 'edit') !== undefined) return <CollectionEditor id={id} />
  if (id !== undefined) return <CollectionDetail id={id} />
  return <CollectionList />
}

const columns: Column<CollectionView>[] = [
  {
    id: 'name',
    header: 'Name',
    cell: ({ row }) => <a href={formatRoute('/collections', { id: row.original.id })}>{row.original.name}</a>,
  },
  { id: 'members', header: 'Members', cell: ({ row }) => String(row.original.memberCount) },
  {
    id: 'definition',
    header: 'Defined by',
    cell: ({ row }) => {
      const d = row.original.definition
      const parts = [
        d.staticMembers.length > 0 ? `${d.staticMembers.length} direct` : '',
        d.rules.length > 0 ? `${d.rules.length} query rules` : '',
        d.include.length > 0 ? `includes ${d.include.length}` : '',
        d.exclude.length > 0 ? `excludes ${d.exclude.length}` : '',
      ].filter((p) => p !== '')
      return row.original.builtin ? 'Built in' : parts.join(', ') || 'nothing yet'
    },
  },
  { id: 'evaluated', header: 'Evaluated', cell: ({ row }) => formatDateTime(row.original.evaluatedAt) },
  { id: 'id', header: 'ID', cell: ({ row }) => <code className="small">{row.original.id}</code> },
]

function CollectionList() {
  const api = useApi()
  const session = useSession()
  const collections = useQuery(collectionsQuery(api))
  return (
    <>
      {canOperate(session.user.role) ? (
        <p className="toolbar">
          <a className="button primary" href={formatRoute('/collections', { new: '1' })}>
            New collection
          </a>
        </p>
      ) : null}
      <QueryState query={collections} what="the collections">
        {(data) => (
          <DataTable
            caption={`${data.collections.length} collections, built-in ones first`}
            columns={columns}
            data={data.collections}
            rowId={(c) => c.id}
            empty="No collection yet."
          />
        )}
      </QueryState>
    </>
  )
}
