/**
 * The 16 fixed tally intervals of ConfigMgr (reference §10.2), which double as the threshold
 * periods of the component status summarizer, and the two rolling windows Sitrep adds.
 */
export const TALLY_INTERVAL_NAMES = [
  'since-12am',
  'since-4am',
  'since-8am',
  'since-12pm',
  'since-4pm',
  'since-8pm',
  'since-sunday',
  'since-monday',
  'since-tuesday',
  'since-wednesday',
  'since-thursday',
  'since-friday',
  'since-saturday',
  'since-1st-of-month',
  'since-15th-of-month',
  'since-site-installation',
] as const
export type TallyIntervalName = (typeof TALLY_INTERVAL_NAMES)[number]

/** Rolling windows Sitrep adds: they end now and start a fixed time before it. */
export const ROLLING_WINDOW_NAMES = ['last-hour', 'last-24-hours'] as const
export type RollingWindowName = (typeof ROLLING_WINDOW_NAMES)[number]

/** Anything a summary can be computed over: a fixed tally interval or a rolling window. */
export type SummaryWindow = TallyIntervalName | RollingWindowName

/** When an interval starts: at a local hour every day, on a weekday, on a day of the month, or once. */
export type IntervalRecurrence =
  | { readonly kind: 'daily'; readonly hour: number }
  | { readonly kind: 'weekly'; readonly weekday: number }
  | { readonly kind: 'monthly'; readonly day: number }
  | { readonly kind: 'site-installation' }

/** One fixed tally interval: its schedule token, the names people see, and when it starts. */
export interface TallyInterval {
  readonly name: TallyIntervalName
  /** The `SMS_ST_*` schedule token ConfigMgr queries use, upper-case hex. */
  readonly token: string
  /** Console wording, e.g. `Since 4:00 AM`. */
  readonly displayName: string
  /** `Clear-CMComponentStatusMessageCount` wording, e.g. `Since 4:00:00`. */
  readonly powerShellName: string
  readonly recurrence: IntervalRecurrence
}

const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'] as const
const WEEKLY_TOKENS = ['192000', '1A2000', '1B2000', '1C2000', '1D2000', '1E2000', '1F2000'] as const
const DAILY_TOKENS = ['000', '008', '010', '018', '020', '028'] as const
const DAILY_LABELS = ['12:00 AM', '4:00 AM', '8:00 AM', '12:00 PM', '4:00 PM', '8:00 PM'] as const

function daily(index: number): TallyInterval {
  const hour = index * 4
  return {
    // The index runs over the six daily names, in order, so the lookup always hits.
    name: TALLY_INTERVAL_NAMES[index] as TallyIntervalName,
    token: `${DAILY_TOKENS[index] ?? ''}1128000100008`,
    displayName: `Since ${DAILY_LABELS[index] ?? ''}`,
    powerShellName: `Since ${hour}:00:00`,
    recurrence: { kind: 'daily', hour },
  }
}

function weekly(weekday: number): TallyInterval {
  const day = WEEKDAYS[weekday] ?? ''
  return {
    // Weekday names follow the six daily ones, Sunday first, as the table above lists them.
    name: TALLY_INTERVAL_NAMES[6 + weekday] as TallyIntervalName,
    token: `0001128000${WEEKLY_TOKENS[weekday] ?? ''}`,
    displayName: `Since ${day}`,
    powerShellName: `Since ${day}`,
    recurrence: { kind: 'weekly', weekday },
  }
}

/** Every fixed tally interval in console order, with its token (reference §10.2). */
export const TALLY_INTERVALS: readonly TallyInterval[] = Object.freeze([
  ...[0, 1, 2, 3, 4, 5].map(daily),
  ...[0, 1, 2, 3, 4, 5, 6].map(weekly),
  {
    name: 'since-1st-of-month',
    token: '000A470000284400',
    displayName: 'Since 1st of month',
    powerShellName: 'Since 1st of the Month',
    recurrence: { kind: 'monthly', day: 1 },
  },
  {
    name: 'since-15th-of-month',
    token: '000A4700002BC400',
    displayName: 'Since 15th of month',
    powerShellName: 'Since 15th of the Month',
    recurrence: { kind: 'monthly', day: 15 },
  },
  {
    name: 'since-site-installation',
    token: '0001128000080008',
    displayName: 'Since site installation',
    powerShellName: 'Since Site Installation',
    recurrence: { kind: 'site-installation' },
  },
])

/** The default threshold period and tally interval: since 12:00 AM (reference §10.1). */
export const DEFAULT_TALLY_INTERVAL: TallyIntervalName = 'since-12am'

/** Length of each rolling window, in ms. */
export const ROLLING_WINDOW_MS: Readonly<Record<RollingWindowName, number>> = Object.freeze({
  'last-hour': 60 * 60 * 1000,
  'last-24-hours': 24 * 60 * 60 * 1000,
})

/** Returns the definition of a fixed tally interval. */
export function tallyInterval(name: TallyIntervalName): TallyInterval {
  const found = TALLY_INTERVALS.find((interval) => interval.name === name)
  // TALLY_INTERVALS holds one entry per name; the test suite checks it.
  if (found === undefined) throw new RangeError(`tally interval ${name} is not defined`)
  return found
}

/** Tells a rolling window from a fixed tally interval. */
export function isRollingWindow(window: SummaryWindow): window is RollingWindowName {
  return window === 'last-hour' || window === 'last-24-hours'
}

/**
 * Reads a schedule token (case-insensitive hex) into its tally interval name, or `undefined` for
 * any other token: as in ConfigMgr, only the 16 fixed tokens are valid.
 */
export function parseTallyToken(token: string): TallyIntervalName | undefined {
  const upper = token.toUpperCase()
  return TALLY_INTERVALS.find((interval) => interval.token === upper)?.name
}

/** Returns the schedule token of a fixed tally interval. */
export function formatTallyToken(name: TallyIntervalName): string {
  return tallyInterval(name).token
}

/** Returns the words people see for a window, e.g. `Since 4:00 AM` or `Last 24 hours`. */
export function windowDisplayName(window: SummaryWindow): string {
  if (window === 'last-hour') return 'Last hour'
  if (window === 'last-24-hours') return 'Last 24 hours'
  return tallyInterval(window).displayName
}
