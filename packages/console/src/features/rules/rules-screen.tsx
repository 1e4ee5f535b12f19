import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { useState } from 'react'
import { useApi } from '../../api/api-context.tsx'
import type { DryRunReport, FilterRule } from '../../api/api-types.ts'
import { canOperate } from '../../auth/roles.ts'
import { useSession } from '../../auth/session-context.tsx'
import { ErrorNote, QueryState } from '../../ui/query-state.tsx'
import {
  describeActions,
  describeCriteria,
  isChanged,
  moveRule,
  replaceRule,
  setEnabled,
} from './edit-rules.ts'
import { dryRunRules, rulesQuery, saveRules } from './queries.ts'
import { RuleEditor } from './rule-editor.tsx'

/** The ordered filter rules: edit, enable, disable, move; dry-run preview before saving. */
export function RulesScreen() {
  const api = useApi()
  const rules = useQuery(rulesQuery(api))
  return (
    <QueryState query={rules} what="the filter rules">
      {(saved) => <RulesEditor saved={saved} />}
    </QueryState>
  )
}

function RulesEditor({ saved }: { saved: readonly FilterRule[] }) {
  const api = useApi()
  const session = useSession()
  const queryClient = useQueryClient()
  const mayEdit = canOperate(session.user.role)
  const [draft, setDraft] = useState<readonly FilterRule[]>(saved)
  const [editing, setEditing] = useState<number | null>(null)
  const [preview, setPreview] = useState<{ report: DryRunReport; of: readonly FilterRule[] } | null>(null)
  const changed = isChanged(saved, draft)
  const dryRun = useMutation({
    mutationFn: () => dryRunRules(api, draft),
    onSuccess: (report) => setPreview({ report, of: draft }),
  })
  const save = useMutation({
    mutationFn: () => saveRules(api, draft),
    onSuccess: (reply) => {
      setDraft(reply.rules)
      setPreview(null)
      queryClient.setQueryData(rulesQuery(api).queryKey, reply.rules)
    },
  })
  const change = (next: readonly FilterRule[]) => {
    setDraft(next)
    setPreview(null)
  }
  const previewed = preview !== null && preview.of === draft
  return (
    <>
      {mayEdit ? null : (
        <p className="note">You can read the rules; changing them needs an operations administrator.</p>
      )}
      <ol className="rule-list" aria-label="Filter rules in priority order">
        {draft.map((rule, index) => (
          <li key={rule.id} className={rule.enabled ? 'rule' : 'rule disabled'}>
            <div className="rule-head">
              <span className="rule-order">{index + 1}.</span>
              <strong>{rule.name}</strong>
              <span className="badge">{rule.enabled ? 'Enabled' : 'Disabled'}</span>
            </div>
            <p className="small">
              Matches {describeCriteria(rule)}; {describeActions(rule)}.
            </p>
            {mayEdit ? (
              <div className="rule-buttons" role="group" aria-label={`Actions for ${rule.name}`}>
                <button type="button" onClick={() => setEditing(index)}>
                  Edit<span className="visually-hidden"> {rule.name}</span>
                </button>
                <button type="button" onClick={() => change(setEnabled(draft, index, !rule.enabled))}>
                  {rule.enabled ? 'Disable' : 'Enable'}
                  <span className="visually-hidden"> {rule.name}</span>
                </button>
                <button
                  type="button"
                  onClick={() => change(moveRule(draft, index, -1))}
                  disabled={index === 0}
                >
                  Move up<span className="visually-hidden"> {rule.name}</span>
                </button>
                <button
                  type="button"
                  onClick={() => change(moveRule(draft, index, 1))}
                  disabled={index === draft.length - 1}
                >
                  Move down<span className="visually-hidden"> {rule.name}</span>
                </button>
              </div>
            ) : null}
            {editing === index ? (
              <RuleEditor
                rule={rule}
                onCancel={() => setEditing(null)}
                onDone={(next) => {
                  change(replaceRule(draft, index, next))
                  setEditing(null)
                }}
              />
            ) : null}
          </li>
        ))}
      </ol>
      <div className="toolbar sticky">
        <button type="button" onClick={() => dryRun.mutate()} disabled={dryRun.isPending}>
          {dryRun.isPending ? 'Running preview…' : 'Preview (dry run)'}
        </button>
        {mayEdit ? (
          <>
            <button
              type="button"
              className="primary"
              onClick={() => save.mutate()}
              disabled={!changed || !previewed || save.isPending}
              title={previewed ? undefined : 'Preview the changes first'}
            >
              Save rules
            </button>
            <button type="button" onClick={() => change(saved)} disabled={!changed}>
              Discard changes
            </button>
          </>
        ) : null}
        <span role="status" className="small">
          {save.isSuccess && !changed
            ? 'Rules saved.'
            : changed
              ? previewed
                ? 'Previewed; ready to save.'
                : 'Unsaved changes: preview before saving.'
              : ''}
        </span>
      </div>
      {dryRun.isError ? <ErrorNote error={dryRun.error} what="the dry run" /> : null}
      {save.isError ? <ErrorNote error={save.error} what="the rules" /> : null}
      {preview === null ? null : <DryRunView report={preview.report} />}
    </>
  )
}

function DryRunView({ report }: { report: DryRunReport }) {
  return (
    <section aria-labelledby="dry-run-title" className="dry-run">
      <h2 id="dry-run-title">Dry run over {report.messages} stored messages</h2>
      <ul>
        <li>Written to the database: {report.writtenToDatabase}</li>
        <li>Not kept: {report.notKept}</li>
        <li>Reported to the OS log: {report.reportedToOsLog}</li>
        <li>
          Replicated: {report.replicated.high} high, {report.replicated.medium} medium,{' '}
          {report.replicated.low} low
        </li>
        <li>Program runs: {report.programRuns}</li>
        <li>
          Retention:{' '}
          {report.retention.map((r) => `${r.count} kept ${r.daysToKeep} days`).join(', ') || 'none'}
        </li>
      </ul>
      <table>
        <caption>Messages per rule</caption>
        <thead>
          <tr>
            <th scope="col">Rule</th>
            <th scope="col">Matched</th>
            <th scope="col">Stopped here</th>
          </tr>
        </thead>
        <tbody>
          {report.rules.map((r) => (
            <tr key={r.id}>
              <td>{r.name}</td>
              <td>{r.matched}</td>
              <td>{r.stopped}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  )
}
