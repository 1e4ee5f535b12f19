/**
 * RFC 5424 syslog formatting, pure: no clock, hostname or socket. The Linux writer hands the
 * same fields to `logger`, whose output equals {@link formatRfc5424} except for the timestamp
 * it stamps itself (the rsyslog test checks this).
 */
import { OS_LOG_APP_NAME, SITREP_SD_ID, severityToSyslogSeverity, toVisibleEntry } from './os-log-entry.ts'
import type { OsLogEntry } from './os-log-entry.ts'

/** One SD-ELEMENT: an SD-ID and its parameters, in order. */
export interface SdElement {
  readonly id: string
  readonly params: readonly (readonly [name: string, value: string])[]
}

/** Every field of one RFC 5424 message; `null` header fields are written as the NILVALUE `-`. */
export interface SyslogRecord {
  /** Facility code, 0–23. */
  readonly facility: number
  /** Severity code, 0–7. */
  readonly severity: number
  /** Epoch ms, or `null` when unknown. */
  readonly timestamp: number | null
  readonly hostname: string | null
  readonly appName: string | null
  readonly procId: string | null
  readonly msgId: string | null
  readonly structuredData: readonly SdElement[]
  readonly message: string
}

/** Returns the PRI value, `facility * 8 + severity` (RFC 5424 §6.2.1). */
export function syslogPriority(facility: number, severity: number): number {
  return facility * 8 + severity
}

/** Escapes an SD-PARAM value: `"`, `\` and `]` get a backslash (RFC 5424 §6.3.3). */
export function escapeSdParamValue(value: string): string {
  return value.replace(/["\\\]]/g, (c) => `\\${c}`)
}

/** Returns one SD-ELEMENT as text, e.g. `[sitrep@32473 siteCode="ABC"]`. */
export function formatSdElement(element: SdElement): string {
  const params = element.params.map(([name, value]) => ` ${name}="${escapeSdParamValue(value)}"`)
  return `[${element.id}${params.join('')}]`
}

/**
 * Formats one syslog message as RFC 5424 text: `<PRI>1 TIMESTAMP HOSTNAME APP-NAME PROCID MSGID
 * STRUCTURED-DATA MSG`. Header fields are cut to the RFC's lengths and anything outside printable
 * ASCII becomes `_`, since a header with a space would shift every later field; MSG is sent as
 * is (UTF-8, without the optional BOM).
 */
export function formatRfc5424(record: SyslogRecord): string {
  const header = [
    `<${syslogPriority(record.facility, record.severity)}>1`,
    record.timestamp === null ? '-' : new Date(record.timestamp).toISOString(),
    headerField(record.hostname, 255),
    headerField(record.appName, 48),
    headerField(record.procId, 128),
    headerField(record.msgId, 32),
    record.structuredData.length === 0 ? '-' : record.structuredData.map(formatSdElement).join(''),
  ].join(' ')
  return record.message === '' ? header : `${header} ${record.message}`
}

/** How a site stamps its entries: the parts of the header that are not in the entry. */
export interface SyslogStamp {
  readonly facility: number
  readonly hostname: string
  readonly procId: number
}

/**
 * Builds the syslog record of one OS log entry: MSGID is the numeric message ID (a module name
 * such as `SMS Server` holds a space, which MSGID may not), and the `sitrep@32473` element carries
 * the fields an operator filters on.
 *
 * This is the syslog sink's one escaping place for untrusted text: the message text and every
 * SD-PARAM value go through `toVisibleEntry`, so no line break, terminal escape or bidi override
 * reaches the log and a text holding `\n<13>1 …` can never start a second record. The SD-PARAM
 * escaping of RFC 5424 §6.3.3 (`"`, `\`, `]`) is then applied by {@link formatSdElement}.
 */
export function osLogEntryToSyslogRecord(raw: OsLogEntry, stamp: SyslogStamp): SyslogRecord {
  const entry = toVisibleEntry(raw)
  return {
    facility: stamp.facility,
    severity: severityToSyslogSeverity(entry.severity),
    timestamp: entry.createdAt,
    hostname: stamp.hostname,
    appName: OS_LOG_APP_NAME,
    procId: String(stamp.procId),
    msgId: String(entry.messageId),
    structuredData: [{ id: SITREP_SD_ID, params: sitrepSdParams(entry) }],
    message: entry.text,
  }
}

/** The parameters of the `sitrep@32473` element, in a fixed order. */
export function sitrepSdParams(entry: OsLogEntry): readonly (readonly [string, string])[] {
  return [
    ['siteCode', entry.siteCode],
    ['module', entry.module],
    ['component', entry.component],
    ['machine', entry.machine],
    ['messageId', String(entry.messageId)],
    ['severity', entry.severity],
    ['id', entry.id],
  ]
}

function headerField(value: string | null, maxLength: number): string {
  if (value === null || value === '') return '-'
  // PRINTUSASCII is %d33-126 (RFC 5424 §6).
  return value.replace(/[^\x21-\x7e]/g, '_').slice(0, maxLength)
}
