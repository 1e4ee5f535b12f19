/**
 * The strftime-like letters of the run-a-program time placeholders (`%msglt<x>`, `%msggmt<x>`,
 * `%lt<x>`, `%gmt<x>`, reference §8.5). Names are English (the C locale) on every server.
 */
export const TIME_LETTERS = [
  'a',
  'A',
  'b',
  'B',
  'd',
  'H',
  'I',
  'j',
  'm',
  'M',
  'p',
  'S',
  'U',
  'w',
  'W',
  'y',
  'Y',
  'Z',
] as const
export type TimeLetter = (typeof TIME_LETTERS)[number]

const DAY_NAMES = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'] as const
const MONTH_NAMES = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
] as const
const DAY_MS = 86_400_000
const MINUTE_MS = 60_000

/** Tells whether a character is one of the {@link TIME_LETTERS}. */
export function isTimeLetter(char: string): char is TimeLetter {
  return (TIME_LETTERS as readonly string[]).includes(char)
}

/**
 * Formats one field of a moment, as C's `strftime` does for the same letter: `d` is the
 * zero-padded day, `j` the day of the year (001–366), `U`/`W` the week of the year with weeks
 * starting on Sunday/Monday (00–53), `Z` the zone name. The moment is shown at
 * `utcOffsetMinutes` from UTC (0 for GMT); `Z` prints `zoneName`, or the offset as `UTC+02:00`.
 */
export function formatTimeLetter(
  letter: TimeLetter,
  epochMs: number,
  zone: { readonly utcOffsetMinutes: number; readonly zoneName?: string },
): string {
  // Shifting the instant and reading UTC fields gives wall-clock fields at that offset.
  const date = new Date(epochMs + zone.utcOffsetMinutes * MINUTE_MS)
  const year = date.getUTCFullYear()
  const month = date.getUTCMonth()
  const weekday = date.getUTCDay()
  const hours = date.getUTCHours()
  const dayOfYear = Math.floor((Date.UTC(year, month, date.getUTCDate()) - Date.UTC(year, 0, 1)) / DAY_MS)
  switch (letter) {
    case 'a':
      return dayName(weekday).slice(0, 3)
    case 'A':
      return dayName(weekday)
    case 'b':
      return monthName(month).slice(0, 3)
    case 'B':
      return monthName(month)
    case 'd':
      return pad(date.getUTCDate(), 2)
    case 'H':
      return pad(hours, 2)
    case 'I':
      return pad(hours % 12 === 0 ? 12 : hours % 12, 2)
    case 'j':
      return pad(dayOfYear + 1, 3)
    case 'm':
      return pad(month + 1, 2)
    case 'M':
      return pad(date.getUTCMinutes(), 2)
    case 'p':
      return hours < 12 ? 'AM' : 'PM'
    case 'S':
      return pad(date.getUTCSeconds(), 2)
    case 'U':
      return pad(Math.floor((dayOfYear + 7 - weekday) / 7), 2)
    case 'w':
      return String(weekday)
    case 'W':
      return pad(Math.floor((dayOfYear + 7 - ((weekday + 6) % 7)) / 7), 2)
    case 'y':
      return pad(year % 100, 2)
    case 'Y':
      return String(year)
    case 'Z':
      return zone.zoneName ?? offsetName(zone.utcOffsetMinutes)
  }
}

function dayName(weekday: number): string {
  return DAY_NAMES[weekday] ?? ''
}

function monthName(month: number): string {
  return MONTH_NAMES[month] ?? ''
}

function pad(value: number, width: number): string {
  return String(value).padStart(width, '0')
}

function offsetName(offsetMinutes: number): string {
  if (offsetMinutes === 0) return 'UTC'
  const sign = offsetMinutes < 0 ? '-' : '+'
  const abs = Math.abs(offsetMinutes)
  return `UTC${sign}${pad(Math.floor(abs / 60), 2)}:${pad(abs % 60, 2)}`
}
