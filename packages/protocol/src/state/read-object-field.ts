/** Object-shape checks the state message parsers share. */
import { fieldIssue } from '../field-checks.ts'
import type { FieldIssue } from '../field-issue.ts'
import { preview } from '../field-issue.ts'
import { SMSCSTAT } from '../smscstat.ts'

import { isRecord } from '../common-fields.ts'

export { isRecord }

/** Pushes an `unknown_field` issue for every key of `input` outside `allowed`. */
export function checkKeys(
  input: Readonly<Record<string, unknown>>,
  allowed: readonly string[],
  path: string,
  issues: FieldIssue[],
): void {
  for (const key of Object.keys(input)) {
    if (allowed.includes(key)) continue
    const field = path === '' ? key : `${path}.${key}`
    issues.push(
      fieldIssue(field, 'unknown_field', `${field} is not a field of a state message`, SMSCSTAT.unknown),
    )
  }
}

/**
 * Reads a nested object field of a state message, refusing keys outside `allowed`. An absent
 * optional field is `undefined` with no issue; an absent required one is reported.
 */
export function readObjectField(
  value: unknown,
  field: string,
  allowed: readonly string[],
  issues: FieldIssue[],
  options: { required: boolean },
): Readonly<Record<string, unknown>> | undefined {
  if (value === undefined && !options.required) return undefined
  if (!isRecord(value)) {
    const code = value === undefined ? 'required' : 'type'
    const shape = `{ ${allowed.join(', ')} }`
    issues.push(
      fieldIssue(field, code, `${field} must be an object ${shape}, got ${preview(value)}`, SMSCSTAT.unknown),
    )
    return undefined
  }
  checkKeys(value, allowed, field, issues)
  return value
}
