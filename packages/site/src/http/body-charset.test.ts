import { describe, expect, it } from 'vitest'
import { checkBodyCharset, sniffCharset } from './body-charset.ts'

const utf16le = (text: string): Buffer => Buffer.from(text, 'utf16le')
const utf16be = (text: string): Buffer => Buffer.from(text, 'utf16le').swap16()
const BOM_LE = Buffer.from([0xff, 0xfe])
const BOM_BE = Buffer.from([0xfe, 0xff])

describe('sniffCharset', () => {
  it('tells UTF-16 and UTF-32 from their byte-order marks', () => {
    expect(sniffCharset(Buffer.concat([BOM_LE, utf16le('{}')]))).toEqual({ charset: 'UTF-16LE', bom: true })
    expect(sniffCharset(Buffer.concat([BOM_BE, utf16be('<a/>')]))).toEqual({ charset: 'UTF-16BE', bom: true })
    expect(sniffCharset(Buffer.from([0xff, 0xfe, 0, 0, 0x7b, 0, 0, 0]))).toEqual({
      charset: 'UTF-32LE',
      bom: true,
    })
    expect(sniffCharset(Buffer.from([0, 0, 0xfe, 0xff, 0, 0, 0, 0x7b]))).toEqual({
      charset: 'UTF-32BE',
      bom: true,
    })
    expect(sniffCharset(Buffer.from('\uFEFF{}'))).toEqual({ charset: 'UTF-8', bom: true })
  })

  it('tells BOM-less UTF-16 and UTF-32 from the zero bytes around the first character', () => {
    expect(sniffCharset(utf16le('{"a":1}'))).toEqual({ charset: 'UTF-16LE', bom: false })
    expect(sniffCharset(utf16be('<Status/>'))).toEqual({ charset: 'UTF-16BE', bom: false })
    expect(sniffCharset(Buffer.from([0x7b, 0, 0, 0]))).toEqual({ charset: 'UTF-32LE', bom: false })
    expect(sniffCharset(Buffer.from([0, 0, 0, 0x7b]))).toEqual({ charset: 'UTF-32BE', bom: false })
  })

  it('takes anything else for UTF-8, short bodies included', () => {
    expect(sniffCharset(Buffer.from('{"é":1}'))).toEqual({ charset: 'UTF-8', bom: false })
    expect(sniffCharset(Buffer.from('1'))).toEqual({ charset: 'UTF-8', bom: false })
    expect(sniffCharset(Buffer.alloc(0))).toEqual({ charset: 'UTF-8', bom: false })
  })
})

describe('checkBodyCharset', () => {
  it('refuses UTF-16 JSON with or without a byte-order mark, naming the encoding', () => {
    const withBom = checkBodyCharset('json', 'application/json', Buffer.concat([BOM_LE, utf16le('{}')]))
    expect(withBom?.code).toBe('unsupported_charset')
    expect(withBom?.message).toMatch(
      /UTF-16LE \(it starts with a byte-order mark\); JSON bodies must be UTF-8/,
    )
    const without = checkBodyCharset('json', 'application/json', utf16be('{}'))
    expect(without?.message).toMatch(/UTF-16BE .*no byte-order mark/)
  })

  it('refuses JSON whose Content-Type declares another charset, and takes utf-8 declared or not', () => {
    expect(
      checkBodyCharset('json', 'application/json; charset="UTF-16"', Buffer.from('{}'))?.message,
    ).toContain('charset=utf-16')
    expect(checkBodyCharset('json', 'application/json; charset=UTF-8', Buffer.from('{}'))).toBeUndefined()
    expect(checkBodyCharset('json', 'application/json', Buffer.from('\uFEFF{}'))).toBeUndefined()
  })

  it('takes UTF-8 and UTF-16LE XML and refuses UTF-16BE XML, with or without a byte-order mark', () => {
    expect(checkBodyCharset('xml', 'application/xml', Buffer.from('<Status/>'))).toBeUndefined()
    expect(checkBodyCharset('xml', 'application/xml', utf16le('<Status/>'))).toBeUndefined()
    expect(checkBodyCharset('xml', 'text/xml', Buffer.concat([BOM_LE, utf16le('<Status/>')]))).toBeUndefined()
    const bomless = checkBodyCharset('xml', 'application/xml', utf16be('<Status/>'))
    expect(bomless?.code).toBe('unsupported_charset')
    expect(bomless?.message).toMatch(/UTF-16BE .*XML bodies must be UTF-8 or UTF-16LE/)
    expect(checkBodyCharset('xml', 'application/xml', Buffer.concat([BOM_BE, utf16be('<a/>')]))?.code).toBe(
      'unsupported_charset',
    )
  })
})
