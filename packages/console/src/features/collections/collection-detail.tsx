import { useQuery } from '@tanstack/react-query'
import type { CollectionView } from '@sitrep/api'
import { useApi } from '../../api/api-context.tsx'
import { canOperate } from '../../auth/roles.ts'
import { useSession } from '../../auth/session-context.tsx'
import { formatRoute } from '../../router/parse-route.ts'
import { FieldRow } from '../../ui/field-row.tsx'
import { formatDateTime } from '../../ui/format.ts'
import { QueryState } from '../../ui/query-state.tsx'
import { describeRule } from './describe-collection.ts'
import { collectionQuery, collectionsQuery, historyQuery, membersQuery } from './queries.ts'

/** One collection: how it is defined, who is in it, and who joined or left lately. */
export function CollectionDetail({ id }: { id: string }) {
  const api = useApi()
  const session = useSession()
  const collection = useQuery(collectionQuery(api, id))
  const members = useQuery(membersQuery(api, id))
  const history = useQuery(historyQuery(api, id))
  return (
    <>
      <p>
        <a href={formatRoute('/collections')}>← All collections</a>
      </p>
      <QueryState query={collection} what={`collection ${id}`}>
        {({ collection: c }) => (
          <section aria-labelledby="collection-title">
            <h2 id="collection-title">
              {c.name} <span className="small">({c.memberCount} members)</span>
            </h2>
            {canOperate(session.user.role) ? (
              <p className="toolbar">
                {c.builtin ? null : (
                  <a className="button" href={formatRoute('/collections', { id, edit: '1' })}>
                    Edit
                  </a>
                )}
                <a className="button" href={formatRoute('/deployments', { new: '1', collection: id })}>
                  Deploy to this collection
                </a>
              </p>
            ) : null}
            <Definition view={c} />
          </section>
        )}
      </QueryState>
      <h3>Members</h3>
      <QueryState query={members} what="the members">
        {(data) =>
          data.members.length === 0 ? (
            <p>No client is a member now.</p>
          ) : (
            <table>
              <caption>{data.members.length} members</caption>
              <thead>
                <tr>
                  <th scope="col">Machine</th>
                  <th scope="col">Member since</th>
                  <th scope="col">Client ID</th>
                </tr>
              </thead>
              <tbody>
                {data.members.map((m) => (
                  <tr key={m.clientId}>
                    <td>{m.machine}</td>
                    <td>{formatDateTime(m.since)}</td>
                    <td>
                      <code className="small">{m.clientId}</code>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )
        }
      </QueryState>
      <h3>Membership history</h3>
      <QueryState query={history} what="the membership history">
        {(data) =>
          data.changes.length === 0 ? (
            <p>No change of membership yet.</p>
          ) : (
            <ul className="history">
              {data.changes.map((h) => (
                <li key={`${h.clientId}-${h.at}-${h.change}`}>
                  {formatDateTime(h.at)}: {h.machine || h.clientId} {h.change === 'added' ? 'joined' : 'left'}
                </li>
              ))}
            </ul>
          )
        }
      </QueryState>
    </>
  )
}

function Definition({ view }: { view: CollectionView }) {
  const api = useApi()
  const all = useQuery(collectionsQuery(api))
  const name = (ref: string) => all.data?.collections.find((c) => c.id === ref)?.name ?? ref
  const d = view.definition
  return (
    <dl className="fields">
      <FieldRow name="ID">{view.id}</FieldRow>
      {view.builtin ? <FieldRow name="Built in">Yes: it cannot be changed</FieldRow> : null}
      <FieldRow name="Description">{d.description || '—'}</FieldRow>
      <FieldRow name="Direct members">
        {d.staticMembers.length === 0 ? 'none' : d.staticMembers.join(', ')}
      </FieldRow>
      <FieldRow name="Query rules">
        {d.rules.length === 0 ? (
          'none'
        ) : (
          <ul className="plain">
            {d.rules.map((r, i) => (
              <li key={i}>
                {r.name === '' ? `Rule ${i + 1}` : r.name}: {describeRule(r)}
              </li>
            ))}
          </ul>
        )}
      </FieldRow>
      <FieldRow name="Includes">{d.include.length === 0 ? 'none' : d.include.map(name).join(', ')}</FieldRow>
      <FieldRow name="Excludes">{d.exclude.length === 0 ? 'none' : d.exclude.map(name).join(', ')}</FieldRow>
      <FieldRow name="Maintenance windows">
        {d.maintenanceWindows.length === 0
          ? 'none'
          : d.maintenanceWindows
              .map(
                (w) =>
                  `${w.name}: ${w.recurrence.kind} at ${w.start} ${w.timeZone} for ${w.durationMinutes} min`,
              )
              .join('; ')}
      </FieldRow>
      <FieldRow name="Evaluated">{formatDateTime(view.evaluatedAt)}</FieldRow>
    </dl>
  )
}
