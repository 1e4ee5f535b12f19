/**
 * The limit checks of the message model, one per field. `parseStatusMessage` runs them all;
 * the SMSCSTAT-style SDK runs the same ones call by call, so each check names the SMSCSTAT
 * code its failure maps to and the two can never disagree (reference §2.3, §3.2).
 */
import type { FieldIssue, IssueCode } from './field-issue.ts'
import { preview } from './field-issue.ts'
import { LIMITS, RESERVED_SITE_CODES } from './limits.ts'
import type { SmscstatCode } from './smscstat.ts'
import { SMSCSTAT } from './smscstat.ts'

/** Builds a {@link FieldIssue}; the message is the sentence people read. */
export function fieldIssue(
  field: string,
  code: IssueCode,
  message: string,
  smscstat: SmscstatCode,
  limit?: number | string,
): FieldIssue {
  return limit === undefined ? { field, code, message, smscstat } : { field, code, message, limit, smscstat }
}

// Lone UTF-16 surrogates and NUL cannot be stored as text by PostgreSQL or written as UTF-8,
// so they are refused at the edge rather than failing deep inside a transaction.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/

interface TextRule {
  readonly field: string
  readonly smscstat: SmscstatCode
  readonly maxLength: number
  readonly minLength?: number
}

/** Checks a required text field against its length limit; returns the issue or `undefined`. */
export function checkText(value: unknown, rule: TextRule): FieldIssue | undefined {
  const { field, smscstat, maxLength } = rule
  const minLength = rule.minLength ?? 1
  if (value === undefined || value === null) {
    return fieldIssue(field, 'required', `${field} is required`, smscstat)
  }
  if (typeof value !== 'string') {
    return fieldIssue(field, 'type', `${field} must be a string, got ${preview(value)}`, smscstat)
  }
  if (value.length > maxLength) {
    return fieldIssue(
      field,
      'too_long',
      `${field} is ${value.length} characters long; the limit is ${maxLength} (value ${preview(value)})`,
      smscstat,
      maxLength,
    )
  }
  if (value.length < minLength) {
    return fieldIssue(
      field,
      'too_short',
      minLength === 1 ? `${field} must not be empty` : `${field} needs at least ${minLength} characters`,
      smscstat,
      minLength,
    )
  }
  return checkEncodable(value, field, smscstat)
}

/** Refuses NUL characters and lone surrogates, which no store or UTF-8 writer can keep. */
export function checkEncodable(value: string, field: string, smscstat: SmscstatCode): FieldIssue | undefined {
  if (value.includes('\u0000')) {
    return fieldIssue(field, 'format', `${field} contains a NUL character, which cannot be stored`, smscstat)
  }
  if (LONE_SURROGATE.test(value)) {
    return fieldIssue(
      field,
      'format',
      `${field} contains a lone UTF-16 surrogate, which is not valid Unicode text`,
      smscstat,
    )
  }
  return undefined
}

/** `ModuleName`: 1–127 characters (SMSCSTAT 2 on failure). */
export function checkModuleName(value: unknown, field = 'module'): FieldIssue | undefined {
  return checkText(value, { field, smscstat: SMSCSTAT.invalidModuleName, maxLength: LIMITS.moduleMaxLength })
}

/** `Component`: 1–127 characters (SMSCSTAT 5 on failure). */
export function checkComponentName(value: unknown, field = 'component'): FieldIssue | undefined {
  return checkText(value, {
    field,
    smscstat: SMSCSTAT.invalidComponentName,
    maxLength: LIMITS.componentMaxLength,
  })
}

/** `MachineName`: 1–255 characters. */
export function checkMachineName(value: unknown, field = 'machine'): FieldIssue | undefined {
  return checkText(value, { field, smscstat: SMSCSTAT.unknown, maxLength: LIMITS.machineMaxLength })
}

const SITE_CODE_PATTERN = /^[A-Za-z0-9]{3}$/

/**
 * A site code: exactly three letters or digits, not a reserved name. `null` is allowed where the
 * caller says so (a client's "every site I belong to", or "no top-level limit").
 */
export function checkSiteCode(
  value: unknown,
  options: { field: string; smscstat: SmscstatCode; nullable: boolean },
): FieldIssue | undefined {
  const { field, smscstat } = options
  if (value === null || value === undefined) {
    return options.nullable ? undefined : fieldIssue(field, 'required', `${field} is required`, smscstat)
  }
  if (typeof value !== 'string') {
    return fieldIssue(field, 'type', `${field} must be a string, got ${preview(value)}`, smscstat)
  }
  if (value.length !== LIMITS.siteCodeLength || !SITE_CODE_PATTERN.test(value)) {
    return fieldIssue(
      field,
      'format',
      `${field} must be exactly ${LIMITS.siteCodeLength} letters or digits, got ${preview(value)}`,
      smscstat,
      LIMITS.siteCodeLength,
    )
  }
  if ((RESERVED_SITE_CODES as readonly string[]).includes(value.toUpperCase())) {
    return fieldIssue(field, 'format', `${field} ${preview(value)} is a reserved name`, smscstat)
  }
  return undefined
}

/** One insertion string (`%1`…`%10`): at most 255 characters (SMSCSTAT 6 on failure). */
export function checkInsertionString(value: unknown, index: number): FieldIssue | undefined {
  return checkText(value, {
    field: `insertionStrings[${index}]`,
    smscstat: SMSCSTAT.invalidInsertionString,
    maxLength: LIMITS.insertionStringMaxLength,
    minLength: 0,
  })
}

/** How many insertion strings a message carries: 0–10. */
export function checkInsertionStringCount(count: number): FieldIssue | undefined {
  if (count <= LIMITS.insertionStringsMax) return undefined
  return fieldIssue(
    'insertionStrings',
    'too_many',
    `insertionStrings has ${count} entries; the limit is ${LIMITS.insertionStringsMax} (%1 to %10)`,
    SMSCSTAT.invalidInsertionString,
    LIMITS.insertionStringsMax,
  )
}

/** One attribute value: 0–255 characters, never null (SMSCSTAT 7 on failure). */
export function checkAttributeValue(value: unknown, index: number): FieldIssue | undefined {
  return checkText(value, {
    field: `attributes[${index}].value`,
    smscstat: SMSCSTAT.invalidAttributeValue,
    maxLength: LIMITS.attributeValueMaxLength,
    minLength: 0,
  })
}

/** How many attributes a message carries: at most 1000 (SMSCSTAT 8 on failure). */
export function checkAttributeCount(count: number): FieldIssue | undefined {
  if (count <= LIMITS.attributesMax) return undefined
  return fieldIssue(
    'attributes',
    'too_many',
    `attributes has ${count} entries; the limit is ${LIMITS.attributesMax}`,
    SMSCSTAT.maxAttributeLimit,
    LIMITS.attributesMax,
  )
}

/** An integer in `[min, max]`. */
export function checkInteger(
  value: unknown,
  options: { field: string; min: number; max: number; smscstat?: SmscstatCode },
): FieldIssue | undefined {
  const { field, min, max } = options
  const smscstat = options.smscstat ?? SMSCSTAT.unknown
  if (value === undefined || value === null) {
    return fieldIssue(field, 'required', `${field} is required`, smscstat)
  }
  if (typeof value !== 'number' || !Number.isInteger(value)) {
    return fieldIssue(field, 'type', `${field} must be an integer, got ${preview(value)}`, smscstat)
  }
  if (value < min || value > max) {
    return fieldIssue(
      field,
      'out_of_range',
      `${field} is ${value}; it must be between ${min} and ${max}`,
      smscstat,
      `${min}..${max}`,
    )
  }
  return undefined
}
