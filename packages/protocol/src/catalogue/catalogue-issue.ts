/** Small helpers shared by the catalogue's parsers. */
import { fieldIssue } from '../field-checks.ts'
import type { FieldIssue, IssueCode } from '../field-issue.ts'
import { LIMITS } from '../limits.ts'
import { SMSCSTAT } from '../smscstat.ts'

const MESSAGE_ID_KEY = /^(?:0|[1-9][0-9]{0,4})$/

/**
 * Builds a {@link FieldIssue} for catalogue input. Catalogue problems have no SMSCSTAT code of
 * their own, so they carry `SMSSTATMSG_ERROR_UNKNOWN`.
 */
export function catalogueIssue(field: string, code: IssueCode, message: string): FieldIssue {
  return fieldIssue(field, code, message, SMSCSTAT.unknown)
}

/** Tells whether a value is a plain JSON object (not null, not an array). */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/** Tells whether a JSON key is a message ID in decimal without leading zeros, 0 to 65535. */
export function isMessageIdKey(key: string): boolean {
  return MESSAGE_ID_KEY.test(key) && Number(key) <= LIMITS.messageIdMax
}
