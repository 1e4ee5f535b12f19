import { describe, expect, it } from 'vitest'
import { decodeXmlBytes, detectXmlEncoding } from './decode-xml-bytes.ts'

function utf16le(text: string): Uint8Array {
  const bytes = new Uint8Array(text.length * 2)
  for (let i = 0; i < text.length; i += 1) {
    const unit = text.charCodeAt(i)
    bytes[i * 2] = unit & 0xff
    bytes[i * 2 + 1] = unit >> 8
  }
  return bytes
}

describe('decodeXmlBytes', () => {
  it('decodes UTF-16LE with a BOM and strips the trailing UTF-16 NUL', () => {
    const bytes = new Uint8Array([0xff, 0xfe, ...utf16le('<r>é€😀</r>\u0000')])
    expect(detectXmlEncoding(bytes)).toBe('utf-16le')
    expect(decodeXmlBytes(bytes)).toBe('<r>é€😀</r>')
  })

  it('detects BOM-less UTF-16LE by the <\\0 pattern', () => {
    const bytes = utf16le('<?xml version="1.0" encoding="UTF-16"?><r/>\u0000')
    expect(decodeXmlBytes(bytes)).toBe('<?xml version="1.0" encoding="UTF-16"?><r/>')
  })

  it('decodes UTF-8 with or without a BOM', () => {
    const encoded = new TextEncoder().encode('<r>é</r>')
    expect(detectXmlEncoding(encoded)).toBe('utf-8')
    expect(decodeXmlBytes(encoded)).toBe('<r>é</r>')
    expect(decodeXmlBytes(new Uint8Array([0xef, 0xbb, 0xbf, ...encoded]))).toBe('<r>é</r>')
  })

  it('turns malformed bytes into U+FFFD instead of throwing', () => {
    expect(decodeXmlBytes(new Uint8Array([0x3c, 0x72, 0xff, 0x3e]))).toBe('<r\uFFFD>')
  })
})
