import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import type { DeploymentStatusView, DeploymentView } from '@sitrep/api'
import { useApi } from '../../api/api-context.tsx'
import { canOperate } from '../../auth/roles.ts'
import { useSession } from '../../auth/session-context.tsx'
import { formatRoute, param } from '../../router/parse-route.ts'
import type { Route } from '../../router/parse-route.ts'
import { DataTable } from '../../ui/data-table.tsx'
import type { Column } from '../../ui/data-table.tsx'
import { FieldRow } from '../../ui/field-row.tsx'
import { formatDateTime } from '../../ui/format.ts'
import { ErrorNote, QueryState } from '../../ui/query-state.tsx'
import { CLIENT_STATE_LABELS, STATE_TONE, isClientState } from './deployment-states.ts'
import type { ClientDeploymentState } from './deployment-states.ts'
import { cancelDeployment, deploymentQuery, deploymentStatusQuery } from './queries.ts'
import { StateBar, StateLegend } from './state-bar.tsx'

type ClientRow = DeploymentStatusView['clients'][number]

const NOTIFICATION_TEXT = { all: 'Show all', restarts_only: 'Only restarts', none: 'None' } as const

/** One deployment: its settings, its progress bar, and every expected reporter with its state and exit code. */
export function DeploymentDetail({ id, route }: { id: string; route: Route }) {
  const api = useApi()
  const deployment = useQuery(deploymentQuery(api, id))
  return (
    <>
      <p>
        <a href={formatRoute('/deployments')}>← All deployments</a>
      </p>
      <QueryState query={deployment} what={`deployment ${id}`}>
        {(data) => <Loaded deployment={data.deployment} route={route} />}
      </QueryState>
    </>
  )
}

function Loaded({ deployment: d, route }: { deployment: DeploymentView; route: Route }) {
  const api = useApi()
  const session = useSession()
  const queryClient = useQueryClient()
  const status = useQuery(deploymentStatusQuery(api, d.id))
  const cancel = useMutation({
    mutationFn: () => cancelDeployment(api, d.id),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['deployments'] }),
  })
  const wanted = param(route, 'state')
  const state = isClientState(wanted) ? wanted : undefined
  return (
    <section aria-labelledby="deployment-title">
      <h2 id="deployment-title">
        {d.id}: {d.applicationName} to {d.collectionName}
      </h2>
      <dl className="fields">
        <FieldRow name="Application">
          <a href={formatRoute('/applications', { id: d.applicationId, revision: String(d.revision) })}>
            {d.applicationName}
          </a>{' '}
          ({d.applicationId}, revision {d.revision})
        </FieldRow>
        <FieldRow name="Collection">
          <a href={formatRoute('/collections', { id: d.collectionId })}>{d.collectionName}</a> (
          {d.collectionId})
        </FieldRow>
        <FieldRow name="Purpose">
          {d.settings.intent === 'required' ? 'Required' : 'Available'} {d.settings.purpose}
        </FieldRow>
        <FieldRow name="Available from">{formatDateTime(d.settings.availableAt)}</FieldRow>
        <FieldRow name="Deadline">
          {d.settings.deadline === null
            ? d.settings.intent === 'required'
              ? 'As soon as possible'
              : 'None (the user asks for it)'
            : formatDateTime(d.settings.deadline)}
        </FieldRow>
        <FieldRow name="Restart">
          {d.settings.restartGraceMinutes} min grace, {d.settings.restartCountdownMinutes} min countdown;
          {d.settings.restartOutsideWindows ? ' may' : ' never'} restart outside maintenance windows
        </FieldRow>
        <FieldRow name="Notifications">{NOTIFICATION_TEXT[d.settings.notifications]}</FieldRow>
        <FieldRow name="Created">
          {formatDateTime(d.createdAt)} by {d.createdBy}
        </FieldRow>
        {d.cancelledAt === null ? null : (
          <FieldRow name="Cancelled">
            {formatDateTime(d.cancelledAt)} by {d.cancelledBy ?? '—'}
          </FieldRow>
        )}
      </dl>
      {canOperate(session.user.role) && d.cancelledAt === null ? (
        <p className="toolbar">
          <button
            type="button"
            onClick={() => {
              if (window.confirm(`Cancel deployment ${d.id}? Clients no longer get its policy.`))
                cancel.mutate()
            }}
            disabled={cancel.isPending}
          >
            Cancel deployment
          </button>
        </p>
      ) : null}
      {cancel.isError ? <ErrorNote error={cancel.error} what="the cancellation" /> : null}
      <h3>Status</h3>
      <QueryState query={status} what="the deployment status">
        {(s) => (
          <>
            <p>
              {s.expected} expected {s.expected === 1 ? 'client' : 'clients'} (the members of the collection);{' '}
              {s.counts.success} succeeded, {s.counts.error} failed.
            </p>
            <StateBar counts={s.counts} />
            <StateLegend deploymentId={d.id} counts={s.counts} selected={state} />
            <ClientTable deploymentId={d.id} status={s} state={state} />
          </>
        )}
      </QueryState>
    </section>
  )
}

function ClientTable({
  deploymentId,
  status,
  state,
}: {
  deploymentId: string
  status: DeploymentStatusView
  state: ClientDeploymentState | undefined
}) {
  const rows = state === undefined ? status.clients : status.clients.filter((c) => c.state === state)
  const columns: Column<ClientRow>[] = [
    { accessorKey: 'machine', header: 'Machine' },
    {
      id: 'state',
      header: 'State',
      cell: ({ row }) => (
        <span className="state-word">
          <span className={`swatch tone-${STATE_TONE[row.original.state]}`} aria-hidden="true" />{' '}
          {CLIENT_STATE_LABELS[row.original.state]}
        </span>
      ),
    },
    {
      id: 'exitCode',
      header: 'Exit code',
      cell: ({ row }) => (row.original.exitCode === undefined ? '—' : String(row.original.exitCode)),
    },
    {
      id: 'reported',
      header: 'Reported by',
      cell: ({ row }) =>
        row.original.messageId !== undefined
          ? `status message ${row.original.messageId}`
          : row.original.stateId !== undefined
            ? `state message ${row.original.stateId}`
            : '—',
    },
    { id: 'at', header: 'When', cell: ({ row }) => formatDateTime(row.original.at) },
    {
      id: 'messages',
      header: 'Messages',
      cell: ({ row }) => (
        <a
          href={formatRoute('/messages', {
            machine: row.original.machine,
            attributeId: '401',
            attributeValue: deploymentId,
          })}
        >
          Status messages<span className="visually-hidden"> of {row.original.machine}</span>
        </a>
      ),
    },
  ]
  return (
    <DataTable
      caption={
        state === undefined
          ? `All ${rows.length} expected clients`
          : `${rows.length} clients in state ${CLIENT_STATE_LABELS[state]}`
      }
      columns={columns}
      data={rows}
      rowId={(c) => c.clientId}
      empty={state === undefined ? 'The collection has no members yet.' : 'No client is in this state now.'}
    />
  )
}
