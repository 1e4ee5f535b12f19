import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { arbitraryText } from '../../test/arbitraries.ts'
import { parseXml } from './parse-xml.ts'
import { escapeXmlAttribute, escapeXmlText, writeXml, xmlCdata, xmlElement, xmlText } from './write-xml.ts'

describe('writeXml', () => {
  it('writes elements, attributes and a declaration without added whitespace', () => {
    const root = xmlElement('a', { x: 1, y: undefined }, [xmlElement('b'), xmlText('t')])
    expect(writeXml(root, { declaration: 'UTF-16' })).toBe(
      '<?xml version="1.0" encoding="UTF-16"?><a x="1"><b/>t</a>',
    )
  })

  it('escapes markup in text and attributes', () => {
    expect(escapeXmlText('a<b>&c\r')).toBe('a&lt;b&gt;&amp;c&#xD;')
    expect(escapeXmlAttribute('"q"\t\n\r')).toBe('&quot;q&quot;&#x9;&#xA;&#xD;')
  })

  it('replaces characters XML 1.0 cannot carry with U+FFFD', () => {
    expect(escapeXmlText('a\u0001b\uFFFEc\uD800')).toBe('a\uFFFDb\uFFFDc\uFFFD')
  })

  it('splits ]]> and CR out of CDATA sections', () => {
    expect(writeXml(xmlElement('d', {}, [xmlCdata('x]]>y\rz')]))).toBe(
      '<d><![CDATA[x]]]]><![CDATA[>y]]>&#xD;<![CDATA[z]]></d>',
    )
  })

  it('refuses element and attribute names that are not XML names', () => {
    expect(() => xmlElement('a b')).toThrow(TypeError)
    expect(() => xmlElement('a', { '1x': 'v' })).toThrow(/not an XML name/)
  })

  it('writes any text so that parseXml reads it back unchanged, as text, CDATA or attribute', () => {
    fc.assert(
      fc.property(arbitraryText({ maxLength: 200 }), (text) => {
        const xml = writeXml(
          xmlElement('r', { a: text }, [
            xmlElement('t', {}, [xmlText(text)]),
            xmlElement('c', {}, [xmlCdata(text)]),
          ]),
        )
        const parsed = parseXml(xml)
        if (!parsed.ok) throw new Error(parsed.issues[0]?.message)
        const [t, c] = parsed.value.children
        expect([parsed.value.attributes.a, t?.text, c?.text]).toEqual([text, text, text])
      }),
    )
  })
})
