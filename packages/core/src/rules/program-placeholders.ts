import type { TimeLetter } from './format-time-letter.ts'
import { TIME_LETTERS, isTimeLetter } from './format-time-letter.ts'

/** Placeholders that stand for one field of the message or the site (reference §8.5), without `%`. */
export const FIELD_PLACEHOLDERS = [
  'msgsc',
  'msgsys',
  'msgsrc',
  'msgcomp',
  'msgpid',
  'msgtid',
  'msgtype',
  'msgsev',
  'msgid',
  'msgdesc',
  'msgis01',
  'msgis02',
  'msgis03',
  'msgis04',
  'msgis05',
  'msgis06',
  'msgis07',
  'msgis08',
  'msgis09',
  'msgis10',
  'sc',
  'parentsc',
  'sitesvr',
  'sqlsvr',
] as const
export type FieldPlaceholder = (typeof FIELD_PLACEHOLDERS)[number]

/** Time placeholder prefixes, each followed by one {@link TimeLetter}, without `%`. */
export const TIME_PLACEHOLDERS = [
  { prefix: 'msglt', clock: 'message', zone: 'local' },
  { prefix: 'msggmt', clock: 'message', zone: 'gmt' },
  { prefix: 'lt', clock: 'now', zone: 'local' },
  { prefix: 'gmt', clock: 'now', zone: 'gmt' },
] as const

/** One piece of a scanned argument. */
export type PlaceholderSegment =
  | { readonly kind: 'text'; readonly text: string }
  | { readonly kind: 'field'; readonly name: FieldPlaceholder }
  | {
      readonly kind: 'time'
      readonly clock: 'message' | 'now'
      readonly zone: 'local' | 'gmt'
      readonly letter: TimeLetter
    }
  | { readonly kind: 'unknown'; readonly text: string; readonly reason: string }

// Longest first, so `%msgsc` is never read as a shorter name followed by text.
const FIELDS_LONGEST_FIRST = [...FIELD_PLACEHOLDERS].sort((a, b) => b.length - a.length)
const PREFIXES_LONGEST_FIRST = [...TIME_PLACEHOLDERS].sort((a, b) => b.prefix.length - a.prefix.length)
const WORD = /^[A-Za-z0-9]*/

/**
 * Cuts one argument into literal text and placeholders, in one left-to-right pass. `%%` is a
 * literal `%`. A `%` that starts no known placeholder becomes an `unknown` segment holding the
 * `%` and the word after it (`%PATH`), which expansion copies as it is and validation refuses.
 * Names match longest first and the text right after a name is literal (`%msgscX` is the site
 * code, then `X`).
 */
export function scanPlaceholders(argument: string): PlaceholderSegment[] {
  const segments: PlaceholderSegment[] = []
  let text = ''
  let i = 0
  while (i < argument.length) {
    const percent = argument.indexOf('%', i)
    if (percent < 0) {
      text += argument.slice(i)
      break
    }
    text += argument.slice(i, percent)
    const rest = argument.slice(percent + 1)
    if (rest.startsWith('%')) {
      text += '%'
      i = percent + 2
      continue
    }
    if (text !== '') segments.push({ kind: 'text', text })
    text = ''
    const { segment, length } = readPlaceholder(rest)
    segments.push(segment)
    i = percent + 1 + length
  }
  if (text !== '') segments.push({ kind: 'text', text })
  return segments
}

function readPlaceholder(rest: string): { segment: PlaceholderSegment; length: number } {
  for (const { prefix, clock, zone } of PREFIXES_LONGEST_FIRST) {
    if (!rest.startsWith(prefix)) continue
    const letter = rest.charAt(prefix.length)
    if (isTimeLetter(letter) && !(letter === 'Z' && zone === 'gmt')) {
      return { segment: { kind: 'time', clock, zone, letter }, length: prefix.length + 1 }
    }
    // No field name starts with a time prefix, so a prefix without a valid letter is an error.
    const reason =
      letter === 'Z'
        ? `%${prefix}Z is not allowed: the zone name (Z) exists only for local time`
        : `%${prefix} needs one of the time letters ${TIME_LETTER_LIST}`
    return unknown(rest, reason)
  }
  const name = FIELDS_LONGEST_FIRST.find((n) => rest.startsWith(n))
  if (name !== undefined) return { segment: { kind: 'field', name }, length: name.length }
  return unknown(rest, 'it is not a known placeholder; write %% for a literal %')
}

const TIME_LETTER_LIST = TIME_LETTERS.join(' ')

function unknown(rest: string, reason: string): { segment: PlaceholderSegment; length: number } {
  const word = WORD.exec(rest)?.[0] ?? ''
  return { segment: { kind: 'unknown', text: `%${word}`, reason }, length: word.length }
}
