import { describe, expect, it } from 'vitest'
import { formatJournaldLines, formatJournaldNative, osLogEntryToJournaldFields } from './format-journald.ts'
import { makeOsLogEntry } from './make-os-log-entry.ts'

const decode = (bytes: Uint8Array): string => new TextDecoder().decode(bytes)

describe('formatJournaldNative', () => {
  it('writes single-line values as KEY=value lines', () => {
    expect(
      decode(
        formatJournaldNative([
          ['MESSAGE', 'hi = there'],
          ['PRIORITY', '3'],
        ]),
      ),
    ).toBe('MESSAGE=hi = there\nPRIORITY=3\n')
  })

  it('writes a value with a newline as name, 64-bit little-endian byte length, bytes', () => {
    const bytes = formatJournaldNative([
      ['MESSAGE', 'ü\nx'],
      ['PRIORITY', '6'],
    ])
    const value = new TextEncoder().encode('ü\nx')
    const expected = new Uint8Array([
      ...new TextEncoder().encode('MESSAGE\n'),
      value.length,
      0,
      0,
      0,
      0,
      0,
      0,
      0,
      ...value,
      0x0a,
      ...new TextEncoder().encode('PRIORITY=6\n'),
    ])
    expect(value.length).toBe(4)
    expect(bytes).toEqual(expected)
  })

  it('refuses a field name journald would reject', () => {
    expect(() => formatJournaldNative([['_PID', '1']])).toThrow(RangeError)
    expect(() => formatJournaldNative([['message', 'x']])).toThrow(RangeError)
  })
})

describe('formatJournaldLines', () => {
  it('refuses a value holding a line break, which would start a forged field', () => {
    expect(() =>
      formatJournaldLines([
        ['MESSAGE', 'a\nPRIORITY=0'],
        ['PRIORITY', '3'],
      ]),
    ).toThrow(/MESSAGE holds a line break/)
  })
})

describe('osLogEntryToJournaldFields', () => {
  it('maps severity to PRIORITY and carries the SITREP_* fields', () => {
    const fields = new Map(
      osLogEntryToJournaldFields(makeOsLogEntry({ severity: 'warning' }), { facility: 16 }),
    )
    expect(Object.fromEntries(fields)).toEqual({
      MESSAGE: 'Component "SMS_DISTRIBUTION_MANAGER" on "SITE01" was set to Critical.',
      PRIORITY: '4',
      SYSLOG_FACILITY: '16',
      SYSLOG_IDENTIFIER: 'sitrep',
      SITREP_SITE_CODE: 'ABC',
      SITREP_MODULE: 'SMS Server',
      SITREP_COMPONENT: 'SMS_COMPONENT_STATUS_SUMMARIZER',
      SITREP_MACHINE: 'SITE01',
      SITREP_MESSAGE_ID: '4609',
      SITREP_SEVERITY: 'warning',
      SITREP_ID: '0192f0c4-7b1e-7c3a-9f00-0123456789ab',
      SITREP_CREATED_AT: '2025-01-02T03:04:05.678Z',
    })
  })
})
