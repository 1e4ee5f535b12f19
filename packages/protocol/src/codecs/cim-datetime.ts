/**
 * CIM (WMI) datetimes, as ConfigMgr writes them in reports and state messages:
 * `yyyymmddHHMMSS.mmmmmm±UUU`, where `mmmmmm` is microseconds and `±UUU` is the offset of the
 * written local time from UTC in MINUTES (`+000` for UTC, `-300` for UTC−5).
 */
import { MAX_TIME_MS } from '../iso-time.ts'

const CIM_DATETIME = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})\.(\d{6})([+-])(\d{3})$/

/** Largest UTC offset accepted, in minutes: no time zone is further than UTC±14:00. */
export const CIM_MAX_OFFSET_MINUTES = 14 * 60

/**
 * Parses a CIM datetime into epoch ms (UTC), or returns `undefined` for anything malformed:
 * wrong shape, wildcards (`*`), the interval form (`:000`), an impossible date or time, an
 * offset beyond ±840 minutes, or a time outside 1970-01-01 to 9999-12-31. Microseconds are
 * truncated to milliseconds.
 *
 * @example
 * parseCimDateTime('20140120171855.573000+000') // 1390238335573
 * parseCimDateTime('20140120121855.573000-300') // the same instant
 */
export function parseCimDateTime(text: string): number | undefined {
  const match = CIM_DATETIME.exec(text)
  if (match === null) return undefined
  const [, year, month, day, hour, minute, second, micros, sign, offset] = match
  if (year === undefined || month === undefined || day === undefined || hour === undefined) return undefined
  if (minute === undefined || second === undefined || micros === undefined || offset === undefined) {
    return undefined
  }
  const y = Number(year)
  const mo = Number(month)
  const d = Number(day)
  const h = Number(hour)
  const mi = Number(minute)
  const s = Number(second)
  const offsetMinutes = Number(offset) * (sign === '-' ? -1 : 1)
  if (mo < 1 || mo > 12 || d < 1 || d > daysInMonth(y, mo)) return undefined
  if (h > 23 || mi > 59 || s > 59 || Math.abs(offsetMinutes) > CIM_MAX_OFFSET_MINUTES) return undefined
  const local = new Date(0)
  // setUTCFullYear, unlike Date.UTC, does not map years 0–99 onto 1900–1999.
  local.setUTCFullYear(y, mo - 1, d)
  local.setUTCHours(h, mi, s, Math.floor(Number(micros) / 1000))
  const ms = local.getTime() - offsetMinutes * 60_000
  return ms < 0 || ms > MAX_TIME_MS ? undefined : ms
}

/**
 * Formats epoch ms as a UTC CIM datetime, e.g. `20140120171855.573000+000`. Throws a
 * `RangeError` for a value that is not an integer between 0 and {@link MAX_TIME_MS}: callers
 * pass times that were already parsed.
 */
export function formatCimDateTime(ms: number): string {
  if (!Number.isInteger(ms) || ms < 0 || ms > MAX_TIME_MS) {
    throw new RangeError(`${ms} is not a time between 0 and ${MAX_TIME_MS} epoch milliseconds`)
  }
  const date = new Date(ms)
  const pad = (value: number, width: number): string => String(value).padStart(width, '0')
  return (
    pad(date.getUTCFullYear(), 4) +
    pad(date.getUTCMonth() + 1, 2) +
    pad(date.getUTCDate(), 2) +
    pad(date.getUTCHours(), 2) +
    pad(date.getUTCMinutes(), 2) +
    pad(date.getUTCSeconds(), 2) +
    `.${pad(date.getUTCMilliseconds(), 3)}000+000`
  )
}

function daysInMonth(year: number, month: number): number {
  const date = new Date(0)
  date.setUTCFullYear(year, month, 0)
  return date.getUTCDate()
}
