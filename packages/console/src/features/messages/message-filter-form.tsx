import { SEVERITY_NAMES } from '@sitrep/protocol'
import { MESSAGE_TYPE_NAMES } from '@sitrep/protocol'
import { useState } from 'react'
import type { FormEvent } from 'react'
import { EMPTY_FILTER, TEXT_FIELDS, toggleSeverity } from './filter-messages.ts'
import type { MessageFilter } from './filter-messages.ts'

const SEVERITY_LABELS = { informational: 'Information', warning: 'Warning', error: 'Error' } as const

/** The structured filter; applies on submit (Enter in any field), so typing never refetches. */
export function MessageFilterForm({
  filter,
  onApply,
}: {
  filter: MessageFilter
  onApply: (filter: MessageFilter) => void
}) {
  const [draft, setDraft] = useState(filter)
  const [lastApplied, setLastApplied] = useState(filter)
  if (lastApplied !== filter) {
    // The route changed (drill-down link, back button): show the filter it carries.
    setLastApplied(filter)
    setDraft(filter)
  }
  const submit = (event: FormEvent) => {
    event.preventDefault()
    onApply(draft)
  }
  return (
    <form className="filter-form" onSubmit={submit} aria-label="Message filter">
      <fieldset className="severity-choice">
        <legend>Severity</legend>
        {SEVERITY_NAMES.map((s) => (
          <label key={s} className="check">
            <input
              type="checkbox"
              checked={draft.severity.includes(s)}
              onChange={() => {
                const next = toggleSeverity(draft, s)
                setDraft(next)
                onApply(next)
              }}
            />
            {SEVERITY_LABELS[s]}
          </label>
        ))}
      </fieldset>
      <label>
        Type
        <select
          value={draft.messageType}
          onChange={(e) =>
            setDraft({ ...draft, messageType: e.target.value as MessageFilter['messageType'] })
          } // Options are MESSAGE_TYPES or ''.
        >
          <option value="">Any</option>
          {MESSAGE_TYPE_NAMES.map((t) => (
            <option key={t} value={t}>
              {t}
            </option>
          ))}
        </select>
      </label>
      {TEXT_FIELDS.map((f) => (
        <label key={f.name}>
          {f.label}
          <input
            value={draft[f.name]}
            onChange={(e) => setDraft({ ...draft, [f.name]: e.target.value })}
            placeholder={f.name === 'since' || f.name === 'until' ? '2026-11-21T08:00' : ''}
          />
        </label>
      ))}
      <div className="form-buttons">
        <button type="submit">Apply filter</button>
        <button
          type="button"
          onClick={() => {
            setDraft(EMPTY_FILTER)
            onApply(EMPTY_FILTER)
          }}
        >
          Clear
        </button>
      </div>
    </form>
  )
}
