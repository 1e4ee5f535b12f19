/**
 * Issue 12, item 1, for every OS log format: whatever text an attacker puts in any field of a
 * status message, each writer produces exactly one well-formed record, and the fields read back
 * from it are the visible-text forms of what was sent. Nothing can start a second record, end a
 * field early or add one.
 */
import { toVisibleText } from '@sitrep/protocol'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  formatJournaldLines,
  formatJournaldNative,
  osLogEntryToJournaldFields,
} from '../../src/actions/os-log/format-journald.ts'
import { formatRfc5424, osLogEntryToSyslogRecord } from '../../src/actions/os-log/format-rfc5424.ts'
import {
  linuxJournaldCommand,
  linuxSyslogCommand,
  macosLoggerCommand,
  windowsEventLogCommand,
} from '../../src/actions/os-log/os-log-commands.ts'
import type { OsLogEntry } from '../../src/actions/os-log/os-log-entry.ts'
import { makeOsLogEntry } from '../../src/actions/os-log/make-os-log-entry.ts'
import { arbitraryHostileText } from '../helpers/hostile-text.ts'
import { ANY_LINE_BREAK, readRfc5424 } from '../helpers/read-rfc5424.ts'

const arbitraryEntry: fc.Arbitrary<OsLogEntry> = fc
  .record({
    text: arbitraryHostileText(),
    module: arbitraryHostileText(3),
    component: arbitraryHostileText(3),
    machine: arbitraryHostileText(3),
    siteCode: arbitraryHostileText(2),
    id: arbitraryHostileText(2),
    severity: fc.constantFrom('error', 'warning', 'informational'),
  })
  .map((fields) => makeOsLogEntry(fields))

const PARAM_NAMES = ['siteCode', 'module', 'component', 'machine', 'messageId', 'severity', 'id']

/** The visible forms of the entry's fields, as a reader must find them. */
function expectedParams(entry: OsLogEntry): [string, string][] {
  return [
    ['siteCode', toVisibleText(entry.siteCode)],
    ['module', toVisibleText(entry.module)],
    ['component', toVisibleText(entry.component)],
    ['machine', toVisibleText(entry.machine)],
    ['messageId', String(entry.messageId)],
    ['severity', entry.severity],
    ['id', toVisibleText(entry.id)],
  ]
}

describe('syslog (RFC 5424)', () => {
  const stamp = { facility: 16, hostname: 'site01', procId: 4242 }

  it('formats any entry as exactly one record whose fields read back as the visible text', () => {
    fc.assert(
      fc.property(arbitraryEntry, (entry) => {
        const record = readRfc5424(formatRfc5424(osLogEntryToSyslogRecord(entry, stamp)))
        expect(record.header.slice(3)).toEqual(['sitrep', '4242', String(entry.messageId)])
        expect(record.sd).toEqual([['sitrep@32473', expectedParams(entry)]])
        expect(record.msg).toBe(toVisibleText(entry.text))
      }),
      { numRuns: 500 },
    )
  })

  it('hands logger arguments that hold no line break and well-formed SD-PARAMs', () => {
    fc.assert(
      fc.property(arbitraryEntry, (entry) => {
        const { argv } = linuxSyslogCommand(entry, {
          facility: 16,
          procId: 1,
          loggerPath: 'logger',
          socketPath: '/dev/log',
          maxMessageBytes: 8192,
        })
        for (const arg of argv) expect(ANY_LINE_BREAK.test(arg)).toBe(false)
        const sdParams = argv.flatMap((arg, i) => (argv[i - 1] === '--sd-param' ? [arg] : []))
        // Each --sd-param becomes ` name="value"` inside one element; read them back as such.
        const element = `<1>1 - - - - - [sitrep@32473${sdParams.map((p) => ` ${p}`).join('')}] ${argv.at(-1) ?? ''}`
        expect(readRfc5424(element).sd).toEqual([['sitrep@32473', expectedParams(entry)]])
      }),
      { numRuns: 300 },
    )
  })
})

describe('journald', () => {
  const NAMES = [
    'MESSAGE',
    'PRIORITY',
    'SYSLOG_FACILITY',
    'SYSLOG_IDENTIFIER',
    'SITREP_SITE_CODE',
    'SITREP_MODULE',
    'SITREP_COMPONENT',
    'SITREP_MACHINE',
    'SITREP_MESSAGE_ID',
    'SITREP_SEVERITY',
    'SITREP_ID',
    'SITREP_CREATED_AT',
  ]

  it('feeds logger --journald exactly its twelve KEY=value lines, none forged', () => {
    fc.assert(
      fc.property(arbitraryEntry, (entry) => {
        const stdin = linuxJournaldCommand(entry, { loggerPath: 'logger', facility: 16 }).stdin ?? ''
        const lines = stdin.split('\n')
        expect(lines.pop()).toBe('')
        expect(lines.map((line) => line.slice(0, line.indexOf('=')))).toEqual(NAMES)
        expect(lines[0]).toBe(`MESSAGE=${toVisibleText(entry.text)}`)
      }),
      { numRuns: 300 },
    )
    expect(formatJournaldLines(osLogEntryToJournaldFields(makeOsLogEntry(), { facility: 16 }))).toContain(
      'SITREP_MACHINE=SITE01\n',
    )
  })

  it('serializes the native datagram so a reader finds the same twelve fields', () => {
    fc.assert(
      fc.property(arbitraryEntry, (entry) => {
        const fields = osLogEntryToJournaldFields(entry, { facility: 16 })
        expect(readJournaldNative(formatJournaldNative(fields))).toEqual(fields.map(([n, v]) => [n, v]))
        expect(fields.map(([name]) => name)).toEqual(NAMES)
      }),
      { numRuns: 200 },
    )
  })
})

describe('macOS logger', () => {
  it('passes one line: the fields in brackets, then the text', () => {
    fc.assert(
      fc.property(arbitraryEntry, (entry) => {
        const { argv } = macosLoggerCommand(entry, { loggerPath: '/usr/bin/logger', facility: 16 })
        const message = argv.at(-1) ?? ''
        expect(ANY_LINE_BREAK.test(message)).toBe(false)
        expect(message.endsWith(` ${toVisibleText(entry.text)}`)).toBe(true)
        const prefix = message.slice(0, message.length - toVisibleText(entry.text).length - 1)
        expect(readRfc5424(`<1>1 - - - - - [x ${prefix.slice(1)}`).sd).toEqual([['x', expectedParams(entry)]])
      }),
      { numRuns: 300 },
    )
  })
})

describe('Windows Event Log', () => {
  it('writes the text on one line and exactly the seven field lines after it', () => {
    fc.assert(
      fc.property(arbitraryEntry, (entry) => {
        const { stdin } = windowsEventLogCommand(entry, { powershellPath: 'powershell.exe' })
        const payload = JSON.parse(Buffer.from(stdin ?? '', 'base64').toString('utf8')) as { message: string }
        const [text, blank, ...fieldLines] = payload.message.split('\r\n')
        expect(text).toBe(toVisibleText(entry.text))
        expect(blank).toBe('')
        expect(fieldLines.map((line) => line.slice(0, line.indexOf(': ')))).toEqual(PARAM_NAMES)
        for (const line of fieldLines) expect(ANY_LINE_BREAK.test(line)).toBe(false)
      }),
      { numRuns: 300 },
    )
  })
})

/** Reads journald's native format back: `KEY=value\n`, or `KEY\n` + u64le length + bytes + `\n`. */
function readJournaldNative(bytes: Uint8Array): [string, string][] {
  const buffer = Buffer.from(bytes)
  const fields: [string, string][] = []
  let at = 0
  while (at < buffer.length) {
    const newline = buffer.indexOf(0x0a, at)
    const equals = buffer.indexOf(0x3d, at)
    if (equals !== -1 && equals < newline) {
      fields.push([buffer.toString('utf8', at, equals), buffer.toString('utf8', equals + 1, newline)])
      at = newline + 1
    } else {
      const name = buffer.toString('utf8', at, newline)
      const length = Number(buffer.readBigUInt64LE(newline + 1))
      const start = newline + 9
      fields.push([name, buffer.toString('utf8', start, start + length)])
      if (buffer[start + length] !== 0x0a) throw new Error(`field ${name} is not closed by a newline`)
      at = start + length + 1
    }
  }
  return fields
}
