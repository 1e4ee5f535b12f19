import { Readable } from 'node:stream'
import { gzipSync, deflateSync } from 'node:zlib'
import { describe, expect, it } from 'vitest'
import { inflateBody, parseContentEncoding } from './content-encoding.ts'
import { isRequestError } from './request-error.ts'

/** Reads `stream` to its end; resolves with the bytes, or with the error it fails with. */
async function drain(stream: Readable): Promise<{ bytes: Buffer } | { error: unknown; bytes: Buffer }> {
  const chunks: Buffer[] = []
  try {
    for await (const chunk of stream) chunks.push(chunk as Buffer) // A Transform of Buffers.
    return { bytes: Buffer.concat(chunks) }
  } catch (error) {
    return { error, bytes: Buffer.concat(chunks) }
  }
}

describe('parseContentEncoding', () => {
  it('takes no header, identity, gzip, x-gzip and deflate, in any case', () => {
    expect(parseContentEncoding(undefined)).toEqual({ ok: true, coding: 'identity' })
    expect(parseContentEncoding('')).toEqual({ ok: true, coding: 'identity' })
    expect(parseContentEncoding('Identity')).toEqual({ ok: true, coding: 'identity' })
    expect(parseContentEncoding('GZIP')).toEqual({ ok: true, coding: 'gzip' })
    expect(parseContentEncoding('x-gzip')).toEqual({ ok: true, coding: 'gzip' })
    expect(parseContentEncoding(' deflate ')).toEqual({ ok: true, coding: 'deflate' })
    expect(parseContentEncoding('identity, gzip')).toEqual({ ok: true, coding: 'gzip' })
  })

  it('refuses codings it does not inflate and stacked codings, keeping the value to name it', () => {
    expect(parseContentEncoding('br')).toEqual({ ok: false, value: 'br' })
    expect(parseContentEncoding('zstd')).toEqual({ ok: false, value: 'zstd' })
    expect(parseContentEncoding('gzip, gzip')).toEqual({ ok: false, value: 'gzip, gzip' })
    expect(parseContentEncoding(['gzip', 'deflate'])).toEqual({ ok: false, value: 'gzip,deflate' })
  })
})

describe('inflateBody', () => {
  it('inflates gzip and deflate bodies and counts the compressed bytes it read', async () => {
    const text = Buffer.from('{"messages":[]}'.repeat(100))
    const gz = gzipSync(text)
    const gunzipped = inflateBody(Readable.from([gz]), 'gzip', 1 << 20)
    expect(await drain(gunzipped)).toEqual({ bytes: text })
    expect(gunzipped.receivedEncodedLength).toBe(gz.length)
    expect(await drain(inflateBody(Readable.from([deflateSync(text)]), 'deflate', 1 << 20))).toEqual({
      bytes: text,
    })
  })

  it('stops a zip bomb at the limit: payload_too_large, no byte past the limit, the rest never inflated', async () => {
    // 64 MiB of zeros compress to under 300 KiB; sent in 1 KiB pieces, most is never read.
    const bomb = gzipSync(Buffer.alloc(64 * 1024 * 1024), { level: 1 })
    const pieces: Buffer[] = []
    for (let at = 0; at < bomb.length; at += 1024) pieces.push(bomb.subarray(at, at + 1024))
    let piecesRead = 0
    const source = Readable.from(
      (function* () {
        for (const piece of pieces) {
          piecesRead += 1
          yield piece
        }
      })(),
    )
    const limit = 256 * 1024
    const result = await drain(inflateBody(source, 'gzip', limit))
    expect('error' in result && isRequestError(result.error) && result.error.code).toBe('payload_too_large')
    expect(result.bytes.length).toBeLessThanOrEqual(limit)
    expect(piecesRead).toBeLessThan(pieces.length / 10)
  })

  it('fails a body that is not of its coding with invalid_body naming the coding', async () => {
    const result = await drain(inflateBody(Readable.from([Buffer.from('not gzip at all')]), 'gzip', 1024))
    expect('error' in result && isRequestError(result.error) && result.error.code).toBe('invalid_body')
    expect('error' in result && String(result.error)).toContain('not valid gzip data')
  })
})
