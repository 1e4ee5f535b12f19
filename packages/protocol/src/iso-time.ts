/** Latest time any Sitrep field accepts: 9999-12-31T23:59:59.999Z, as epoch ms. */
export const MAX_TIME_MS = 253402300799999

const ISO_8601 = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})$/

/**
 * Parses an ISO 8601 timestamp with an explicit offset (`Z` or `±hh:mm`) into epoch ms, or
 * returns `undefined`. Local times without an offset are refused: their meaning depends on the
 * reader's time zone.
 */
export function parseIsoTime(text: string): number | undefined {
  const match = ISO_8601.exec(text)
  if (match === null) return undefined
  const [, year, month, day, hour, minute, second] = match.map(Number)
  if (month === undefined || day === undefined || hour === undefined || minute === undefined) return undefined
  if (year === undefined || second === undefined) return undefined
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return undefined
  if (hour > 23 || minute > 59 || second > 59) return undefined
  const ms = Date.parse(text)
  return Number.isNaN(ms) || ms < 0 || ms > MAX_TIME_MS ? undefined : ms
}

/** Formats epoch ms as ISO 8601 UTC with milliseconds, e.g. `2026-11-21T08:00:00.000Z`. */
export function formatIsoTime(ms: number): string {
  return new Date(ms).toISOString()
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate()
}
