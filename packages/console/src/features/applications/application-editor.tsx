import type { ApiIssue } from '@sitrep/api'
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { useState } from 'react'
import type { FormEvent, ReactNode } from 'react'
import { useApi } from '../../api/api-context.tsx'
import { canOperate } from '../../auth/roles.ts'
import { useSession } from '../../auth/session-context.tsx'
import { formatRoute } from '../../router/parse-route.ts'
import { navigate } from '../../router/use-route.ts'
import { FieldIssue, RefusalNote, invalidProps } from '../../ui/field-issue.tsx'
import { issuesOf } from '../../ui/field-issues.ts'
import { QueryState } from '../../ui/query-state.tsx'
import { EMPTY_APPLICATION, applicationBody, applicationDraft, emptyType } from './application-draft.ts'
import type { ApplicationDraft, TypeDraft } from './application-draft.ts'
import { APP_FORM, TypeEditor } from './type-editor.tsx'
import { addApplication, applicationQuery, reviseApplication } from './queries.ts'

/** Adds an application (`id` absent) or makes the next revision of one. */
export function ApplicationEditor({ id }: { id?: string }) {
  const api = useApi()
  const session = useSession()
  const current = useQuery({ ...applicationQuery(api, id ?? ''), enabled: id !== undefined })
  if (!canOperate(session.user.role))
    return (
      <p className="note">Adding or changing an application needs an operations or full administrator.</p>
    )
  if (id === undefined) return <Editor initial={EMPTY_APPLICATION} />
  return (
    <QueryState query={current} what={`application ${id}`}>
      {(data) => (
        <Editor
          id={id}
          baseRevision={data.application.latestRevision}
          initial={applicationDraft(data.application.application)}
        />
      )}
    </QueryState>
  )
}

function Editor({
  id,
  baseRevision,
  initial,
}: {
  id?: string
  baseRevision?: number
  initial: ApplicationDraft
}) {
  const api = useApi()
  const queryClient = useQueryClient()
  const [draft, setDraft] = useState(initial)
  const [localIssues, setLocalIssues] = useState<readonly ApiIssue[]>([])
  const save = useMutation({
    mutationFn: async () => {
      const result = applicationBody(draft)
      if ('issues' in result) {
        setLocalIssues(result.issues)
        throw new Error('the form has fields to correct')
      }
      setLocalIssues([])
      return id === undefined
        ? addApplication(api, result.body)
        : reviseApplication(api, id, result.body, baseRevision ?? 1)
    },
    onSuccess: async (reply) => {
      await queryClient.invalidateQueries({ queryKey: ['applications'] })
      navigate(formatRoute('/applications', { id: reply.application.id }))
    },
  })
  const issues = localIssues.length > 0 ? localIssues : issuesOf(save.error)
  const set = <K extends keyof ApplicationDraft>(key: K, value: ApplicationDraft[K]) =>
    setDraft((d) => ({ ...d, [key]: value }))
  const setType = (index: number, type: TypeDraft) =>
    setDraft((d) => ({ ...d, types: d.types.map((t, i) => (i === index ? type : t)) }))
  const submit = (event: FormEvent) => {
    event.preventDefault()
    save.mutate()
  }
  const title =
    id === undefined ? 'New application' : `Edit ${initial.name}: revision ${(baseRevision ?? 0) + 1}`
  const field = (name: 'name' | 'publisher' | 'version', label: string, input: ReactNode) => (
    <div className="form-field">
      <label htmlFor={`${APP_FORM}-${name}`}>{label}</label>
      {input}
      <FieldIssue form={APP_FORM} field={name} issues={issues} />
    </div>
  )
  return (
    <form className="edit-form" onSubmit={submit} aria-labelledby="app-title" noValidate>
      <h2 id="app-title">{title}</h2>
      <p>
        <a href={formatRoute('/applications', id === undefined ? {} : { id })}>← Back</a>
      </p>
      {save.isError ? (
        <RefusalNote
          error={localIssues.length > 0 ? new Error('correct the fields marked below') : save.error}
          what="the application"
          fields={['name', 'publisher', 'version', 'description', 'iconSha256', 'deploymentTypes']}
        />
      ) : null}
      <fieldset>
        <legend>Application</legend>
        {field(
          'name',
          'Name',
          <input
            id={`${APP_FORM}-name`}
            value={draft.name}
            onChange={(e) => set('name', e.target.value)}
            required
            {...invalidProps(APP_FORM, 'name', issues)}
          />,
        )}
        {field(
          'publisher',
          'Publisher',
          <input
            id={`${APP_FORM}-publisher`}
            value={draft.publisher}
            onChange={(e) => set('publisher', e.target.value)}
          />,
        )}
        {field(
          'version',
          'Version',
          <input
            id={`${APP_FORM}-version`}
            value={draft.version}
            onChange={(e) => set('version', e.target.value)}
          />,
        )}
        <div className="form-field wide">
          <label htmlFor={`${APP_FORM}-description`}>Description</label>
          <textarea
            id={`${APP_FORM}-description`}
            value={draft.description}
            onChange={(e) => set('description', e.target.value)}
          />
          <FieldIssue form={APP_FORM} field="description" issues={issues} />
        </div>
      </fieldset>
      <FieldIssue
        form={APP_FORM}
        field="deploymentTypes"
        issues={issues.filter((i) => i.field === 'deploymentTypes')}
      />
      {draft.types.map((type, index) => (
        <TypeEditor
          key={index}
          index={index}
          type={type}
          issues={issues}
          onChange={(next) => setType(index, next)}
          onRemove={
            draft.types.length > 1
              ? () => setDraft((d) => ({ ...d, types: d.types.filter((_, i) => i !== index) }))
              : undefined
          }
        />
      ))}
      <p>
        <button
          type="button"
          onClick={() => set('types', [...draft.types, emptyType(draft.types.length + 1)])}
        >
          Add a deployment type
        </button>
      </p>
      <div className="form-buttons">
        <button type="submit" className="primary" disabled={save.isPending}>
          {save.isPending ? 'Saving…' : id === undefined ? 'Add application' : 'Save revision'}
        </button>
        <a href={formatRoute('/applications', id === undefined ? {} : { id })}>Cancel</a>
      </div>
    </form>
  )
}
