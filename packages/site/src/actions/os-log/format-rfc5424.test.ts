import { describe, expect, it } from 'vitest'
import {
  escapeSdParamValue,
  formatRfc5424,
  formatSdElement,
  osLogEntryToSyslogRecord,
  syslogPriority,
} from './format-rfc5424.ts'
import type { SyslogRecord } from './format-rfc5424.ts'
import { severityToSyslogSeverity } from './os-log-entry.ts'
import { makeOsLogEntry } from './make-os-log-entry.ts'

const record: SyslogRecord = {
  facility: 16,
  severity: 3,
  timestamp: Date.UTC(2025, 0, 2, 3, 4, 5, 678),
  hostname: 'site01',
  appName: 'sitrep',
  procId: '4242',
  msgId: '4609',
  structuredData: [{ id: 'sitrep@32473', params: [['siteCode', 'ABC']] }],
  message: 'hello',
}

describe('syslogPriority', () => {
  it('is facility times eight plus severity', () => {
    expect(syslogPriority(16, 3)).toBe(131)
    expect(syslogPriority(1, 6)).toBe(14)
    expect(syslogPriority(0, 0)).toBe(0)
    expect(syslogPriority(23, 7)).toBe(191)
  })
})

describe('severityToSyslogSeverity', () => {
  it('maps error to err(3), warning to warning(4) and informational to info(6)', () => {
    expect(severityToSyslogSeverity('error')).toBe(3)
    expect(severityToSyslogSeverity('warning')).toBe(4)
    expect(severityToSyslogSeverity('informational')).toBe(6)
  })
})

describe('escapeSdParamValue', () => {
  it('puts a backslash before a quote, a backslash and a closing bracket', () => {
    expect(escapeSdParamValue('a"b\\c]d')).toBe('a\\"b\\\\c\\]d')
  })

  it('leaves an opening bracket, equals signs and Unicode alone', () => {
    expect(escapeSdParamValue('[x=y] Grüße ✓')).toBe('[x=y\\] Grüße ✓')
  })
})

describe('formatSdElement', () => {
  it('writes each parameter as a quoted, escaped value', () => {
    expect(
      formatSdElement({
        id: 'sitrep@32473',
        params: [
          ['a', '1'],
          ['b', 'x"]'],
        ],
      }),
    ).toBe('[sitrep@32473 a="1" b="x\\"\\]"]')
  })
})

describe('formatRfc5424', () => {
  it('writes the header, structured data and message in RFC 5424 order', () => {
    expect(formatRfc5424(record)).toBe(
      '<131>1 2025-01-02T03:04:05.678Z site01 sitrep 4242 4609 [sitrep@32473 siteCode="ABC"] hello',
    )
  })

  it('writes the NILVALUE for missing header fields and structured data', () => {
    expect(
      formatRfc5424({
        ...record,
        timestamp: null,
        hostname: null,
        appName: '',
        procId: null,
        msgId: null,
        structuredData: [],
      }),
    ).toBe('<131>1 - - - - - - hello')
  })

  it('leaves out the space before an empty message', () => {
    expect(formatRfc5424({ ...record, structuredData: [], message: '' })).toMatch(/ 4609 -$/)
  })

  it('replaces spaces and non-ASCII in header fields, which would shift later fields', () => {
    expect(formatRfc5424({ ...record, hostname: 'my host', msgId: 'SMS Server:ü' })).toContain(
      ' my_host sitrep 4242 SMS_Server:_ ',
    )
  })

  it('cuts header fields to their RFC lengths', () => {
    const line = formatRfc5424({ ...record, msgId: 'x'.repeat(40), appName: 'a'.repeat(60) })
    expect(line).toContain(` ${'a'.repeat(48)} 4242 ${'x'.repeat(32)} [`)
  })

  it('keeps the message as is: Unicode, brackets and newlines', () => {
    expect(formatRfc5424({ ...record, message: 'Grüße ] "x"\nzwei' })).toMatch(/\] Grüße \] "x"\nzwei$/)
  })
})

describe('osLogEntryToSyslogRecord', () => {
  it('carries the entry in the header and the sitrep@32473 element', () => {
    const entry = makeOsLogEntry({ severity: 'warning', text: 'x ] y', machine: 'M"1' })
    expect(formatRfc5424(osLogEntryToSyslogRecord(entry, { facility: 1, hostname: 'h', procId: 7 }))).toBe(
      '<12>1 2025-01-02T03:04:05.678Z h sitrep 7 4609 [sitrep@32473 siteCode="ABC" module="SMS Server" ' +
        'component="SMS_COMPONENT_STATUS_SUMMARIZER" machine="M\\"1" messageId="4609" severity="warning" ' +
        'id="0192f0c4-7b1e-7c3a-9f00-0123456789ab"] x ] y',
    )
  })
})
