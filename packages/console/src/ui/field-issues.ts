/**
 * The site names the field of each problem in an error body (`settings.deadline`,
 * `include[0]`, `deploymentTypes[1].install`); forms show each message next to its field.
 * Pure functions, tested without React.
 */
import type { ApiIssue } from '@sitrep/api'
import { isApiError } from '../api/api-error.ts'

/** The issues of `error` (none when it is not an API error). */
export function issuesOf(error: unknown): readonly ApiIssue[] {
  return isApiError(error) ? error.issues : []
}

/** True when `issue` is about `field` or a part of it (`include` covers `include[0]`). */
export function isAbout(issue: ApiIssue, field: string): boolean {
  if (issue.field === field) return true
  const rest = issue.field.slice(field.length)
  return issue.field.startsWith(field) && (rest.startsWith('.') || rest.startsWith('['))
}

/** The messages about `field`, for the text under its input. */
export function messagesFor(issues: readonly ApiIssue[], field: string): string[] {
  return issues.filter((i) => isAbout(i, field)).map((i) => i.message)
}

/** The issues no field of the form shows (`fields` are the names the form puts messages under). */
export function unclaimed(issues: readonly ApiIssue[], fields: readonly string[]): ApiIssue[] {
  return issues.filter((i) => !fields.some((f) => isAbout(i, f)))
}

/** The id of the message element of `field`, for `aria-describedby`. */
export function issueId(form: string, field: string): string {
  return `${form}-${field.replace(/[^A-Za-z0-9_-]/g, '_')}-issue`
}
