import { SEVERITY_NAMES } from '@sitrep/protocol'
import { useState } from 'react'
import type { FormEvent } from 'react'
import type { FilterRule, Severity } from '../../api/api-types.ts'

type Criteria = FilterRule['criteria']

/** Edits one rule's name, main criteria and storage actions; the result joins the draft list. */
export function RuleEditor({
  rule,
  onDone,
  onCancel,
}: {
  rule: FilterRule
  onDone: (rule: FilterRule) => void
  onCancel: () => void
}) {
  const [name, setName] = useState(rule.name)
  const [severity, setSeverity] = useState(rule.criteria.severity ?? '')
  const [component, setComponent] = useState(rule.criteria.component ?? '')
  const [machine, setMachine] = useState(rule.criteria.machine ?? '')
  const [messageId, setMessageId] = useState(
    rule.criteria.messageId === undefined ? '' : String(rule.criteria.messageId),
  )
  const [write, setWrite] = useState(rule.actions.writeToDatabase === true)
  const [days, setDays] = useState(String(rule.actions.daysToKeep ?? 7))
  const [stop, setStop] = useState(rule.actions.stopProcessing === true)
  const submit = (event: FormEvent) => {
    event.preventDefault()
    const criteria: Criteria = { ...rule.criteria }
    const set = <K extends keyof Criteria>(key: K, value: Criteria[K] | undefined) => {
      const copy = criteria as Record<string, unknown> // A fresh copy made just above, only ever written here.
      if (value === undefined) delete copy[key]
      else copy[key] = value
    }
    set('severity', severity === '' ? undefined : (severity as Severity)) // The select offers SEVERITIES only.
    set('component', component.trim() === '' ? undefined : component.trim())
    set('machine', machine.trim() === '' ? undefined : machine.trim())
    set('messageId', messageId.trim() === '' ? undefined : Number(messageId))
    const {
      daysToKeep: _days,
      writeToDatabase: _write,
      stopProcessing: _stop,
      ...otherActions
    } = rule.actions
    onDone({
      ...rule,
      name: name.trim(),
      criteria,
      actions: {
        ...otherActions,
        ...(write
          ? { writeToDatabase: true, daysToKeep: Number(days) }
          : rule.actions.writeToDatabase === false
            ? { writeToDatabase: false }
            : {}),
        ...(stop ? { stopProcessing: true } : {}),
      },
    })
  }
  return (
    <form className="rule-editor" onSubmit={submit} aria-label={`Edit rule ${rule.name}`}>
      <label>
        Name
        <input value={name} onChange={(e) => setName(e.target.value)} required maxLength={1024} />
      </label>
      <fieldset>
        <legend>Criteria</legend>
        <label>
          Severity
          <select value={severity} onChange={(e) => setSeverity(e.target.value)}>
            <option value="">Any</option>
            {SEVERITY_NAMES.map((s) => (
              <option key={s} value={s}>
                {s}
              </option>
            ))}
          </select>
        </label>
        <label>
          Component
          <input value={component} onChange={(e) => setComponent(e.target.value)} />
        </label>
        <label>
          System (machine)
          <input value={machine} onChange={(e) => setMachine(e.target.value)} />
        </label>
        <label>
          Message ID
          <input
            type="number"
            min={1}
            max={65535}
            value={messageId}
            onChange={(e) => setMessageId(e.target.value)}
          />
        </label>
      </fieldset>
      <fieldset>
        <legend>Actions</legend>
        <label className="check">
          <input type="checkbox" checked={write} onChange={(e) => setWrite(e.target.checked)} />
          Write to the database
        </label>
        <label>
          Days to keep
          <input
            type="number"
            min={1}
            max={36500}
            value={days}
            onChange={(e) => setDays(e.target.value)}
            disabled={!write}
          />
        </label>
        <label className="check">
          <input type="checkbox" checked={stop} onChange={(e) => setStop(e.target.checked)} />
          Do not process lower-priority rules
        </label>
      </fieldset>
      <div className="form-buttons">
        <button type="submit">Apply to draft</button>
        <button type="button" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  )
}
