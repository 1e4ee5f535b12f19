/**
 * From `sitrep collection create` / `update` flags to the collection definition the REST API
 * takes: pure. The rule flags make one query rule (more rules: `--file`); a maintenance window
 * is one `--window "RECURRENCE HH:MM DURATION ZONE [TYPE]"`.
 */
import type { createCollection, RouteBody } from '@sitrep/api'
import { ARCHITECTURES, LINUX_FAMILIES, MAINTENANCE_WINDOW_TYPES, PLATFORMS } from '@sitrep/protocol'
import type { CollectionDefinition, MaintenanceWindow, Recurrence } from '@sitrep/protocol'
import { UsageError } from '../../usage-error.ts'

/** The body of `POST /api/v1/collections`. */
export type CollectionInput = RouteBody<typeof createCollection>
type RuleInput = NonNullable<CollectionInput['rules']>[number]
type WindowInput = NonNullable<CollectionInput['maintenanceWindows']>[number]

/** The flags of `sitrep collection create` and `update`. */
export interface CollectionFlags {
  readonly name?: string
  readonly description?: string
  readonly member?: readonly string[]
  readonly include?: readonly string[]
  readonly exclude?: readonly string[]
  readonly platform?: readonly string[]
  readonly linuxFamily?: readonly string[]
  readonly arch?: readonly string[]
  readonly osVersionAtLeast?: string
  readonly namePattern?: readonly string[]
  readonly siteCode?: readonly string[]
  readonly window?: readonly string[]
}

/** A new collection from flags; `--name` is needed. */
export function collectionFromFlags(flags: CollectionFlags): CollectionInput {
  if (flags.name === undefined) throw new UsageError('collection create: --name is required (or give --file)')
  const rule = ruleFromFlags(flags)
  return {
    name: flags.name,
    ...(flags.description === undefined ? {} : { description: flags.description }),
    staticMembers: [...(flags.member ?? [])],
    rules: rule === undefined ? [] : [rule],
    include: [...(flags.include ?? [])],
    exclude: [...(flags.exclude ?? [])],
    maintenanceWindows: (flags.window ?? []).map(parseWindow),
  }
}

/**
 * `current` with the parts the flags give replaced: `--member`, `--include`, `--exclude` and
 * `--window` each replace their whole list, and any rule flag replaces the rules with that one.
 */
export function collectionUpdateFromFlags(
  current: CollectionDefinition,
  flags: CollectionFlags,
): CollectionInput {
  const rule = ruleFromFlags(flags)
  return {
    ...current,
    ...(flags.name === undefined ? {} : { name: flags.name }),
    ...(flags.description === undefined ? {} : { description: flags.description }),
    ...(flags.member === undefined ? {} : { staticMembers: [...flags.member] }),
    ...(rule === undefined ? {} : { rules: [rule] }),
    ...(flags.include === undefined ? {} : { include: [...flags.include] }),
    ...(flags.exclude === undefined ? {} : { exclude: [...flags.exclude] }),
    ...(flags.window === undefined ? {} : { maintenanceWindows: flags.window.map(parseWindow) }),
  }
}

function ruleFromFlags(flags: CollectionFlags): RuleInput | undefined {
  const rule: RuleInput = {
    ...(flags.platform === undefined ? {} : { platforms: choices('--platform', flags.platform, PLATFORMS) }),
    ...(flags.linuxFamily === undefined
      ? {}
      : { linuxFamilies: choices('--linux-family', flags.linuxFamily, LINUX_FAMILIES) }),
    ...(flags.arch === undefined ? {} : { architectures: choices('--arch', flags.arch, ARCHITECTURES) }),
    ...(flags.osVersionAtLeast === undefined ? {} : { osVersionAtLeast: flags.osVersionAtLeast }),
    ...(flags.namePattern === undefined ? {} : { namePatterns: [...flags.namePattern] }),
    ...(flags.siteCode === undefined ? {} : { siteCodes: [...flags.siteCode] }),
  }
  return Object.keys(rule).length === 0 ? undefined : rule
}

const WEEKDAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const
const WINDOW_FORM =
  '"RECURRENCE HH:MM DURATION ZONE [TYPE]", e.g. "daily 02:00 2h Europe/Berlin" or ' +
  '"weekly:sat,sun 22:00 90m UTC restart_only"; RECURRENCE is daily, every:N (days), ' +
  'weekly:DAY,DAY, monthly:N (day of the month) or once:YYYY-MM-DD'

/**
 * One maintenance window from its `--window` text, named by that text. The start time and the
 * time zone are checked by the site, which names the field it refuses.
 */
export function parseWindow(text: string): WindowInput {
  const words = text.trim().split(/\s+/)
  const [recurrence = '', start = '', duration = '', timeZone, type, ...extra] = words
  if (timeZone === undefined || extra.length > 0) {
    throw new UsageError(`--window "${text}" is not of the form ${WINDOW_FORM}`)
  }
  return {
    name: words.join(' '),
    recurrence: parseRecurrence(text, recurrence),
    start,
    durationMinutes: parseDuration(text, duration),
    timeZone,
    ...(type === undefined ? {} : { type: choices('--window type', [type], MAINTENANCE_WINDOW_TYPES)[0] }),
  }
}

function parseRecurrence(text: string, word: string): Recurrence {
  const [kind = '', value = ''] = word.toLowerCase().split(':')
  const fail = (why: string): never => {
    throw new UsageError(`--window "${text}": ${why}; the form is ${WINDOW_FORM}`)
  }
  const number = (min: number, max: number): number => {
    const n = Number(value)
    return /^\d+$/.test(value) && n >= min && n <= max ? n : fail(`${kind}:N takes N from ${min} to ${max}`)
  }
  switch (kind) {
    case 'daily':
      return { kind: 'daily', everyDays: 1 }
    case 'every':
      return { kind: 'daily', everyDays: number(1, 31) }
    case 'monthly':
      return { kind: 'monthly', dayOfMonth: number(1, 31) }
    case 'once':
      return /^\d{4}-\d{2}-\d{2}$/.test(value)
        ? { kind: 'once', date: value }
        : fail('once:YYYY-MM-DD needs a date')
    case 'weekly': {
      const days = value.split(',').map((d) => WEEKDAYS.findIndex((w) => w === d.slice(0, 3)))
      if (value === '' || days.includes(-1))
        fail('weekly:DAY,DAY takes days as mon, tue, wed, thu, fri, sat, sun')
      return { kind: 'weekly', days }
    }
    default:
      return fail(`"${word}" is not a recurrence`)
  }
}

function parseDuration(text: string, word: string): number {
  const match = /^(\d+)(m|h)?$/.exec(word)
  if (match === null) {
    throw new UsageError(`--window "${text}": the duration "${word}" is minutes (90 or 90m) or hours (2h)`)
  }
  return Number(match[1]) * (match[2] === 'h' ? 60 : 1)
}

function choices<T extends string>(flag: string, values: readonly string[], allowed: readonly T[]): T[] {
  return values.map((value) => {
    const found = allowed.find((a) => a === value)
    if (found === undefined)
      throw new UsageError(`${flag} must be one of ${allowed.join(', ')}, got "${value}"`)
    return found
  })
}

/** A maintenance window in one line, for `collection show`. */
export function windowText(window: MaintenanceWindow): string {
  const r = window.recurrence
  const when =
    r.kind === 'once'
      ? `on ${r.date}`
      : r.kind === 'daily'
        ? r.everyDays === 1
          ? 'daily'
          : `every ${r.everyDays} days`
        : r.kind === 'weekly'
          ? `weekly on ${r.days.map((d) => WEEKDAYS[d] ?? String(d)).join(', ')}`
          : `monthly on day ${r.dayOfMonth}`
  const off = window.enabled ? '' : ' (disabled)'
  return `${when} at ${window.start} ${window.timeZone} for ${window.durationMinutes} min, ${window.type.replaceAll('_', ' ')}${off}`
}
