import type { Severity } from '@sitrep/protocol'
import { toVisibleText } from '@sitrep/protocol'

/**
 * One status message as the OS log action writes it: the fields an operator filters on plus
 * the rendered text. The site renders the text from the catalogue before calling the writer.
 */
export interface OsLogEntry {
  readonly severity: Severity
  /** Rendered message text; may hold any Unicode, including newlines. */
  readonly text: string
  /** `ModuleName`, e.g. `SMS Server`. */
  readonly module: string
  readonly component: string
  readonly machine: string
  readonly siteCode: string
  /** Catalogue message ID, 0–65535. */
  readonly messageId: number
  /** The message's UUID. */
  readonly id: string
  /** When the producer created the message, epoch ms. */
  readonly createdAt: number
}

/**
 * Returns the entry with its text and every text field written as visible escapes
 * (`toVisibleText`): no CR, LF, NEL, LS/PS, other control character, terminal escape or bidi
 * override is left. Each OS log format calls this once, as the first step of turning an entry
 * into what it writes, so a status message can never start or fake a record in any OS log.
 */
export function toVisibleEntry(entry: OsLogEntry): OsLogEntry {
  return {
    ...entry,
    text: toVisibleText(entry.text),
    module: toVisibleText(entry.module),
    component: toVisibleText(entry.component),
    machine: toVisibleText(entry.machine),
    siteCode: toVisibleText(entry.siteCode),
    id: toVisibleText(entry.id),
  }
}

/** Where a Linux site sends OS log entries; `auto` prefers journald when its socket exists. */
export const OS_LOG_MODES = ['auto', 'syslog', 'journald'] as const
export type OsLogMode = (typeof OS_LOG_MODES)[number]

/** Syslog severities (RFC 5424 §6.2.1) for the three status message severities. */
export const SYSLOG_SEVERITIES = { error: 3, warning: 4, informational: 6 } as const satisfies Record<
  Severity,
  number
>

/** Returns the RFC 5424 severity of a status message severity: err(3), warning(4) or info(6). */
export function severityToSyslogSeverity(severity: Severity): number {
  return SYSLOG_SEVERITIES[severity]
}

/** The name `logger -p` understands for each syslog severity code this action uses. */
const SYSLOG_SEVERITY_NAMES: Readonly<Record<number, string>> = { 3: 'err', 4: 'warning', 6: 'info' }

/**
 * Syslog facilities the OS log action may use, with their RFC 5424 codes. Codes 12–15 (ntp,
 * security, console, clock) are left out: `logger` has no name for them, and a status system has
 * no business posing as one of them.
 */
export const SYSLOG_FACILITIES = [
  { name: 'kern', code: 0 },
  { name: 'user', code: 1 },
  { name: 'mail', code: 2 },
  { name: 'daemon', code: 3 },
  { name: 'auth', code: 4 },
  { name: 'syslog', code: 5 },
  { name: 'lpr', code: 6 },
  { name: 'news', code: 7 },
  { name: 'uucp', code: 8 },
  { name: 'cron', code: 9 },
  { name: 'authpriv', code: 10 },
  { name: 'ftp', code: 11 },
  { name: 'local0', code: 16 },
  { name: 'local1', code: 17 },
  { name: 'local2', code: 18 },
  { name: 'local3', code: 19 },
  { name: 'local4', code: 20 },
  { name: 'local5', code: 21 },
  { name: 'local6', code: 22 },
  { name: 'local7', code: 23 },
] as const

/** Default facility: `local0` (16), the conventional home of a site's own application logs. */
export const DEFAULT_SYSLOG_FACILITY = 16

/** Returns the `logger` name of a facility code, or `undefined` for a code it cannot name. */
export function syslogFacilityName(code: number): string | undefined {
  return SYSLOG_FACILITIES.find((f) => f.code === code)?.name
}

/** Returns `facility.severity` in the form `logger -p` takes, e.g. `local0.err`. */
export function loggerPriorityName(facility: number, severity: Severity): string {
  const facilityName = syslogFacilityName(facility)
  if (facilityName === undefined) throw new RangeError(`syslog facility ${facility} has no name`)
  return `${facilityName}.${SYSLOG_SEVERITY_NAMES[severityToSyslogSeverity(severity)] ?? 'info'}`
}

/** The private SD-ID holding Sitrep's fields (32473 is the example enterprise number of RFC 5612). */
export const SITREP_SD_ID = 'sitrep@32473'
/** APP-NAME, syslog identifier and Event Log source of every entry. */
export const OS_LOG_APP_NAME = 'sitrep'
