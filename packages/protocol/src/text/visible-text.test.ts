import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { escapeJsonLineBreaks, isVisibleText, toVisibleText } from './visible-text.ts'

// Any UTF-16 code unit, so every control, separator and surrogate half turns up.
const anyText = fc.string({ unit: fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)) })
// eslint-disable-next-line no-control-regex -- line breaks are what it looks for.
const LINE_BREAKS = /[\n\r\v\f\u001c-\u001e\u0085\u2028\u2029]/

describe('toVisibleText', () => {
  it('writes line breaks, ESC, NEL and the separators as escapes anyone can read', () => {
    expect(toVisibleText('a\r\nb\rc\nd\te')).toBe('a\\r\\nb\\rc\\nd\\te')
    expect(toVisibleText('\u001b[31mred\u001b[0m')).toBe('\\x1b[31mred\\x1b[0m')
    expect(toVisibleText('x\u0085y\u2028z\u2029')).toBe('x\\x85y\\u2028z\\u2029')
    expect(toVisibleText('\u202eevil\u2066')).toBe('\\u202eevil\\u2066')
    expect(toVisibleText('\u0000\u007f\ufeff')).toBe('\\x00\\x7f\\ufeff')
  })

  it('keeps ordinary text, other scripts and backslashes as they are', () => {
    expect(toVisibleText('C:\\Windows\\Temp — Größe 日本 😀 <13>1 x="y"')).toBe(
      'C:\\Windows\\Temp — Größe 日本 😀 <13>1 x="y"',
    )
  })

  it('leaves no line break and nothing it would escape again, whatever the input', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        const visible = toVisibleText(text)
        expect(LINE_BREAKS.test(visible)).toBe(false)
        expect(isVisibleText(visible)).toBe(true)
        expect(toVisibleText(visible)).toBe(visible)
      }),
    )
  })
})

describe('escapeJsonLineBreaks', () => {
  it('parses to the same value, and the JSON text holds no NEL, LS or PS', () => {
    fc.assert(
      fc.property(fc.jsonValue(), anyText, (value, text) => {
        const json = escapeJsonLineBreaks(JSON.stringify({ value, text }))
        expect(JSON.parse(json)).toEqual(JSON.parse(JSON.stringify({ value, text })))
        expect(/[\u0085\u2028\u2029\n\r]/.test(json)).toBe(false)
      }),
    )
  })
})
