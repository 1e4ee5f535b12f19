import { describe, expect, it } from 'vitest'
import {
  WINDOWS_EVENT_LOG_SCRIPT,
  linuxJournaldCommand,
  linuxSyslogCommand,
  macosLoggerCommand,
  windowsEventLogCommand,
} from './os-log-commands.ts'
import { makeOsLogEntry } from './make-os-log-entry.ts'

const syslogOptions = {
  facility: 16,
  procId: 4242,
  loggerPath: 'logger',
  socketPath: '/tmp/x/log.sock',
  maxMessageBytes: 8192,
}

describe('linuxSyslogCommand', () => {
  it('builds a logger argv with priority, tag, PROCID, MSGID and escaped structured data', () => {
    const entry = makeOsLogEntry({ machine: 'M"]\\', text: '-starts with a dash; $(rm -rf /)' })
    expect(linuxSyslogCommand(entry, syslogOptions)).toEqual({
      argv: [
        'logger',
        '--socket-errors=on',
        '--socket',
        '/tmp/x/log.sock',
        '--rfc5424=notq',
        '--size',
        '8192',
        '--priority',
        'local0.err',
        '--tag',
        'sitrep',
        '--id=4242',
        '--msgid',
        '4609',
        '--sd-id',
        'sitrep@32473',
        '--sd-param',
        'siteCode="ABC"',
        '--sd-param',
        'module="SMS Server"',
        '--sd-param',
        'component="SMS_COMPONENT_STATUS_SUMMARIZER"',
        '--sd-param',
        'machine="M\\"\\]\\\\"',
        '--sd-param',
        'messageId="4609"',
        '--sd-param',
        'severity="error"',
        '--sd-param',
        'id="0192f0c4-7b1e-7c3a-9f00-0123456789ab"',
        '--',
        '-starts with a dash; $(rm -rf /)',
      ],
      stdin: null,
    })
  })

  it('names the facility and severity as logger wants them', () => {
    const argv = linuxSyslogCommand(makeOsLogEntry({ severity: 'informational' }), {
      ...syslogOptions,
      facility: 1,
    }).argv
    expect(argv[argv.indexOf('--priority') + 1]).toBe('user.info')
  })

  it('sends a placeholder for empty text, which logger would drop', () => {
    expect(linuxSyslogCommand(makeOsLogEntry({ text: '' }), syslogOptions).argv.at(-1)).toBe('(no text)')
  })
})

describe('linuxJournaldCommand', () => {
  it('feeds the journal fields to logger --journald on stdin', () => {
    const command = linuxJournaldCommand(makeOsLogEntry({ severity: 'warning', text: 'a\nb' }), {
      loggerPath: '/usr/bin/logger',
      facility: 16,
    })
    expect(command.argv).toEqual(['/usr/bin/logger', '--journald'])
    expect(command.stdin).toContain(
      'MESSAGE=a\\nb\nPRIORITY=4\nSYSLOG_FACILITY=16\nSYSLOG_IDENTIFIER=sitrep\n',
    )
    expect(command.stdin).toContain('SITREP_SITE_CODE=ABC\n')
  })
})

describe('macosLoggerCommand', () => {
  it('builds a BSD logger argv with the fields leading the text', () => {
    expect(
      macosLoggerCommand(makeOsLogEntry({ text: 'hi' }), { loggerPath: '/usr/bin/logger', facility: 16 }),
    ).toEqual({
      argv: [
        '/usr/bin/logger',
        '-p',
        'local0.err',
        '-t',
        'sitrep',
        '--',
        '[siteCode="ABC" module="SMS Server" component="SMS_COMPONENT_STATUS_SUMMARIZER" machine="SITE01" ' +
          'messageId="4609" severity="error" id="0192f0c4-7b1e-7c3a-9f00-0123456789ab"] hi',
      ],
      stdin: null,
    })
  })
})

describe('windowsEventLogCommand', () => {
  it('runs a constant encoded script and passes the entry as base64 JSON on stdin', () => {
    const command = windowsEventLogCommand(makeOsLogEntry({ severity: 'warning', text: 'Grüße "; exit' }), {
      powershellPath: 'powershell.exe',
    })
    expect(command.argv.slice(0, 5)).toEqual([
      'powershell.exe',
      '-NoLogo',
      '-NoProfile',
      '-NonInteractive',
      '-EncodedCommand',
    ])
    expect(Buffer.from(command.argv[5] ?? '', 'base64').toString('utf16le')).toBe(WINDOWS_EVENT_LOG_SCRIPT)
    const payload: unknown = JSON.parse(Buffer.from(command.stdin ?? '', 'base64').toString('utf8'))
    expect(payload).toMatchObject({ source: 'sitrep', entryType: 'Warning', eventId: 4609 })
    expect(payload).toHaveProperty(
      'message',
      expect.stringMatching(/^Grüße "; exit\r\n\r\nsiteCode: ABC\r\n/),
    )
  })

  it('cuts the message to the Event Log limit', () => {
    const command = windowsEventLogCommand(makeOsLogEntry({ text: 'x'.repeat(40_000) }), {
      powershellPath: 'p',
    })
    const payload = JSON.parse(Buffer.from(command.stdin ?? '', 'base64').toString('utf8')) as {
      message: string
    } // test-only: shape asserted by the previous test
    expect(payload.message).toHaveLength(31_839)
  })
})
