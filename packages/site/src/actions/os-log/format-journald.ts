/**
 * journald's native protocol, pure: an entry is a list of fields, serialized as `KEY=value\n`,
 * or, for a value holding a newline, `KEY\n` + its byte length as a 64-bit little-endian integer
 * + the bytes + `\n` (systemd.io/JOURNAL_NATIVE_PROTOCOL).
 */
import { OS_LOG_APP_NAME, severityToSyslogSeverity, toVisibleEntry } from './os-log-entry.ts'
import type { OsLogEntry } from './os-log-entry.ts'

/** One journal field; names are upper-case letters, digits and `_`, not starting with `_`. */
export type JournaldField = readonly [name: string, value: string]

const FIELD_NAME = /^[A-Z0-9][A-Z0-9_]{0,63}$/

/**
 * Returns the journal fields of one OS log entry: the standard `PRIORITY`, `SYSLOG_FACILITY`,
 * `SYSLOG_IDENTIFIER` and `MESSAGE`, plus `SITREP_*` fields to filter on
 * (`journalctl SITREP_SITE_CODE=ABC`). This is the journald sink's one escaping place: every
 * value is visible text (`toVisibleEntry`), so no value holds a line break that could end its
 * `KEY=value` line and start a forged field such as `PRIORITY=0`.
 */
export function osLogEntryToJournaldFields(
  raw: OsLogEntry,
  stamp: { readonly facility: number },
): readonly JournaldField[] {
  const entry = toVisibleEntry(raw)
  return [
    ['MESSAGE', entry.text],
    ['PRIORITY', String(severityToSyslogSeverity(entry.severity))],
    ['SYSLOG_FACILITY', String(stamp.facility)],
    ['SYSLOG_IDENTIFIER', OS_LOG_APP_NAME],
    ['SITREP_SITE_CODE', entry.siteCode],
    ['SITREP_MODULE', entry.module],
    ['SITREP_COMPONENT', entry.component],
    ['SITREP_MACHINE', entry.machine],
    ['SITREP_MESSAGE_ID', String(entry.messageId)],
    ['SITREP_SEVERITY', entry.severity],
    ['SITREP_ID', entry.id],
    ['SITREP_CREATED_AT', new Date(entry.createdAt).toISOString()],
  ]
}

/**
 * Serializes fields in journald's native datagram format. Throws a `RangeError` for an invalid
 * field name, which is a programming error: names here are constants.
 */
export function formatJournaldNative(fields: readonly JournaldField[]): Uint8Array {
  const encoder = new TextEncoder()
  const parts: Uint8Array[] = []
  for (const [name, value] of fields) {
    assertFieldName(name)
    if (!value.includes('\n')) {
      parts.push(encoder.encode(`${name}=${value}\n`))
      continue
    }
    const bytes = encoder.encode(value)
    const length = new Uint8Array(8)
    new DataView(length.buffer).setBigUint64(0, BigInt(bytes.length), true)
    parts.push(encoder.encode(`${name}\n`), length, bytes, encoder.encode('\n'))
  }
  return concat(parts)
}

/**
 * Serializes fields as the `KEY=value` lines that `logger --journald` reads from stdin. That
 * reader splits on newlines and has no binary form, so a value must not hold one; the fields of
 * {@link osLogEntryToJournaldFields} never do. Throws a `RangeError` for a value that does, a
 * programming error: it would forge a field.
 */
export function formatJournaldLines(fields: readonly JournaldField[]): string {
  return fields
    .map(([name, value]) => {
      assertFieldName(name)
      if (/[\r\n]/.test(value)) throw new RangeError(`journal field ${name} holds a line break`)
      return `${name}=${value}\n`
    })
    .join('')
}

function assertFieldName(name: string): void {
  if (!FIELD_NAME.test(name)) throw new RangeError(`invalid journal field name ${JSON.stringify(name)}`)
}

function concat(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((sum, p) => sum + p.length, 0))
  let offset = 0
  for (const part of parts) {
    out.set(part, offset)
    offset += part.length
  }
  return out
}
