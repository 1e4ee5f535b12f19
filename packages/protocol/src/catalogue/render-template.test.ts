import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { renderTemplate } from './render-template.ts'
import { checkTemplate, tokenizeTemplate } from './tokenize-template.ts'

const noOsError = { osErrorText: () => 'OS' }

describe('tokenizeTemplate', () => {
  it('splits text and every kind of escape', () => {
    expect(tokenizeTemplate('%11a%1b%10%12%%c%0d')).toEqual([
      { kind: 'reserved' },
      { kind: 'text', text: 'a' },
      { kind: 'insertion', index: 1 },
      { kind: 'text', text: 'b' },
      { kind: 'insertion', index: 10 },
      { kind: 'osError' },
      { kind: 'text', text: '%c' },
      { kind: 'end' },
      { kind: 'text', text: 'd' },
    ])
  })

  it('keeps a % that starts no escape as an invalid token', () => {
    expect(tokenizeTemplate('%13 %x %')).toEqual([
      { kind: 'invalid', text: '%13', offset: 0 },
      { kind: 'text', text: ' ' },
      { kind: 'invalid', text: '%', offset: 4 },
      { kind: 'text', text: 'x ' },
      { kind: 'invalid', text: '%', offset: 7 },
    ])
  })
})

describe('checkTemplate', () => {
  it('accepts every valid escape', () => {
    expect(checkTemplate('%11%1%2%3%4%5%6%7%8%9%10%12%%%0')).toEqual([])
  })

  it('names each escape that is not valid and where it is', () => {
    expect(checkTemplate('ok %99 and %q')).toEqual([
      '"%99" at offset 3 is not an escape; use %1 to %12, %0 to end or %% for a percent sign',
      '"%" at offset 11 is not an escape; use %1 to %12, %0 to end or %% for a percent sign',
    ])
  })
})

describe('renderTemplate', () => {
  it('renders invalid escapes literally', () => {
    expect(renderTemplate('50% of %13', { insertionStrings: [], ...noOsError }).text).toBe('50% of %13')
  })

  it('calls for the OS error text only when the template has %12', () => {
    let calls = 0
    const inputs = { insertionStrings: [], osErrorText: () => `call ${++calls}` }
    expect(renderTemplate('no error here', inputs).text).toBe('no error here')
    expect(renderTemplate('%12', inputs).text).toBe('call 1')
  })

  it('never throws for any template and any insertion strings', () => {
    const templates = fc.oneof(
      fc.string(),
      fc.string({ unit: fc.constantFrom('%', '0', '1', '2', '3', 'x') }),
    )
    fc.assert(
      fc.property(templates, fc.array(fc.string(), { maxLength: 12 }), (template, strings) => {
        const rendered = renderTemplate(template, { insertionStrings: strings, ...noOsError })
        expect(rendered.missingInsertionStrings.every((n) => n >= 1 && n <= 10)).toBe(true)
      }),
    )
  })

  it('never shows text after %0', () => {
    fc.assert(
      fc.property(
        fc.string(),
        fc.array(fc.string(), { maxLength: 12 }),
        fc.string(),
        (head, strings, tail) => {
          const withoutEnd = head.replaceAll('%', '%%')
          const rendered = renderTemplate(`${withoutEnd}%0${tail}`, {
            insertionStrings: strings,
            ...noOsError,
          })
          expect(rendered.text).toBe(head.trimEnd())
        },
      ),
    )
  })
})
