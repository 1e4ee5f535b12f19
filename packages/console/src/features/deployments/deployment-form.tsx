import { DEPLOYMENT_INTENTS, DEPLOYMENT_PURPOSES, NOTIFICATION_LEVELS } from '@sitrep/protocol'
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { useState } from 'react'
import type { FormEvent, ReactNode } from 'react'
import { useApi } from '../../api/api-context.tsx'
import { canOperate } from '../../auth/roles.ts'
import { useSession } from '../../auth/session-context.tsx'
import { formatRoute, param } from '../../router/parse-route.ts'
import type { Route } from '../../router/parse-route.ts'
import { navigate } from '../../router/use-route.ts'
import { FieldIssue, RefusalNote, invalidProps } from '../../ui/field-issue.tsx'
import { issuesOf } from '../../ui/field-issues.ts'
import { applicationQuery, applicationsQuery } from '../applications/queries.ts'
import { collectionsQuery } from '../collections/queries.ts'
import { EMPTY_DEPLOYMENT, deploymentBody } from './deployment-draft.ts'
import type { DeploymentDraft } from './deployment-draft.ts'
import { createDeployment } from './queries.ts'

const FORM = 'deploy'
const FIELDS = [
  'applicationId',
  'revision',
  'collectionId',
  'settings.purpose',
  'settings.intent',
  'settings.availableAt',
  'settings.deadline',
  'settings.notifications',
  'settings.restartGraceMinutes',
] as const

const INTENT_TEXT = {
  required: 'Required: installed by the deadline without asking',
  available: 'Available: the user asks for it',
} as const
const PURPOSE_TEXT = { install: 'Install', uninstall: 'Uninstall' } as const
const NOTIFICATION_TEXT = {
  all: 'Show all notifications',
  restarts_only: 'Only restarts',
  none: 'None',
} as const

/** Deploys an application revision to a collection; the site's refusals show by their fields. */
export function DeploymentForm({ route }: { route: Route }) {
  const api = useApi()
  const session = useSession()
  const queryClient = useQueryClient()
  const [draft, setDraft] = useState<DeploymentDraft>({
    ...EMPTY_DEPLOYMENT,
    applicationId: param(route, 'application') ?? '',
    collectionId: param(route, 'collection') ?? '',
  })
  const applications = useQuery(applicationsQuery(api))
  const collections = useQuery(collectionsQuery(api))
  const chosen = useQuery({
    ...applicationQuery(api, draft.applicationId),
    enabled: draft.applicationId !== '',
  })
  const create = useMutation({
    mutationFn: () => createDeployment(api, deploymentBody(draft)),
    onSuccess: async (reply) => {
      await queryClient.invalidateQueries({ queryKey: ['deployments'] })
      navigate(formatRoute('/deployments', { id: reply.deployment.id }))
    },
  })
  const issues = issuesOf(create.error)
  const set = <K extends keyof DeploymentDraft>(key: K, value: DeploymentDraft[K]) =>
    setDraft((d) => ({ ...d, [key]: value }))
  const submit = (event: FormEvent) => {
    event.preventDefault()
    create.mutate()
  }
  if (!canOperate(session.user.role))
    return <p className="note">Creating a deployment needs an operations or full administrator.</p>
  const field = (name: (typeof FIELDS)[number], label: string, input: ReactNode) => (
    <div className="form-field">
      <label htmlFor={`${FORM}-${name}`}>{label}</label>
      {input}
      <FieldIssue form={FORM} field={name} issues={issues} />
    </div>
  )
  return (
    <form className="edit-form" onSubmit={submit} aria-labelledby="deploy-title" noValidate>
      <h2 id="deploy-title">New deployment</h2>
      <p>
        <a href={formatRoute('/deployments')}>← All deployments</a>
      </p>
      {create.isError ? <RefusalNote error={create.error} what="the deployment" fields={FIELDS} /> : null}
      <fieldset>
        <legend>What and where</legend>
        {field(
          'applicationId',
          'Application',
          <select
            id={`${FORM}-applicationId`}
            value={draft.applicationId}
            onChange={(e) => setDraft((d) => ({ ...d, applicationId: e.target.value, revision: '' }))}
            required
            {...invalidProps(FORM, 'applicationId', issues)}
          >
            <option value="">Choose an application…</option>
            {(applications.data?.applications ?? []).map((a) => (
              <option key={a.id} value={a.id}>
                {a.name} {a.application.version} ({a.id})
              </option>
            ))}
          </select>,
        )}
        {field(
          'revision',
          'Revision',
          <select
            id={`${FORM}-revision`}
            value={draft.revision}
            onChange={(e) => set('revision', e.target.value)}
            {...invalidProps(FORM, 'revision', issues)}
          >
            <option value="">Newest</option>
            {(chosen.data?.revisions ?? []).map((r) => (
              <option key={r.revision} value={String(r.revision)}>
                Revision {r.revision} by {r.createdBy}
              </option>
            ))}
          </select>,
        )}
        {field(
          'collectionId',
          'Collection',
          <select
            id={`${FORM}-collectionId`}
            value={draft.collectionId}
            onChange={(e) => set('collectionId', e.target.value)}
            required
            {...invalidProps(FORM, 'collectionId', issues)}
          >
            <option value="">Choose a collection…</option>
            {(collections.data?.collections ?? []).map((c) => (
              <option key={c.id} value={c.id}>
                {c.name} ({c.memberCount} members)
              </option>
            ))}
          </select>,
        )}
      </fieldset>
      <fieldset>
        <legend>Purpose</legend>
        <div className="choices" role="radiogroup" aria-label="Action">
          {DEPLOYMENT_PURPOSES.map((p) => (
            <label key={p} className="check">
              <input
                type="radio"
                name="purpose"
                value={p}
                checked={draft.purpose === p}
                onChange={() => set('purpose', p)}
              />
              {PURPOSE_TEXT[p]}
            </label>
          ))}
        </div>
        <div className="choices" role="radiogroup" aria-label="Intent">
          {DEPLOYMENT_INTENTS.map((i) => (
            <label key={i} className="check">
              <input
                type="radio"
                name="intent"
                value={i}
                checked={draft.intent === i}
                onChange={() => set('intent', i)}
              />
              {INTENT_TEXT[i]}
            </label>
          ))}
        </div>
        <FieldIssue form={FORM} field="settings.intent" issues={issues} />
      </fieldset>
      <fieldset>
        <legend>Schedule</legend>
        {field(
          'settings.availableAt',
          'Available from (empty: now)',
          <input
            id={`${FORM}-settings.availableAt`}
            type="datetime-local"
            value={draft.availableAt}
            onChange={(e) => set('availableAt', e.target.value)}
            {...invalidProps(FORM, 'settings.availableAt', issues)}
          />,
        )}
        {draft.intent === 'required'
          ? field(
              'settings.deadline',
              'Deadline (empty: as soon as possible)',
              <input
                id={`${FORM}-settings.deadline`}
                type="datetime-local"
                value={draft.deadline}
                onChange={(e) => set('deadline', e.target.value)}
                {...invalidProps(FORM, 'settings.deadline', issues)}
              />,
            )
          : null}
        {field(
          'settings.restartGraceMinutes',
          'Restart grace period (minutes)',
          <input
            id={`${FORM}-settings.restartGraceMinutes`}
            type="number"
            min={0}
            max={10080}
            value={draft.restartGraceMinutes}
            onChange={(e) => set('restartGraceMinutes', e.target.value)}
            {...invalidProps(FORM, 'settings.restartGraceMinutes', issues)}
          />,
        )}
        <label className="check">
          <input
            type="checkbox"
            checked={draft.installOutsideWindows}
            onChange={(e) => set('installOutsideWindows', e.target.checked)}
          />
          Install outside maintenance windows after the deadline
        </label>
        <label className="check">
          <input
            type="checkbox"
            checked={draft.restartOutsideWindows}
            onChange={(e) => set('restartOutsideWindows', e.target.checked)}
          />
          Restart outside maintenance windows
        </label>
      </fieldset>
      <fieldset>
        <legend>User experience</legend>
        {field(
          'settings.notifications',
          'Notifications',
          <select
            id={`${FORM}-settings.notifications`}
            value={draft.notifications}
            onChange={(e) => set('notifications', notificationLevel(e.target.value))}
          >
            {NOTIFICATION_LEVELS.map((n) => (
              <option key={n} value={n}>
                {NOTIFICATION_TEXT[n]}
              </option>
            ))}
          </select>,
        )}
      </fieldset>
      <div className="form-buttons">
        <button type="submit" className="primary" disabled={create.isPending}>
          {create.isPending ? 'Deploying…' : 'Deploy'}
        </button>
        <a href={formatRoute('/deployments')}>Cancel</a>
      </div>
    </form>
  )
}

function notificationLevel(value: string): DeploymentDraft['notifications'] {
  return NOTIFICATION_LEVELS.find((n) => n === value) ?? 'all'
}
