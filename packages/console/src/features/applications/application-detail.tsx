import { useQuery } from '@tanstack/react-query'
import type { ApplicationView } from '@sitrep/api'
import type { DeploymentType } from '@sitrep/protocol'
import { useApi } from '../../api/api-context.tsx'
import { canOperate } from '../../auth/roles.ts'
import { useSession } from '../../auth/session-context.tsx'
import { formatRoute } from '../../router/parse-route.ts'
import { DataTable } from '../../ui/data-table.tsx'
import type { Column } from '../../ui/data-table.tsx'
import { FieldRow } from '../../ui/field-row.tsx'
import { formatBytes, formatDateTime } from '../../ui/format.ts'
import { QueryState } from '../../ui/query-state.tsx'
import {
  describeArgv,
  describeDetection,
  describePlatform,
  describeRequirement,
  describeSuccess,
} from './describe-application.ts'
import { applicationQuery } from './queries.ts'

type ContentRow = DeploymentType['content'][number]

const contentColumns: Column<ContentRow>[] = [
  { id: 'path', header: 'Path', cell: ({ row }) => <code>{row.original.path}</code> },
  { id: 'size', header: 'Size', cell: ({ row }) => formatBytes(row.original.size) },
  {
    id: 'sha256',
    header: 'SHA-256',
    cell: ({ row }) => <code className="small hash">{row.original.sha256}</code>,
  },
  { id: 'exec', header: 'Executable', cell: ({ row }) => (row.original.executable ? 'Yes' : 'No') },
]

/** One revision of an application: its fields, revisions, and each deployment type in full. */
export function ApplicationDetail({ id, revision }: { id: string; revision: number | undefined }) {
  const api = useApi()
  const session = useSession()
  const application = useQuery(applicationQuery(api, id, revision))
  return (
    <>
      <p>
        <a href={formatRoute('/applications')}>← All applications</a>
      </p>
      <QueryState query={application} what={`application ${id}`}>
        {(data) => (
          <section aria-labelledby="application-title">
            <h2 id="application-title">
              {data.application.name} {data.application.application.version}{' '}
              <span className="small">
                (revision {data.application.revision} of {data.application.latestRevision})
              </span>
            </h2>
            {canOperate(session.user.role) && data.application.removedAt === null ? (
              <p className="toolbar">
                <a className="button" href={formatRoute('/applications', { id, edit: '1' })}>
                  Edit (makes revision {data.application.latestRevision + 1})
                </a>
                <a className="button" href={formatRoute('/deployments', { new: '1', application: id })}>
                  Deploy
                </a>
              </p>
            ) : null}
            <Summary view={data.application} />
            <h3>Revisions</h3>
            <ol className="revisions">
              {data.revisions.map((r) => (
                <li key={r.revision}>
                  <a
                    href={formatRoute('/applications', { id, revision: String(r.revision) })}
                    aria-current={r.revision === data.application.revision ? 'true' : undefined}
                  >
                    Revision {r.revision}
                  </a>{' '}
                  <span className="small">
                    {formatDateTime(r.createdAt)} by {r.createdBy}
                  </span>
                </li>
              ))}
            </ol>
            <h3>Deployment types</h3>
            {data.application.application.deploymentTypes.map((type) => (
              <TypePanel key={type.id} type={type} />
            ))}
          </section>
        )}
      </QueryState>
    </>
  )
}

function Summary({ view }: { view: ApplicationView }) {
  const a = view.application
  return (
    <dl className="fields">
      <FieldRow name="ID">{view.id}</FieldRow>
      <FieldRow name="Publisher">{a.publisher || '—'}</FieldRow>
      <FieldRow name="Description">{a.description || '—'}</FieldRow>
      <FieldRow name="Revised">
        {formatDateTime(view.revisedAt)} by {view.revisedBy}
      </FieldRow>
      {view.removedAt === null ? null : <FieldRow name="Removed">{formatDateTime(view.removedAt)}</FieldRow>}
    </dl>
  )
}

function TypePanel({ type }: { type: DeploymentType }) {
  return (
    <section className="sub-panel" aria-labelledby={`type-${type.id}`}>
      <h4 id={`type-${type.id}`}>
        {type.name} <span className="small">({type.id})</span>
      </h4>
      <dl className="fields">
        <FieldRow name="Platform">{describePlatform(type)}</FieldRow>
        <FieldRow name="Install">
          <code>{describeArgv(type.install)}</code>
        </FieldRow>
        <FieldRow name="Uninstall">
          {type.uninstall === undefined ? '—' : <code>{describeArgv(type.uninstall)}</code>}
        </FieldRow>
        <FieldRow name="Working directory">{type.workingDirectory ?? 'the content folder'}</FieldRow>
        <FieldRow name="Detection">{describeDetection(type.detection)}</FieldRow>
        <FieldRow name="Requirements">
          {type.requirements.length === 0 ? 'none' : type.requirements.map(describeRequirement).join('; ')}
        </FieldRow>
        <FieldRow name="Run time">
          about {type.estimatedRunMinutes} min, stopped after {type.maxRunMinutes} min
        </FieldRow>
        <FieldRow name="User experience">
          runs as {type.runAs === 'system' ? 'the system' : 'the logged-on user'};{' '}
          {type.userVisible ? 'the user sees it' : 'hidden from the user'}
        </FieldRow>
        <FieldRow name="Success">{describeSuccess(type)}</FieldRow>
      </dl>
      <DataTable
        caption={`Content of ${type.name}: ${type.content.length} files, ${formatBytes(type.content.reduce((sum, c) => sum + c.size, 0))}`}
        columns={contentColumns}
        data={type.content}
        rowId={(c) => c.path}
        empty="No content: the command line uses what the machine has."
      />
    </section>
  )
}
