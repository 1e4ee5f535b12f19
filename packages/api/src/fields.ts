/** Field schemas several routes share: safe text, user names, passwords, roles, times. */
import { parseIsoTime } from '@sitrep/protocol'
import { z } from 'zod'
import { ROLES } from './define-route.ts'

// NUL and lone UTF-16 surrogates cannot be stored or bound as text by PostgreSQL, so they are
// refused at the edge instead of failing as a 500 deep inside a query.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/

/** A string of `min`–`max` characters that both store engines can keep. */
export function safeText(min: number, max: number): z.ZodString {
  return z
    .string()
    .min(min)
    .max(max)
    .refine(
      (text) => !text.includes('\u0000') && !LONE_SURROGATE.test(text),
      'must not contain NUL or unpaired surrogate characters',
    )
}

/** 1–64 characters: a letter or digit, then letters, digits, `.`, `_`, `@`, `-`. */
export const Username = z
  .string()
  .regex(
    /^[A-Za-z0-9][A-Za-z0-9._@-]{0,63}$/,
    'must be 1–64 letters, digits, ".", "_", "@" or "-", starting with a letter or digit',
  )

/** New passwords: 12–1024 characters. */
export const NewPassword = safeText(12, 1024)

/** One of the three roles. */
export const RoleName = z.enum(ROLES)

/** A time as the API writes it: ISO 8601 UTC with milliseconds, `2026-11-21T08:00:00.000Z`. */
export const IsoTime = z.string().meta({ format: 'date-time' })

/** A time a caller sends: ISO 8601 with an offset (`2026-11-21T08:00:00Z`), kept as text. */
export const IsoTimeText = z
  .string()
  .refine((text) => parseIsoTime(text) !== undefined, {
    message: 'must be an ISO 8601 time with an offset, e.g. 2026-11-21T08:00:00Z',
  })
  .meta({ format: 'date-time' })
