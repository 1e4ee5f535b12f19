import type { ApiIssue } from '@sitrep/api'
import { isApiError } from '../api/api-error.ts'
import { issueId, messagesFor, unclaimed } from './field-issues.ts'

/** The site's messages about one field, under its input; the input points here with `aria-describedby`. */
export function FieldIssue({
  form,
  field,
  issues,
}: {
  form: string
  field: string
  issues: readonly ApiIssue[]
}) {
  const messages = messagesFor(issues, field)
  if (messages.length === 0) return null
  return (
    <span className="field-issue" id={issueId(form, field)} role="alert">
      {messages.join(' ')}
    </span>
  )
}

/** Props that mark an input invalid and tie it to its {@link FieldIssue}. */
export function invalidProps(
  form: string,
  field: string,
  issues: readonly ApiIssue[],
): { 'aria-invalid'?: true; 'aria-describedby'?: string } {
  return messagesFor(issues, field).length === 0
    ? {}
    : { 'aria-invalid': true, 'aria-describedby': issueId(form, field) }
}

/** Why the site refused a change, with the issues no field of the form shows. */
export function RefusalNote({
  error,
  what,
  fields,
}: {
  error: unknown
  what: string
  fields: readonly string[]
}) {
  const rest = isApiError(error) ? unclaimed(error.issues, fields) : []
  const message = isApiError(error)
    ? error.issues.length > 0 && rest.length === 0
      ? 'see the fields marked below'
      : `${error.message} (${error.code})`
    : error instanceof Error
      ? error.message
      : String(error)
  return (
    <div className="note error" role="alert">
      <p>
        The site did not save {what}: {message}
      </p>
      {rest.length > 0 ? (
        <ul>
          {rest.map((issue) => (
            <li key={`${issue.field}:${issue.message}`}>
              <code>{issue.field}</code>: {issue.message}
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  )
}
