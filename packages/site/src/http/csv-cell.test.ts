import { toVisibleText } from '@sitrep/protocol'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { arbitraryHostileText } from '../../test/helpers/hostile-text.ts'
import { csvCell } from './csv-cell.ts'

/** Reads one RFC 4180 cell back: unquoted, or quoted with quotes doubled. */
function readCell(cell: string): string {
  if (!cell.startsWith('"')) {
    expect(cell).not.toMatch(/[",]/)
    return cell
  }
  expect(cell.endsWith('"')).toBe(true)
  const inner = cell.slice(1, -1)
  expect(inner.replaceAll('""', '')).not.toContain('"')
  return inner.replaceAll('""', '"')
}

describe('csvCell', () => {
  it('neutralizes formulas with a leading apostrophe and quotes cells holding commas or quotes', () => {
    expect(csvCell('=HYPERLINK("http://x","y")')).toBe('"\'=HYPERLINK(""http://x"",""y"")"')
    expect(csvCell('+1')).toBe("'+1")
    expect(csvCell('-2+3')).toBe("'-2+3")
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)")
    expect(csvCell('a\r\nb')).toBe('a\\r\\nb')
    expect(csvCell('plain')).toBe('plain')
  })

  it('turns any text into one cell on one line that no spreadsheet runs as a formula', () => {
    fc.assert(
      fc.property(arbitraryHostileText(), (text) => {
        const cell = csvCell(text)
        expect(cell).not.toMatch(/[\r\n\u0085\u2028\u2029]/)
        const value = readCell(cell)
        expect(value).not.toMatch(/^[=+\-@\t\r]/)
        const visible = toVisibleText(text)
        expect(value === visible || value === `'${visible}`).toBe(true)
      }),
      { numRuns: 200 },
    )
  })
})
