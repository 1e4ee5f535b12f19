import { describe, expect, it } from 'vitest'
import { DOCTYPE_REFUSED, parseXml } from './parse-xml.ts'

function refusal(text: string, limits = {}): string {
  const result = parseXml(text, limits)
  if (result.ok) throw new Error('expected the document to be refused')
  return result.issues.map((i) => i.message).join('\n')
}

const BILLION_LAUGHS = `<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol9 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
]>
<lolz>&lol9;</lolz>`

describe('parseXml', () => {
  it('builds a tree of names, attributes, children and text, keeping CDATA as text', () => {
    const result = parseXml('<a x="1 &amp; 2"><b>t&lt;<![CDATA[<c>]]></b><!-- gone --><?pi gone?></a>')
    expect(result).toEqual({
      ok: true,
      value: {
        name: 'a',
        attributes: { x: '1 & 2' },
        children: [{ name: 'b', attributes: {}, children: [], text: 't<<c>' }],
        text: '',
      },
    })
  })

  it('accepts a leading BOM and a UTF-16 declaration on an already decoded string', () => {
    const result = parseXml('\uFEFF<?xml version="1.0" encoding="UTF-16"?><Report/>')
    expect(result.ok && result.value.name).toBe('Report')
  })

  it('expands character references and the five predefined entities only', () => {
    const result = parseXml('<a>&lt;&gt;&amp;&quot;&apos;&#x41;&#66;</a>')
    expect(result.ok && result.value.text).toBe('<>&"\'AB')
    expect(refusal('<a>&nbsp;</a>')).toMatch(/undefined entity/)
  })

  it('refuses a billion-laughs document at its DOCTYPE', () => {
    expect(refusal(BILLION_LAUGHS)).toBe(DOCTYPE_REFUSED)
  })

  it('refuses a DOCTYPE declaring an external entity', () => {
    const xxe = '<?xml version="1.0"?><!DOCTYPE r [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><r>&xxe;</r>'
    expect(refusal(xxe)).toBe(DOCTYPE_REFUSED)
  })

  it('refuses any DOCTYPE, even one without declarations', () => {
    expect(refusal('<!DOCTYPE Report><Report/>')).toBe(DOCTYPE_REFUSED)
    expect(refusal('<!DOCTYPE Report SYSTEM "http://example.test/report.dtd"><Report/>')).toBe(
      DOCTYPE_REFUSED,
    )
  })

  it('refuses a document nested deeper than maxDepth', () => {
    const bomb = '<a>'.repeat(33) + '</a>'.repeat(33)
    expect(refusal(bomb)).toMatch(/deeper than 32 levels \(maxDepth\)/)
    expect(parseXml('<a>'.repeat(32) + '</a>'.repeat(32)).ok).toBe(true)
  })

  it('refuses a document with more elements than maxElements', () => {
    const bomb = `<r>${'<e/>'.repeat(100)}</r>`
    expect(refusal(bomb, { maxElements: 100 })).toMatch(/more than 100 elements \(maxElements\)/)
  })

  it('refuses a default-sized element-count bomb', () => {
    const bomb = `<r>${'<e/>'.repeat(100_000)}</r>`
    expect(refusal(bomb)).toMatch(/maxElements/)
  })

  it('refuses text, CDATA and attribute values beyond maxTextLength', () => {
    expect(refusal(`<r>${'x'.repeat(11)}</r>`, { maxTextLength: 10 })).toMatch(
      /exceed 10 characters \(maxTextLength\)/,
    )
    expect(refusal(`<r a="${'x'.repeat(11)}"/>`, { maxTextLength: 10 })).toMatch(/maxTextLength/)
  })

  it('refuses input longer than maxInputLength before parsing it', () => {
    const result = parseXml('<r/>', { maxInputLength: 3 })
    expect(result.ok || result.issues[0]).toMatchObject({ code: 'too_long', limit: 3, field: 'xml' })
  })

  it('refuses malformed XML with the position of the fault', () => {
    expect(refusal('<a><b></a>')).toMatch(/^XML is not well-formed: 1:/)
    expect(refusal('')).toMatch(/XML/)
    expect(refusal('<a>\u0001</a>')).toMatch(/disallowed character/)
  })

  it('keeps an attribute named __proto__ as plain data', () => {
    const result = parseXml('<a __proto__="x"/>')
    expect(result.ok && Object.getPrototypeOf(result.value.attributes)).toBe(Object.prototype)
    expect(result.ok && Object.entries(result.value.attributes)).toEqual([['__proto__', 'x']])
  })
})
