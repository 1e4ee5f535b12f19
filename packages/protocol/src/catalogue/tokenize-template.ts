/**
 * The escapes of a message template (reference §2.3), read the way Windows' `FormatMessage`
 * reads them: `%` then up to two digits, so `%10` is insertion string ten, never `%1` then `0`.
 */

/** Insertion strings a template can use: `%1` to `%10`. */
const INSERTION_STRING_ESCAPES = 10

/** One piece of a template: literal text or one escape. */
export type TemplateToken =
  | { readonly kind: 'text'; readonly text: string }
  /** `%1`…`%10`: the caller's insertion string of that number. */
  | { readonly kind: 'insertion'; readonly index: number }
  /** `%11`: reserved, at the start of ConfigMgr message definitions; renders as nothing. */
  | { readonly kind: 'reserved' }
  /** `%12`: the operating system's text for the message's `win32Error`. */
  | { readonly kind: 'osError' }
  /** `%0`: ends the message; nothing after it renders. */
  | { readonly kind: 'end' }
  /** A `%` that starts no escape (`%13`, `%x`, a trailing `%`); renders literally. */
  | { readonly kind: 'invalid'; readonly text: string; readonly offset: number }

/**
 * Splits a template into text and escapes. It never fails: anything after a `%` that is not an
 * escape comes back as an `invalid` token, so rendering can show it literally and
 * {@link checkTemplate} can report it.
 */
export function tokenizeTemplate(template: string): TemplateToken[] {
  const tokens: TemplateToken[] = []
  let text = ''
  let at = 0
  while (at < template.length) {
    const percent = template.indexOf('%', at)
    if (percent === -1) {
      text += template.slice(at)
      break
    }
    text += template.slice(at, percent)
    const next = template[percent + 1]
    if (next === '%') {
      text += '%'
      at = percent + 2
      continue
    }
    if (text !== '') tokens.push({ kind: 'text', text })
    text = ''
    const { token, length } = readEscape(template, percent)
    tokens.push(token)
    at = percent + length
  }
  if (text !== '') tokens.push({ kind: 'text', text })
  return tokens
}

/**
 * Returns one sentence per escape in the template that is not valid (`%13`, `%x`, a trailing
 * `%`); an empty list means the template is fine. The catalogue parser refuses templates with
 * problems, so built-in and registered catalogues never hold one.
 */
export function checkTemplate(template: string): string[] {
  const problems: string[] = []
  for (const token of tokenizeTemplate(template)) {
    if (token.kind !== 'invalid') continue
    problems.push(
      `"${token.text}" at offset ${token.offset} is not an escape; use %1 to %12, %0 to end or %% for a percent sign`,
    )
  }
  return problems
}

function readEscape(template: string, percent: number): { token: TemplateToken; length: number } {
  const first = template[percent + 1]
  if (first === '0') return { token: { kind: 'end' }, length: 2 }
  if (first === undefined || !isDigit(first)) {
    return { token: { kind: 'invalid', text: '%', offset: percent }, length: 1 }
  }
  const second = template[percent + 2]
  const digits = second !== undefined && isDigit(second) ? first + second : first
  const number = Number(digits)
  const length = 1 + digits.length
  if (number <= INSERTION_STRING_ESCAPES) return { token: { kind: 'insertion', index: number }, length }
  if (number === 11) return { token: { kind: 'reserved' }, length }
  if (number === 12) return { token: { kind: 'osError' }, length }
  return { token: { kind: 'invalid', text: `%${digits}`, offset: percent }, length }
}

function isDigit(char: string): boolean {
  return char >= '0' && char <= '9'
}
