import type { SmscstatCode } from './smscstat.ts'

/** Kinds of problem a field can have; stable, so clients may branch on them. */
export const ISSUE_CODES = [
  'required',
  'type',
  'too_long',
  'too_short',
  'too_many',
  'out_of_range',
  'format',
  'unknown_value',
  'unknown_field',
] as const
export type IssueCode = (typeof ISSUE_CODES)[number]

/**
 * One thing wrong with one field of an input. `field` is a path such as `insertionStrings[3]`;
 * `message` is a sentence for people that names the field, the value and the limit.
 */
export interface FieldIssue {
  readonly field: string
  readonly code: IssueCode
  readonly message: string
  /** The limit that was broken, when there is one (a length, a count, a range). */
  readonly limit?: number | string
  /** The SMSCSTAT return code this failure maps to (reference §3.2). */
  readonly smscstat: SmscstatCode
}

/** Outcome of a parser: the typed value, or every issue found (not just the first). */
export type ParseResult<T> =
  { readonly ok: true; readonly value: T } | { readonly ok: false; readonly issues: readonly FieldIssue[] }

/** Shows a value inside an error message, cut short so a huge input cannot flood a log. */
export function preview(value: unknown): string {
  let text: string
  if (typeof value === 'string') text = JSON.stringify(value)
  else if (value === undefined) text = 'undefined'
  else {
    try {
      // JSON.stringify returns undefined for functions and symbols; describe those by type.
      text = JSON.stringify(value) ?? typeof value
    } catch {
      text = Object.prototype.toString.call(value)
    }
  }
  return text.length > 60 ? `${text.slice(0, 57)}...` : text
}

/** Formats issues as one line each, for CLI output and logs. */
export function formatIssues(issues: readonly FieldIssue[]): string {
  return issues.map((i) => `${i.field}: ${i.message}`).join('\n')
}
