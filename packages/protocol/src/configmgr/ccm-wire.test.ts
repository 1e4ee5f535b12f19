import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { CcmHeaderError, parseCcmMsgHeader, splitCcmPayload, writeCcmMsgHeader } from './ccm-msg-header.ts'
import { MultipartError, buildMultipart, multipartBoundary, parseMultipart } from './ccm-multipart.ts'
import { decodeCcmText, encodeCcmBody, encodeUtf16le } from './ccm-text.ts'

const hex = (bytes: Uint8Array): string => Buffer.from(bytes).toString('hex')

describe('ConfigMgr text', () => {
  it('encodes a body as UTF-16LE, a UTF-16 NUL and an ASCII CRLF', () => {
    expect(hex(encodeCcmBody('<A/>'))).toBe('3c0041002f003e0000000d0a')
  })

  it('decodes the body terminator away, so the XML parser never sees it', () => {
    expect(decodeCcmText(encodeCcmBody('<RequestAssignments/>'))).toBe('<RequestAssignments/>')
  })

  it('decodes the PXE tools’ tail (a UTF-16 CRLF and three NUL bytes)', () => {
    const pxe = new Uint8Array([...encodeUtf16le('<A/>\r\n'), 0, 0, 0])
    expect(decodeCcmText(pxe)).toBe('<A/>')
  })

  it('drops the BOM of a header', () => {
    expect(decodeCcmText(encodeUtf16le('<Msg/>', true))).toBe('<Msg/>')
  })

  it('reads UTF-8 from Sitrep’s own tools', () => {
    expect(decodeCcmText(new TextEncoder().encode('<Msg>é</Msg>\r\n'))).toBe('<Msg>é</Msg>')
  })

  it('round-trips any text that does not itself end in NUL, CR or LF', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 200 }), (text) => {
        const trimmed = text.replace(/[\0\r\n]+$/u, '')
        expect(decodeCcmText(encodeCcmBody(`<${'A'}>${trimmed}`))).toBe(`<A>${trimmed}`)
      }),
    )
  })
})

describe('multipart/mixed framing', () => {
  it('reads the boundary, quoted or not', () => {
    expect(multipartBoundary('multipart/mixed; boundary="aAbBcCdDv1234567890VxXyYzZ"')).toBe(
      'aAbBcCdDv1234567890VxXyYzZ',
    )
    expect(multipartBoundary('Multipart/Mixed;boundary=------------638')).toBe('------------638')
  })

  it('names what is wrong with the Content-Type', () => {
    expect(() => multipartBoundary('application/json')).toThrow(
      'the Content-Type must be multipart/mixed, got "application/json"',
    )
    expect(() => multipartBoundary('multipart/mixed')).toThrow('has no boundary parameter')
  })

  it('splits a request framed as real clients frame it', () => {
    const header = encodeUtf16le('<Msg/>', true)
    const payload = new Uint8Array([0x78, 0x9c, 0x0d, 0x0a, 0x2d, 0x2d])
    const { contentType, body } = buildMultipart([
      { contentType: 'text/plain; charset=UTF-16', data: header },
      { contentType: 'application/octet-stream', data: payload },
    ])
    const parts = parseMultipart(contentType, body)
    expect(parts.map((part) => part.headers['content-type'])).toEqual([
      'text/plain; charset=UTF-16',
      'application/octet-stream',
    ])
    expect(hex(parts[0]?.data ?? new Uint8Array())).toBe(hex(header))
    expect(hex(parts[1]?.data ?? new Uint8Array())).toBe(hex(payload))
  })

  it('accepts the form-data part headers PXE tools send', () => {
    const text =
      '--b\r\nContent-Disposition: form-data; name="Msg"\r\nContent-Type: text/plain; charset=UTF-16\r\n\r\nX\r\n--b\r\nContent-Disposition: form-data; name="RequestAssignments"\r\n\r\nY\r\n--b--\r\n'
    const parts = parseMultipart('multipart/mixed; boundary=b', new TextEncoder().encode(text))
    expect(
      parts.map((part) => [part.headers['content-disposition'], new TextDecoder().decode(part.data)]),
    ).toEqual([
      ['form-data; name="Msg"', 'X'],
      ['form-data; name="RequestAssignments"', 'Y'],
    ])
  })

  it('round-trips any parts whose bytes do not hold the boundary', () => {
    fc.assert(
      fc.property(fc.array(fc.uint8Array({ maxLength: 300 }), { minLength: 1, maxLength: 5 }), (datas) => {
        const { contentType, body } = buildMultipart(
          datas.map((data) => ({ contentType: 'application/octet-stream', data })),
          'zZ9yY8xX7wW6',
        )
        const parts = parseMultipart(contentType, body)
        expect(parts.map((part) => hex(part.data))).toEqual(datas.map(hex))
      }),
    )
  })

  it('refuses any mangled body with a MultipartError that names the problem, never another error', () => {
    const { body } = buildMultipart([{ contentType: 'text/plain', data: new Uint8Array([1, 2, 3]) }], 'b')
    fc.assert(
      fc.property(
        fc.nat(body.length),
        fc.nat(body.length),
        fc.uint8Array({ maxLength: 8 }),
        (cut, at, noise) => {
          const mangled = new Uint8Array([
            ...body.subarray(0, cut),
            ...noise,
            ...body.subarray(Math.max(cut, at)),
          ])
          try {
            parseMultipart('multipart/mixed; boundary=b', mangled)
          } catch (error) {
            expect(error).toBeInstanceOf(MultipartError)
            expect((error as Error).message.length).toBeGreaterThan(10)
          }
        },
      ),
    )
  })
})

describe('Msg header', () => {
  const registrationHeader =
    '<Msg ReplyCompression="zlib" SchemaVersion="1.1"><Body Type="ByteRange" Length="1402" Offset="0" /><CorrelationID>{00000000-0000-0000-0000-000000000000}</CorrelationID><Hooks><Hook3 Name="zlib-compress" /></Hooks><ID>{5DD100CD-DF1D-45F5-BA17-A327F43465F8}</ID><Payload Type="inline" /><Priority>0</Priority><Protocol>http</Protocol><ReplyMode>Sync</ReplyMode><ReplyTo>direct:WS01:SccmMessaging</ReplyTo><SentTime>2026-12-07T10:00:00Z</SentTime><SourceHost>WS01</SourceHost><TargetAddress>mp:MP_ClientRegistration</TargetAddress><TargetEndpoint>MP_ClientRegistration</TargetEndpoint><TargetHost>MP1</TargetHost><Timeout>60000</Timeout></Msg>'

  it('reads a registration header as real clients send it', () => {
    expect(parseCcmMsgHeader(registrationHeader)).toEqual({
      id: '{5DD100CD-DF1D-45F5-BA17-A327F43465F8}',
      correlationId: '{00000000-0000-0000-0000-000000000000}',
      sourceId: null,
      sourceHost: 'WS01',
      targetEndpoint: 'MP_ClientRegistration',
      targetHost: 'MP1',
      replyMode: 'Sync',
      replyCompression: true,
      compressed: true,
      body: { offset: 0, length: 1402 },
      attachments: [],
      clientAuth: {},
      sentTime: '2026-12-07T10:00:00Z',
      timeoutMs: 60000,
    })
  })

  it('reads the clientauth hook’s properties and a PXE-style Token in CDATA', () => {
    const header = parseCcmMsgHeader(
      '<Msg><ID/><SourceID>GUID:1</SourceID><Body Type="ByteRange" Offset="0" Length="728"/><Hooks><Hook2 Name="clientauth"><Property Name="Token"><![CDATA[ClientToken:GUID:1;2026-12-07T10:00:00Z\r\nClientTokenSignature:AB\r\n]]></Property></Hook2></Hooks><Payload Type="inline"/><TargetEndpoint>MP_PolicyManager</TargetEndpoint><ReplyMode>Sync</ReplyMode></Msg>',
    )
    expect(header.clientAuth.Token).toBe('ClientToken:GUID:1;2026-12-07T10:00:00Z\nClientTokenSignature:AB')
    expect(header.compressed).toBe(false)
    expect(header.targetEndpoint).toBe('MP_PolicyManager')
  })

  it('takes the endpoint from TargetAddress when TargetEndpoint is missing', () => {
    expect(
      parseCcmMsgHeader('<Msg><TargetAddress>mp:[http]MP_LocationManager</TargetAddress></Msg>')
        .targetEndpoint,
    ).toBe('MP_LocationManager')
  })

  it('names the field that is wrong', () => {
    const fieldOf = (text: string): string => {
      try {
        parseCcmMsgHeader(text)
      } catch (error) {
        if (error instanceof CcmHeaderError) return `${error.field}: ${error.message}`
      }
      return 'no error'
    }
    expect(fieldOf('<Msg/>')).toMatch(/^Msg\/TargetEndpoint: /)
    expect(fieldOf('<Msg><TargetEndpoint>X</TargetEndpoint><ReplyMode>Later</ReplyMode></Msg>')).toBe(
      'Msg/ReplyMode: Msg ReplyMode must be Sync or ASync, got "Later"',
    )
    expect(fieldOf('<Msg><TargetEndpoint>X</TargetEndpoint><Body Offset="-1" Length="2"/></Msg>')).toMatch(
      /^Body\/@Offset: /,
    )
    expect(fieldOf('<Other/>')).toBe("Msg: the header's root element must be Msg, got Other")
    expect(fieldOf('<!DOCTYPE x [<!ENTITY a "b">]><Msg/>')).toMatch(
      /^Msg: the Msg header is not well-formed XML/,
    )
  })

  it('writes a header that reads back the same', () => {
    const written = writeCcmMsgHeader({
      id: '{CA6A20DC-2440-44B1-A78F-E2FE792973BA}',
      targetEndpoint: 'MP_DdrEndpoint',
      replyMode: 'ASync',
      body: { offset: 100, length: 50 },
      attachments: [{ offset: 0, length: 96, name: '403838f7-69bb-43d5-8362-28a5755b97b5' }],
      compressed: true,
      replyCompression: true,
      sourceId: 'GUID:ABC',
      sourceHost: 'WS01',
      clientAuth: { PublicKey: '0602', PayloadSignature: 'FF' },
      sentTime: '2026-12-07T10:00:00Z',
    })
    const read = parseCcmMsgHeader(written)
    expect(read).toMatchObject({
      targetEndpoint: 'MP_DdrEndpoint',
      replyMode: 'ASync',
      compressed: true,
      replyCompression: true,
      body: { offset: 100, length: 50 },
      attachments: [{ offset: 0, length: 96, name: '403838f7-69bb-43d5-8362-28a5755b97b5' }],
      clientAuth: { PublicKey: '0602', PayloadSignature: 'FF' },
      sourceId: 'GUID:ABC',
    })
  })

  it('refuses any text with a CcmHeaderError, never another error', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), (text) => {
        try {
          parseCcmMsgHeader(`<Msg>${text}</Msg>`)
        } catch (error) {
          expect(error).toBeInstanceOf(CcmHeaderError)
        }
      }),
    )
  })
})

describe('payload ranges', () => {
  const header = (
    body: { offset: number; length: number },
    attachments: { offset: number; length: number; name: string | null }[] = [],
  ) =>
    parseCcmMsgHeader(
      writeCcmMsgHeader({
        id: '{1}',
        targetEndpoint: 'MP_DdrEndpoint',
        replyMode: 'ASync',
        body,
        attachments,
        sentTime: 'x',
      }),
    )

  it('cuts a DDR’s attachment and body as the tools lay them out', () => {
    const first = encodeCcmBody('<Report/>')
    const second = encodeCcmBody('<Report><ReportBody/></Report>')
    const payload = new Uint8Array([...first, ...second])
    const split = splitCcmPayload(
      header({ offset: first.length, length: second.length - 2 }, [
        { offset: 0, length: first.length - 4, name: '403838f7-69bb-43d5-8362-28a5755b97b5' },
        { offset: first.length, length: second.length - 4, name: null },
      ]),
      payload,
    )
    expect(decodeCcmText(split.body)).toBe('<Report><ReportBody/></Report>')
    expect(decodeCcmText(split.attachments[0]?.data ?? new Uint8Array())).toBe('<Report/>')
  })

  it('reads the whole payload as the body when there are no attachments, whatever Length says', () => {
    const payload = encodeCcmBody('<RequestAssignments/>')
    expect(decodeCcmText(splitCcmPayload(header({ offset: 0, length: 728 }), payload).body)).toBe(
      '<RequestAssignments/>',
    )
  })

  it('refuses a range that starts past the payload, naming it', () => {
    expect(() =>
      splitCcmPayload(
        header({ offset: 5, length: 1 }, [{ offset: 99, length: 1, name: null }]),
        new Uint8Array(10),
      ),
    ).toThrow('Msg Attachment[0] starts at byte 99, past the end of the 10-byte payload')
  })
})
