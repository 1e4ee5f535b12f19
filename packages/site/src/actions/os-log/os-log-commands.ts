/**
 * The commands that put an entry into each platform's log, built as argv arrays (and stdin) by
 * pure functions, so the one place that spawns never builds a command line and no shell ever
 * parses message content.
 */
import { osLogEntryToJournaldFields, formatJournaldLines } from './format-journald.ts'
import { escapeSdParamValue, osLogEntryToSyslogRecord, sitrepSdParams } from './format-rfc5424.ts'
import { OS_LOG_APP_NAME, SITREP_SD_ID, loggerPriorityName, toVisibleEntry } from './os-log-entry.ts'
import type { OsLogEntry } from './os-log-entry.ts'

/** A program to run for one entry: argv[0] is the program, `stdin` is written then closed. */
export interface OsLogCommand {
  readonly argv: readonly string[]
  readonly stdin: string | null
}

/** What the Linux syslog command needs besides the entry. */
export interface LinuxSyslogCommandOptions {
  readonly facility: number
  /** PROCID: the site's process, not `logger`'s. */
  readonly procId: number
  readonly loggerPath: string
  readonly socketPath: string
  /** `logger -S`: longer messages are cut; rsyslog's own default limit is 8 KiB. */
  readonly maxMessageBytes: number
}

/** `logger` skips an empty message entirely, so an entry without text says so instead. */
const EMPTY_TEXT = '(no text)'

/**
 * Returns the util-linux `logger` command that sends an entry as RFC 5424 to a local datagram
 * socket. The fields are those of `osLogEntryToSyslogRecord`, so what arrives equals
 * `formatRfc5424` of that record except for the timestamp, which `logger` stamps itself.
 * `--socket-errors=on` makes a missing socket a non-zero exit instead of a silent drop.
 */
export function linuxSyslogCommand(entry: OsLogEntry, options: LinuxSyslogCommandOptions): OsLogCommand {
  // logger stamps HOSTNAME itself, with gethostname(2) as os.hostname() does.
  const record = osLogEntryToSyslogRecord(entry, { ...options, hostname: '' })
  // The record holds the escaped text and values (osLogEntryToSyslogRecord is the one place).
  const sdParams = (record.structuredData[0]?.params ?? []).flatMap(([name, value]) => [
    '--sd-param',
    `${name}="${escapeSdParamValue(value)}"`,
  ])
  return {
    argv: [
      options.loggerPath,
      '--socket-errors=on',
      '--socket',
      options.socketPath,
      // notq: no `timeQuality` element, so the structured data is exactly ours.
      '--rfc5424=notq',
      '--size',
      String(options.maxMessageBytes),
      '--priority',
      loggerPriorityName(options.facility, entry.severity),
      '--tag',
      record.appName ?? OS_LOG_APP_NAME,
      `--id=${record.procId ?? ''}`,
      '--msgid',
      record.msgId ?? '-',
      '--sd-id',
      SITREP_SD_ID,
      ...sdParams,
      '--',
      record.message === '' ? EMPTY_TEXT : record.message,
    ],
    stdin: null,
  }
}

/**
 * Returns the `logger --journald` command that writes an entry with its `SITREP_*` fields to
 * journald. `logger` reads one `KEY=value` field per stdin line and sends them through
 * libsystemd to the system journal (its socket path is fixed), so line breaks in the text become
 * spaces; see `formatJournaldLines`.
 */
export function linuxJournaldCommand(
  entry: OsLogEntry,
  options: { readonly loggerPath: string; readonly facility: number },
): OsLogCommand {
  return {
    argv: [options.loggerPath, '--journald'],
    stdin: formatJournaldLines(osLogEntryToJournaldFields(entry, options)),
  }
}

/**
 * Returns the macOS `logger` command: BSD `logger` calls syslog(3), which feeds the unified log
 * (`log show --predicate 'process == "logger"'`). It has no structured data, so the fields lead
 * the text; both are visible text (`toVisibleEntry`), so the entry stays one line.
 */
export function macosLoggerCommand(
  raw: OsLogEntry,
  options: { readonly loggerPath: string; readonly facility: number },
): OsLogCommand {
  const entry = toVisibleEntry(raw)
  return {
    argv: [
      options.loggerPath,
      '-p',
      loggerPriorityName(options.facility, entry.severity),
      '-t',
      OS_LOG_APP_NAME,
      '--',
      `${entryFieldsPrefix(entry)} ${entry.text}`,
    ],
    stdin: null,
  }
}

/** Event Log messages longer than this are refused by `ReportEvent`. */
const EVENT_LOG_MAX_CHARS = 31_839

/**
 * The constant PowerShell script of the Windows writer. Data never becomes code: the entry comes
 * in on stdin as base64 of UTF-8 JSON (the console's code page would mangle raw Unicode), and
 * `EventLog.WriteEntry` takes it as arguments. It works in Windows PowerShell 5.1 and pwsh 7.
 */
export const WINDOWS_EVENT_LOG_SCRIPT = [
  "$ErrorActionPreference = 'Stop'",
  '$json = [Text.Encoding]::UTF8.GetString([Convert]::FromBase64String([Console]::In.ReadToEnd().Trim()))',
  '$e = ConvertFrom-Json $json',
  '[Diagnostics.EventLog]::WriteEntry($e.source, $e.message, [Diagnostics.EventLogEntryType]$e.entryType, [int]$e.eventId)',
].join('\n')

const EVENT_LOG_ENTRY_TYPES = { error: 'Error', warning: 'Warning', informational: 'Information' } as const

/**
 * Returns the PowerShell command that writes an entry to the Windows Application log with source
 * `sitrep` and the message ID as event ID. `eventcreate` was not chosen: it only takes event IDs
 * 1–1000 and cannot carry the 0–65535 message IDs. Registering the source needs administrator
 * rights once (`New-EventLog -LogName Application -Source sitrep`); after that any account writes.
 * The text and field values are visible text (`toVisibleEntry`), so only the writer's own CRLFs
 * separate the text from the field lines, and no text can fake a field line.
 */
export function windowsEventLogCommand(
  raw: OsLogEntry,
  options: { readonly powershellPath: string },
): OsLogCommand {
  const entry = toVisibleEntry(raw)
  const message = `${entry.text}\r\n\r\n${entryFieldLines(entry).join('\r\n')}`.slice(0, EVENT_LOG_MAX_CHARS)
  const payload = JSON.stringify({
    source: OS_LOG_APP_NAME,
    message,
    entryType: EVENT_LOG_ENTRY_TYPES[entry.severity],
    eventId: entry.messageId,
  })
  return {
    argv: [
      options.powershellPath,
      '-NoLogo',
      '-NoProfile',
      '-NonInteractive',
      '-EncodedCommand',
      Buffer.from(WINDOWS_EVENT_LOG_SCRIPT, 'utf16le').toString('base64'),
    ],
    stdin: Buffer.from(payload, 'utf8').toString('base64'),
  }
}

function entryFieldsPrefix(entry: OsLogEntry): string {
  const params = sitrepSdParams(entry).map(([name, value]) => `${name}="${escapeSdParamValue(value)}"`)
  return `[${params.join(' ')}]`
}

function entryFieldLines(entry: OsLogEntry): string[] {
  return sitrepSdParams(entry).map(([name, value]) => `${name}: ${value}`)
}
