/**
 * Field issues made by the MP itself (origin checks, reserved modules, registration bodies,
 * query strings), in the protocol's {@link FieldIssue} shape so clients read one format.
 */
import { SMSCSTAT } from '@sitrep/protocol'
import type { FieldIssue, IssueCode } from '@sitrep/protocol'
import type { z } from 'zod'

/** Returns one issue for `field`. */
export function mpIssue(
  field: string,
  code: IssueCode,
  message: string,
  limit?: number | string,
): FieldIssue {
  const base = { field, code, message, smscstat: SMSCSTAT.unknown }
  return limit === undefined ? base : { ...base, limit }
}

/** Turns zod's issues into field issues, paths joined as `machine.fqdn` and `items[2]`. */
export function zodToFieldIssues(error: z.ZodError, prefix = ''): FieldIssue[] {
  return error.issues.map((issue) => {
    const path = issue.path.reduce<string>(
      (acc, part) =>
        typeof part === 'number' ? `${acc}[${part}]` : acc === '' ? String(part) : `${acc}.${String(part)}`,
      prefix,
    )
    const field = path === '' ? 'body' : path
    const code: IssueCode =
      issue.code === 'invalid_type'
        ? issue.input === undefined
          ? 'required'
          : 'type'
        : issue.code === 'too_big'
          ? 'too_long'
          : issue.code === 'too_small'
            ? 'too_short'
            : issue.code === 'unrecognized_keys'
              ? 'unknown_field'
              : issue.code === 'invalid_value'
                ? 'unknown_value'
                : 'format'
    return mpIssue(field, code, `${field}: ${issue.message}`)
  })
}
