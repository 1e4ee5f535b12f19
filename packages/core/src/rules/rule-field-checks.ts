/**
 * Small checks shared by the filter-rule parsers. Every issue carries SMSCSTAT's "unknown"
 * code: rules are not part of the SMSCSTAT API, but {@link FieldIssue} needs one.
 */
import type { FieldIssue, IssueCode } from '@sitrep/protocol'
import { SMSCSTAT } from '@sitrep/protocol'

/** A writable copy of a readonly record type, for building parser output field by field. */
export type Draft<T> = { -readonly [K in keyof T]: T[K] }

/** Builds a {@link FieldIssue} for a rule field; `message` is the sentence people read. */
export function ruleIssue(
  field: string,
  code: IssueCode,
  message: string,
  limit?: number | string,
): FieldIssue {
  const issue = { field, code, message, smscstat: SMSCSTAT.unknown }
  return limit === undefined ? issue : { ...issue, limit }
}

/** Shows a value inside an issue message, cut short so a huge input cannot flood a log. */
export function preview(value: unknown): string {
  let text: string
  try {
    // JSON.stringify returns undefined for undefined, functions and symbols.
    text = JSON.stringify(value) ?? String(typeof value)
  } catch {
    text = Object.prototype.toString.call(value)
  }
  return text.length > 60 ? `${text.slice(0, 57)}...` : text
}

/** Tells whether a value is a plain JSON-style object (not null, not an array). */
export function isRecord(value: unknown): value is Readonly<Record<string, unknown>> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/** Refuses keys outside `known`, one issue per unknown key. */
export function checkKnownKeys(
  record: Readonly<Record<string, unknown>>,
  known: readonly string[],
  path: string,
): FieldIssue[] {
  return Object.keys(record)
    .filter((key) => !known.includes(key))
    .map((key) =>
      ruleIssue(
        `${path}.${key}`,
        'unknown_field',
        `${path}.${key} is not a known field; use ${known.join(', ')}`,
      ),
    )
}

/** Checks an optional boolean; `undefined` passes. */
export function checkBoolean(value: unknown, field: string): FieldIssue | undefined {
  if (value === undefined || typeof value === 'boolean') return undefined
  return ruleIssue(field, 'type', `${field} must be true or false, got ${preview(value)}`)
}

/** Checks a required integer in `[min, max]`. */
export function checkIntegerInRange(
  value: unknown,
  field: string,
  min: number,
  max: number,
): FieldIssue | undefined {
  if (typeof value !== 'number' || !Number.isInteger(value)) {
    return ruleIssue(field, 'type', `${field} must be an integer, got ${preview(value)}`)
  }
  if (value < min || value > max) {
    return ruleIssue(
      field,
      'out_of_range',
      `${field} is ${value}; it must be between ${min} and ${max}`,
      `${min}..${max}`,
    )
  }
  return undefined
}

/**
 * Checks a required string: its length (1 to `max`), no leading or trailing spaces when
 * `trimmed`, and no control characters.
 */
export function checkRuleText(
  value: unknown,
  field: string,
  options: { readonly max: number; readonly trimmed: boolean },
): FieldIssue | undefined {
  if (typeof value !== 'string') {
    return ruleIssue(
      field,
      value === undefined ? 'required' : 'type',
      `${field} must be a string, got ${preview(value)}`,
    )
  }
  if (value.length === 0) return ruleIssue(field, 'too_short', `${field} must not be empty`, 1)
  if (value.length > options.max) {
    const message = `${field} is ${value.length} characters long; the limit is ${options.max} (value ${preview(value)})`
    return ruleIssue(field, 'too_long', message, options.max)
  }
  if (options.trimmed && value.trim() !== value) {
    return ruleIssue(field, 'format', `${field} ${preview(value)} must not start or end with spaces`)
  }
  if (firstControlCharacter(value) >= 0) {
    return ruleIssue(field, 'format', `${field} ${preview(value)} must not contain control characters`)
  }
  return undefined
}

/** Returns the index of the first C0 control character or DEL in `text`, or -1. */
export function firstControlCharacter(text: string): number {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i)
    if (code < 0x20 || code === 0x7f) return i
  }
  return -1
}
