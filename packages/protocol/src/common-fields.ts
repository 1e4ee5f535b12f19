/**
 * Field readers that status and state message parsers share, so both say the same thing about
 * the same mistake: origins, times and plain objects.
 */
import { checkText, fieldIssue } from './field-checks.ts'
import type { FieldIssue } from './field-issue.ts'
import { preview } from './field-issue.ts'
import type { OriginKind } from './enumerations.ts'
import { ORIGIN_KINDS } from './enumerations.ts'
import { MAX_TIME_MS, parseIsoTime } from './iso-time.ts'
import { LIMITS } from './limits.ts'
import { SMSCSTAT } from './smscstat.ts'
import type { Origin } from './status-message.ts'

/** True for a plain JSON object (not an array, not null). */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/** Reads an origin `{ kind: "client" | "site", id }`, pushing an issue per problem. */
export function readOrigin(value: unknown, field: string, issues: FieldIssue[]): Origin | undefined {
  if (!isRecord(value)) {
    const code = value === undefined ? 'required' : 'type'
    const message = `${field} must be an object { kind: "client" | "site", id }, got ${preview(value)}`
    issues.push(fieldIssue(field, code, message, SMSCSTAT.unknown))
    return undefined
  }
  const before = issues.length
  for (const key of Object.keys(value)) {
    if (key !== 'kind' && key !== 'id') {
      const message = `${field}.${key} is not a field of an origin`
      issues.push(fieldIssue(`${field}.${key}`, 'unknown_field', message, SMSCSTAT.unknown))
    }
  }
  const kind = ORIGIN_KINDS.find((k: OriginKind) => k === value.kind)
  if (kind === undefined) {
    const message = `${field}.kind must be one of ${ORIGIN_KINDS.join(', ')}, got ${preview(value.kind)}`
    issues.push(fieldIssue(`${field}.kind`, 'unknown_value', message, SMSCSTAT.unknown))
  }
  const idIssue = checkText(value.id, {
    field: `${field}.id`,
    smscstat: SMSCSTAT.unknown,
    maxLength: LIMITS.originIdMaxLength,
  })
  if (idIssue !== undefined) issues.push(idIssue)
  if (issues.length > before || kind === undefined || typeof value.id !== 'string') return undefined
  return { kind, id: value.id }
}

/** Reads a time given as ISO 8601 with an offset or as epoch ms, pushing an issue when it is neither. */
export function readTime(value: unknown, field: string, issues: FieldIssue[]): number | undefined {
  if (typeof value === 'string') {
    const ms = parseIsoTime(value)
    if (ms !== undefined) return ms
  } else if (typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= MAX_TIME_MS) {
    return value
  }
  const code = value === undefined ? 'required' : 'format'
  const message = `${field} must be an ISO 8601 time with an offset (2026-11-21T08:00:00Z) or epoch milliseconds, got ${preview(value)}`
  issues.push(fieldIssue(field, code, message, SMSCSTAT.unknown))
  return undefined
}
