import { describe, expect, it } from 'vitest'
import { splitCommandLine } from './split-command-line.ts'

const argsOf = (line: string): readonly string[] => {
  const result = splitCommandLine(line)
  if (!result.ok) throw new Error(result.reason)
  return result.args
}

describe('splitCommandLine', () => {
  it('splits on spaces and ignores runs of them', () => {
    expect(argsOf('  notify.exe  -id %msgid   -sev %msgsev ')).toEqual([
      'notify.exe',
      '-id',
      '%msgid',
      '-sev',
      '%msgsev',
    ])
  })

  it('groups text inside double quotes into one argument and drops the quotes', () => {
    expect(argsOf('"C:\\Program Files\\Tool\\tool.exe" "%msgdesc" x')).toEqual([
      'C:\\Program Files\\Tool\\tool.exe',
      '%msgdesc',
      'x',
    ])
  })

  it('joins quoted and plain parts that touch into one argument', () => {
    expect(argsOf('a"b c"d e')).toEqual(['ab cd', 'e'])
  })

  it('keeps an empty quoted argument', () => {
    expect(argsOf('tool.exe "" last')).toEqual(['tool.exe', '', 'last'])
  })

  it('reads a backslash-quote inside quotes as a literal quote and leaves other backslashes alone', () => {
    expect(argsOf('tool.exe "say \\"hi\\"" "\\\\server\\share" C:\\dir\\')).toEqual([
      'tool.exe',
      'say "hi"',
      '\\\\server\\share',
      'C:\\dir\\',
    ])
  })

  it('treats shell syntax as plain text', () => {
    expect(argsOf('tool.exe $(id) `id` a;b a|b a&&b *')).toEqual([
      'tool.exe',
      '$(id)',
      '`id`',
      'a;b',
      'a|b',
      'a&&b',
      '*',
    ])
  })

  it('refuses an unterminated quote and says where it opened', () => {
    expect(splitCommandLine('tool.exe "open')).toEqual({
      ok: false,
      reason: 'the double quote at position 10 is never closed',
      index: 9,
    })
  })

  it('returns no arguments for a blank line', () => {
    expect(argsOf('   ')).toEqual([])
  })
})
