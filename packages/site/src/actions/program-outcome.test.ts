import { describe, expect, it } from 'vitest'
import { formatCommandLine, programOutcomeToStatusMessage } from './program-outcome.ts'

const argv = ['/usr/local/bin/page-oncall', '--site', 'ABC', 'Component "X" is critical']

describe('programOutcomeToStatusMessage', () => {
  it('raises nothing for a program that succeeded', () => {
    expect(programOutcomeToStatusMessage({ kind: 'succeeded', exitCode: 0, durationMs: 5 }, argv)).toBeNull()
  })

  it('raises 1210 as a warning for a refused program line', () => {
    expect(
      programOutcomeToStatusMessage({ kind: 'refused', reason: 'the program line is empty' }, []),
    ).toEqual({
      messageId: 1210,
      severity: 'warning',
      insertionStrings: ['', 'the program line is empty'],
    })
  })

  it('raises 1211 for a program that could not be started', () => {
    expect(
      programOutcomeToStatusMessage({ kind: 'could_not_start', error: 'ENOENT: spawn x' }, argv),
    ).toEqual({
      messageId: 1211,
      severity: 'error',
      insertionStrings: [
        '/usr/local/bin/page-oncall --site ABC "Component \\"X\\" is critical"',
        'ENOENT: spawn x',
      ],
    })
  })

  it('raises 1212 with the exit code and stderr for a failed program', () => {
    const outcome = {
      kind: 'failed',
      exitCode: 2,
      signal: null,
      stderrTail: 'no route\n',
      durationMs: 9,
    } as const
    expect(programOutcomeToStatusMessage(outcome, ['/x'])).toEqual({
      messageId: 1212,
      severity: 'error',
      insertionStrings: ['/x', 'exit code 2: no route'],
    })
  })

  it('raises 1212 naming the signal when a signal ended the program', () => {
    const outcome = {
      kind: 'failed',
      exitCode: null,
      signal: 'SIGSEGV',
      stderrTail: '',
      durationMs: 9,
    } as const
    expect(programOutcomeToStatusMessage(outcome, ['/x'])?.insertionStrings[1]).toBe('signal SIGSEGV')
  })

  it('raises 1212 for a program that timed out', () => {
    expect(programOutcomeToStatusMessage({ kind: 'timed_out', durationMs: 300 }, ['/x'])).toEqual({
      messageId: 1212,
      severity: 'error',
      insertionStrings: ['/x', 'timed out after 300 ms and was stopped'],
    })
  })

  it('cuts insertion strings to 255 characters', () => {
    const message = programOutcomeToStatusMessage({ kind: 'could_not_start', error: 'e'.repeat(400) }, [
      '/x',
      'y'.repeat(400),
    ])
    expect(message?.insertionStrings.map((s) => s.length)).toEqual([255, 255])
  })
})

describe('formatCommandLine', () => {
  it('quotes arguments with spaces, quotes or nothing in them', () => {
    expect(formatCommandLine(['/bin/a', 'b c', '', 'd"e', 'f'])).toBe('/bin/a "b c" "" "d\\"e" f')
  })
})
