import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { TEST_MESSAGE_TIME, buildStatusMessage } from '../../test/helpers/build-status-message.ts'
import type { ProgramContext } from './program-command-line.ts'
import { expandProgramCommandLine, validateProgramCommandLine } from './program-command-line.ts'

const NOW = Date.UTC(2027, 0, 3, 13, 5, 9)

function context(overrides: Partial<ProgramContext> = {}): ProgramContext {
  return {
    message: buildStatusMessage({
      severity: 'error',
      messageType: 'audit',
      messageId: 30000,
      insertionStrings: ['alice', 'PS100001', 'third'],
    }),
    messageText: 'User "alice" created package PS100001.',
    site: { siteCode: 'PS1', parentSiteCode: 'CAS', siteServer: 'SITESRV01', sqlServer: 'SQL01' },
    now: NOW,
    utcOffsetMinutes: 120,
    ...overrides,
  }
}

describe('expandProgramCommandLine', () => {
  it('expands every message placeholder inside its argument', () => {
    const line = 'tool %msgsc %msgsys %msgsrc %msgcomp %msgpid %msgtid %msgtype %msgsev %msgid %msgdesc'
    expect(expandProgramCommandLine(line, context())).toEqual([
      'tool',
      'PS1',
      'SITESRV01',
      'SMS Server',
      'SMS_DISTRIBUTION_MANAGER',
      '1234',
      '5678',
      'A',
      'E',
      '30000',
      'User "alice" created package PS100001.',
    ])
  })

  it('expands insertion strings 1 to 10, missing ones to empty arguments', () => {
    const line = `tool ${Array.from({ length: 10 }, (_, i) => `%msgis${String(i + 1).padStart(2, '0')}`).join(' ')}`
    expect(expandProgramCommandLine(line, context())).toEqual([
      'tool',
      'alice',
      'PS100001',
      'third',
      '',
      '',
      '',
      '',
      '',
      '',
      '',
    ])
  })

  it('expands site placeholders, with an empty parent at the top of the hierarchy', () => {
    expect(expandProgramCommandLine('tool %sc %parentsc %sitesvr %sqlsvr', context())).toEqual([
      'tool',
      'PS1',
      'CAS',
      'SITESRV01',
      'SQL01',
    ])
    const top = context({ site: { siteCode: 'CAS', parentSiteCode: null, siteServer: 'S', sqlServer: 'Q' } })
    expect(expandProgramCommandLine('tool [%parentsc]', top)).toEqual(['tool', '[]'])
  })

  it('expands message time as local and GMT with strftime letters', () => {
    // Message time is 2026-11-21T08:00:00Z, local offset +2 hours.
    expect(TEST_MESSAGE_TIME).toBe(Date.UTC(2026, 10, 21, 8))
    const line =
      'tool %msgltY-%msgltm-%msgltd_%msgltH:%msgltM:%msgltS %msggmtH%msggmtp %msgltZ %msglta,%msgltB,%msgltj'
    expect(expandProgramCommandLine(line, context())).toEqual([
      'tool',
      '2026-11-21_10:00:00',
      '08AM',
      'UTC+02:00',
      'Sat,November,325',
    ])
  })

  it('expands the current time from the injected clock, as local and GMT', () => {
    expect(
      expandProgramCommandLine(
        'tool %ltH:%ltM %gmtH:%gmtM %ltI%ltp %gmty %ltZ',
        context({ timeZoneName: 'EET' }),
      ),
    ).toEqual(['tool', '15:05', '13:05', '03PM', '27', 'EET'])
    expect(expandProgramCommandLine('tool %ltU/%ltW/%ltw/%ltA/%ltb', context())).toEqual([
      'tool',
      '01/00/0/Sunday/Jan',
    ])
  })

  it('turns %% into a literal percent sign and copies unknown placeholders as they are', () => {
    expect(expandProgramCommandLine('tool 100%% %%msgid %PATH% %msgid%%', context())).toEqual([
      'tool',
      '100%',
      '%msgid',
      '%PATH%',
      '30000%',
    ])
  })

  it('matches the longest placeholder name and keeps the text after it', () => {
    // %msgis011 is insertion string 1 then "1"; %msgis100 is the (missing) tenth then "0".
    expect(expandProgramCommandLine('tool %msgscX %msgis011 %msgis100 %scY', context())).toEqual([
      'tool',
      'PS1X',
      'alice1',
      '0',
      'PS1Y',
    ])
  })

  it.each([
    ['a shell command separator', '"; rm -rf / #'],
    ['command substitution', '$(touch /tmp/x)'],
    ['backticks', '`touch /tmp/x`'],
    ['quotes, spaces and a placeholder', '" a b %sc \\" \''],
  ])('keeps %s in an insertion string as one unchanged argument', (_label, attack) => {
    const message = buildStatusMessage({ insertionStrings: [attack] })
    expect(expandProgramCommandLine('notify.exe --text %msgis01 --end', context({ message }))).toEqual([
      'notify.exe',
      '--text',
      attack,
      '--end',
    ])
    expect(expandProgramCommandLine('notify.exe "Message: %msgis01!"', context({ message }))).toEqual([
      'notify.exe',
      `Message: ${attack}!`,
    ])
  })

  it('keeps any insertion string as exactly one unchanged argument', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 255 }), fc.string({ maxLength: 255 }), (first, machine) => {
        const message = buildStatusMessage({ insertionStrings: [first], machine })
        const argv = expandProgramCommandLine('tool %msgis01 "%msgsys"', context({ message }))
        expect(argv).toEqual(['tool', first, machine])
      }),
    )
  })

  it('throws a RangeError for a line validation refuses for quoting', () => {
    expect(() => expandProgramCommandLine('tool "open', context())).toThrow(RangeError)
    expect(() => expandProgramCommandLine('   ', context())).toThrow('names no program')
  })
})

describe('validateProgramCommandLine', () => {
  it('accepts a line with known placeholders', () => {
    expect(
      validateProgramCommandLine('"C:\\Tools\\notify.exe" %msgid "%msgdesc" %ltY%ltm%ltd 100%%'),
    ).toEqual([])
  })

  it.each([
    ['an unknown placeholder', 'tool %msgfoo', 'unknown_value', '%msgfoo'],
    ['an environment variable', 'tool %PATH%', 'unknown_value', '%PATH'],
    ['a time placeholder without a letter', 'tool %lt', 'unknown_value', 'needs one of the time letters'],
    ['a time placeholder with a bad letter', 'tool %gmtq', 'unknown_value', '%gmtq'],
    ['a GMT zone name', 'tool %msggmtZ', 'unknown_value', 'only for local time'],
    ['a one-digit insertion string', 'tool %msgis1', 'unknown_value', '%msgis1'],
    ['a placeholder in the program', '%msgis01 --x', 'format', 'without placeholders'],
    ['an unterminated quote', 'tool "x', 'format', 'never closed'],
    ['a blank line', '   ', 'required', 'names no program'],
    ['an empty line', '', 'required', 'names no program'],
    ['a tab', 'tool\t-x', 'format', 'U+0009'],
    ['a line over 1024 characters', `tool ${'x'.repeat(1020)}`, 'too_long', 'the limit is 1024'],
  ])('refuses %s', (_label, line, code, text) => {
    const issue = validateProgramCommandLine(line).find((i) => i.code === code)
    expect(issue?.field).toBe('runProgram')
    expect(issue?.message).toContain(text)
  })

  it('names the field path the caller gives', () => {
    expect(validateProgramCommandLine('tool %x', 'rules[3].actions.runProgram')[0]?.field).toBe(
      'rules[3].actions.runProgram',
    )
  })
})
