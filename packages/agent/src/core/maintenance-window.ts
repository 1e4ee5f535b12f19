/**
 * Maintenance windows in their time zones: whether one is open now and when the next one
 * opens. Pure: the time comes in as an argument.
 *
 * A `daily` window with `everyDays: n` opens on the local dates whose day number since
 * 1970-01-01 is a multiple of n (the schema carries no anchor date, so the epoch is the anchor).
 */
import type { MaintenanceWindow, MaintenanceWindowType } from '@sitrep/protocol'

const MINUTE_MS = 60_000
const DAY_MS = 24 * 60 * MINUTE_MS
/** How far ahead the next window is searched: past this, "no window" (a monthly window on the 31st is at most ~62 days away). */
export const WINDOW_SEARCH_DAYS = 400

/** One opening of a window: epoch ms, end exclusive. */
export interface WindowOccurrence {
  readonly name: string
  readonly type: MaintenanceWindowType
  readonly start: number
  readonly end: number
}

/** What a window is asked for: an install or a restart. */
export type WindowPurpose = 'install' | 'restart'

/**
 * Whether a window of `type` lets `purpose` happen: every window type allows a restart except
 * `software_updates` and `non_working_hours` (business hours are for the user's own installs,
 * not enforcement); installs need `all_programs`.
 */
export function windowAllows(type: MaintenanceWindowType, purpose: WindowPurpose): boolean {
  switch (type) {
    case 'all_programs':
      return true
    case 'restart_only':
      return purpose === 'restart'
    case 'software_updates':
    case 'non_working_hours':
      return false
  }
}

interface LocalDate {
  readonly year: number
  readonly month: number
  readonly day: number
}

const formatters = new Map<string, Intl.DateTimeFormat>()

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone)
  if (formatter === undefined) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    })
    formatters.set(timeZone, formatter)
  }
  return formatter
}

/** Offset of `timeZone` from UTC at `utcMs`, in ms (positive east of Greenwich). */
function zoneOffsetMs(timeZone: string, utcMs: number): number {
  const parts: Record<string, number> = {}
  for (const part of formatterFor(timeZone).formatToParts(new Date(utcMs))) {
    if (part.type !== 'literal') parts[part.type] = Number(part.value)
  }
  const asUtc = Date.UTC(
    parts.year ?? 1970,
    (parts.month ?? 1) - 1,
    parts.day ?? 1,
    parts.hour ?? 0,
    parts.minute ?? 0,
    parts.second ?? 0,
  )
  return asUtc - Math.floor(utcMs / 1000) * 1000
}

/** The UTC instant of a local wall time in `timeZone` (the later reading when DST makes it ambiguous). */
function localToUtc(timeZone: string, date: LocalDate, minuteOfDay: number): number {
  const wall = Date.UTC(date.year, date.month - 1, date.day) + minuteOfDay * MINUTE_MS
  const first = wall - zoneOffsetMs(timeZone, wall)
  return wall - zoneOffsetMs(timeZone, first)
}

function localDateOf(timeZone: string, utcMs: number): LocalDate {
  const local = new Date(utcMs + zoneOffsetMs(timeZone, utcMs))
  return { year: local.getUTCFullYear(), month: local.getUTCMonth() + 1, day: local.getUTCDate() }
}

function addDays(date: LocalDate, days: number): LocalDate {
  const moved = new Date(Date.UTC(date.year, date.month - 1, date.day) + days * DAY_MS)
  return { year: moved.getUTCFullYear(), month: moved.getUTCMonth() + 1, day: moved.getUTCDate() }
}

function occursOn(window: MaintenanceWindow, date: LocalDate): boolean {
  const recurrence = window.recurrence
  switch (recurrence.kind) {
    case 'once': {
      const [year, month, day] = recurrence.date.split('-').map(Number)
      return year === date.year && month === date.month && day === date.day
    }
    case 'daily': {
      const dayNumber = Math.round(Date.UTC(date.year, date.month - 1, date.day) / DAY_MS)
      return dayNumber % recurrence.everyDays === 0
    }
    case 'weekly':
      return recurrence.days.includes(new Date(Date.UTC(date.year, date.month - 1, date.day)).getUTCDay())
    case 'monthly':
      return recurrence.dayOfMonth === date.day
  }
}

function startMinute(window: MaintenanceWindow): number {
  const [hours, minutes] = window.start.split(':').map(Number)
  return (hours ?? 0) * 60 + (minutes ?? 0)
}

/**
 * Openings of `window` that end after `from`, in order, up to {@link WINDOW_SEARCH_DAYS} ahead.
 * Starts one day back so a window that opened yesterday evening and is still open counts.
 */
export function* windowOccurrences(window: MaintenanceWindow, from: number): Generator<WindowOccurrence> {
  if (!window.enabled) return
  const minute = startMinute(window)
  const first = addDays(localDateOf(window.timeZone, from), -1)
  for (let offset = 0; offset <= WINDOW_SEARCH_DAYS; offset++) {
    const date = addDays(first, offset)
    if (!occursOn(window, date)) continue
    const start = localToUtc(window.timeZone, date, minute)
    const end = start + window.durationMinutes * MINUTE_MS
    if (end > from) yield { name: window.name, type: window.type, start, end }
  }
}

/** What the windows say about doing `purpose` at `now`. */
export type WindowVerdict =
  /** No window applies to this purpose: any time is fine. */
  | { readonly kind: 'unrestricted' }
  /** A window is open until `until`. */
  | { readonly kind: 'open'; readonly until: number; readonly window: string }
  /** Closed; the next suitable window opens at `nextStart` (`null`: none within the search range). */
  | { readonly kind: 'closed'; readonly nextStart: number | null }

/**
 * Evaluates maintenance windows for one purpose at `now`. A window only counts when it is long
 * enough for `minimumMinutes` (the job's maximum run time), as a real client refuses to start
 * what cannot finish inside the window.
 */
export function evaluateWindows(
  windows: readonly MaintenanceWindow[],
  purpose: WindowPurpose,
  now: number,
  options: { readonly minimumMinutes?: number } = {},
): WindowVerdict {
  const applicable = windows.filter((w) => w.enabled && windowAllows(w.type, purpose))
  if (applicable.length === 0) return { kind: 'unrestricted' }
  const needMs = (options.minimumMinutes ?? 0) * MINUTE_MS
  let nextStart: number | null = null
  let open: { until: number; window: string } | null = null
  for (const window of applicable) {
    if (window.durationMinutes * MINUTE_MS < needMs) continue
    for (const occurrence of windowOccurrences(window, now)) {
      if (occurrence.start <= now) {
        // Open now, but only usable if what remains is long enough.
        if (occurrence.end - now >= needMs && (open === null || occurrence.end > open.until)) {
          open = { until: occurrence.end, window: occurrence.name }
        }
        continue
      }
      if (nextStart === null || occurrence.start < nextStart) nextStart = occurrence.start
      break
    }
  }
  if (open !== null) return { kind: 'open', until: open.until, window: open.window }
  return { kind: 'closed', nextStart }
}
