import type { CollectionView } from '@sitrep/api'
import { ARCHITECTURES, LINUX_FAMILIES, PLATFORMS } from '@sitrep/protocol'
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { useState } from 'react'
import type { FormEvent } from 'react'
import { useApi } from '../../api/api-context.tsx'
import { canOperate } from '../../auth/roles.ts'
import { useSession } from '../../auth/session-context.tsx'
import { formatRoute } from '../../router/parse-route.ts'
import { navigate } from '../../router/use-route.ts'
import { FieldIssue, RefusalNote, invalidProps } from '../../ui/field-issue.tsx'
import { issuesOf } from '../../ui/field-issues.ts'
import { QueryState } from '../../ui/query-state.tsx'
import {
  COLLECTION_FIELDS,
  EMPTY_COLLECTION,
  EMPTY_RULE,
  collectionBody,
  collectionDraft,
} from './describe-collection.ts'
import type { CollectionDraft, RuleDraft } from './describe-collection.ts'
import { collectionQuery, collectionsQuery, createCollection, updateCollection } from './queries.ts'

const FORM = 'collection'

/** Creates a collection (`id` absent) or replaces one's definition. */
export function CollectionEditor({ id }: { id?: string }) {
  const api = useApi()
  const session = useSession()
  const current = useQuery({ ...collectionQuery(api, id ?? ''), enabled: id !== undefined })
  if (!canOperate(session.user.role))
    return (
      <p className="note">Creating or changing a collection needs an operations or full administrator.</p>
    )
  if (id === undefined) return <Editor initial={EMPTY_COLLECTION} />
  return (
    <QueryState query={current} what={`collection ${id}`}>
      {(data) => <Editor id={id} initial={collectionDraft(data.collection.definition)} />}
    </QueryState>
  )
}

function Editor({ id, initial }: { id?: string; initial: CollectionDraft }) {
  const api = useApi()
  const queryClient = useQueryClient()
  const all = useQuery(collectionsQuery(api))
  const [draft, setDraft] = useState(initial)
  const save = useMutation({
    mutationFn: () =>
      id === undefined
        ? createCollection(api, collectionBody(draft))
        : updateCollection(api, id, collectionBody(draft)),
    onSuccess: async (reply) => {
      await queryClient.invalidateQueries({ queryKey: ['collections'] })
      navigate(formatRoute('/collections', { id: reply.collection.id }))
    },
  })
  const issues = issuesOf(save.error)
  const set = <K extends keyof CollectionDraft>(key: K, value: CollectionDraft[K]) =>
    setDraft((d) => ({ ...d, [key]: value }))
  const setRule = (index: number, rule: RuleDraft) =>
    set(
      'rules',
      draft.rules.map((r, i) => (i === index ? rule : r)),
    )
  const submit = (event: FormEvent) => {
    event.preventDefault()
    save.mutate()
  }
  const others: readonly CollectionView[] = all.data?.collections ?? []
  const refs = (key: 'include' | 'exclude', legend: string) => (
    <fieldset className="ref-list" {...invalidProps(FORM, key, issues)}>
      <legend>{legend}</legend>
      {others.map((c) => (
        <label key={c.id} className="check">
          <input
            type="checkbox"
            checked={draft[key].includes(c.id)}
            onChange={(e) =>
              set(key, e.target.checked ? [...draft[key], c.id] : draft[key].filter((r) => r !== c.id))
            }
          />
          {c.name} ({c.id}){c.id === id ? ' — this collection' : ''}
        </label>
      ))}
      <FieldIssue form={FORM} field={key} issues={issues} />
    </fieldset>
  )
  return (
    <form className="edit-form" onSubmit={submit} aria-labelledby="collection-title" noValidate>
      <h2 id="collection-title">{id === undefined ? 'New collection' : `Edit ${initial.name}`}</h2>
      <p>
        <a href={formatRoute('/collections', id === undefined ? {} : { id })}>← Back</a>
      </p>
      {save.isError ? (
        <RefusalNote error={save.error} what="the collection" fields={COLLECTION_FIELDS} />
      ) : null}
      <fieldset>
        <legend>Collection</legend>
        <div className="form-field">
          <label htmlFor={`${FORM}-name`}>Name</label>
          <input
            id={`${FORM}-name`}
            value={draft.name}
            onChange={(e) => set('name', e.target.value)}
            required
            {...invalidProps(FORM, 'name', issues)}
          />
          <FieldIssue form={FORM} field="name" issues={issues} />
        </div>
        <div className="form-field wide">
          <label htmlFor={`${FORM}-description`}>Description</label>
          <textarea
            id={`${FORM}-description`}
            value={draft.description}
            onChange={(e) => set('description', e.target.value)}
          />
        </div>
        <div className="form-field wide">
          <label htmlFor={`${FORM}-staticMembers`}>
            Direct members: client IDs or machine names, one per line
          </label>
          <textarea
            id={`${FORM}-staticMembers`}
            value={draft.staticMembers}
            onChange={(e) => set('staticMembers', e.target.value)}
            {...invalidProps(FORM, 'staticMembers', issues)}
          />
          <FieldIssue form={FORM} field="staticMembers" issues={issues} />
        </div>
      </fieldset>
      <fieldset>
        <legend>Query rules (a client that matches any rule is a member)</legend>
        {draft.rules.map((rule, index) => (
          <RuleEditor
            key={index}
            index={index}
            rule={rule}
            onChange={(r) => setRule(index, r)}
            onRemove={() =>
              set(
                'rules',
                draft.rules.filter((_, i) => i !== index),
              )
            }
            issues={issues}
          />
        ))}
        <p>
          <button type="button" onClick={() => set('rules', [...draft.rules, EMPTY_RULE])}>
            Add a query rule
          </button>
        </p>
      </fieldset>
      {refs('include', 'Include the members of')}
      {refs('exclude', 'Exclude the members of')}
      <div className="form-buttons">
        <button type="submit" className="primary" disabled={save.isPending}>
          {save.isPending ? 'Saving…' : id === undefined ? 'Create collection' : 'Save collection'}
        </button>
        <a href={formatRoute('/collections', id === undefined ? {} : { id })}>Cancel</a>
      </div>
    </form>
  )
}

function RuleEditor({
  index,
  rule,
  onChange,
  onRemove,
  issues,
}: {
  index: number
  rule: RuleDraft
  onChange: (rule: RuleDraft) => void
  onRemove: () => void
  issues: ReturnType<typeof issuesOf>
}) {
  const set = <K extends keyof RuleDraft>(key: K, value: RuleDraft[K]) => onChange({ ...rule, [key]: value })
  const choices = (
    key: 'platforms' | 'linuxFamilies' | 'architectures',
    legend: string,
    options: readonly string[],
  ) => (
    <fieldset className="inline-choices">
      <legend>{legend}</legend>
      {options.map((o) => (
        <label key={o} className="check">
          <input
            type="checkbox"
            checked={rule[key].includes(o)}
            onChange={(e) =>
              set(key, e.target.checked ? [...rule[key], o] : rule[key].filter((x) => x !== o))
            }
          />
          {o}
        </label>
      ))}
    </fieldset>
  )
  return (
    <div className="sub-panel rule-editor" role="group" aria-label={`Query rule ${index + 1}`}>
      <label>
        Rule name
        <input value={rule.name} onChange={(e) => set('name', e.target.value)} />
      </label>
      {choices(
        'platforms',
        'Platforms (none: any)',
        PLATFORMS.filter((p) => p !== 'any'),
      )}
      {choices(
        'linuxFamilies',
        'Linux families (none: any)',
        LINUX_FAMILIES.filter((f) => f !== 'any'),
      )}
      {choices('architectures', 'Architectures (none: any)', ARCHITECTURES)}
      <label>
        OS version at least
        <input value={rule.osVersionAtLeast} onChange={(e) => set('osVersionAtLeast', e.target.value)} />
      </label>
      <label>
        Machine names like (* and ?, comma-separated)
        <input value={rule.namePatterns} onChange={(e) => set('namePatterns', e.target.value)} />
      </label>
      <label>
        Site codes (comma-separated)
        <input value={rule.siteCodes} onChange={(e) => set('siteCodes', e.target.value)} />
      </label>
      <FieldIssue form={FORM} field={`rules[${index}]`} issues={issues} />
      <p>
        <button type="button" onClick={onRemove}>
          Remove query rule {index + 1}
        </button>
      </p>
    </div>
  )
}
