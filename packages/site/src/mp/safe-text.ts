import { z } from 'zod'

// NUL and lone UTF-16 surrogates cannot be stored or bound as text by PostgreSQL, so they are
// refused at the edge instead of failing as a 500 deep inside a query.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/

/** A zod string of `min`–`max` characters that both store engines can keep. */
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
