/**
 * `Content-Encoding` of request bodies: which codings the site takes (none, `gzip`, `deflate`),
 * and an inflater that stops at the body limit, so a small compressed body cannot expand into
 * gigabytes (a "zip bomb"). The limit counts the inflated bytes, the ones the routes read.
 */
import { Transform } from 'node:stream'
import type { Readable, TransformCallback } from 'node:stream'
import { createGunzip, createInflate } from 'node:zlib'
import { RequestError } from './request-error.ts'

/** The codings the site inflates. `identity` means the body is sent as it is. */
export const CONTENT_CODINGS = ['identity', 'gzip', 'deflate'] as const
/** One coding of {@link CONTENT_CODINGS}. */
export type ContentCoding = (typeof CONTENT_CODINGS)[number]

/** What a `Content-Encoding` header asks for: a coding the site takes, or the value it does not. */
export type ContentEncodingResult =
  { readonly ok: true; readonly coding: ContentCoding } | { readonly ok: false; readonly value: string }

/**
 * Reads a `Content-Encoding` header. No header, an empty one or `identity` is `identity`;
 * `gzip` (also `x-gzip`) and `deflate` are taken alone; anything else (`br`, `zstd`, two codings
 * stacked) is refused rather than passed on as if it were plain bytes.
 */
export function parseContentEncoding(header: string | readonly string[] | undefined): ContentEncodingResult {
  const raw = typeof header === 'string' ? header : (header ?? []).join(',')
  const codings = raw
    .split(',')
    .map((part) => part.trim().toLowerCase())
    .filter((part) => part !== '' && part !== 'identity')
  if (codings.length === 0) return { ok: true, coding: 'identity' }
  const [only] = codings
  if (codings.length === 1 && (only === 'gzip' || only === 'x-gzip')) return { ok: true, coding: 'gzip' }
  if (codings.length === 1 && only === 'deflate') return { ok: true, coding: 'deflate' }
  return { ok: false, value: raw.trim() }
}

/** The refusal of a `Content-Encoding` the site does not take: 415, naming the header's value. */
export function unsupportedContentEncoding(value: string): RequestError {
  const shown = JSON.stringify(value.slice(0, 100))
  return new RequestError(
    'unsupported_content_encoding',
    `Content-Encoding ${shown} is not supported; send the body uncompressed, or with Content-Encoding gzip or deflate`,
  )
}

/** A body stream whose `receivedEncodedLength` counts the bytes as they came off the wire. */
export type InflatedBody = Transform & { receivedEncodedLength: number }

/**
 * Returns `payload` inflated by `coding`. The inflated bytes are counted: once they would pass
 * `maxBytes`, inflation stops (the inflater is destroyed and the payload unpiped, so no more
 * CPU is spent on it) and the stream fails with `payload_too_large`. A body that is not valid
 * for its coding fails with `invalid_body`. `receivedEncodedLength` lets Fastify check the
 * compressed bytes against `Content-Length`.
 */
export function inflateBody(
  payload: Readable,
  coding: Exclude<ContentCoding, 'identity'>,
  maxBytes: number,
): InflatedBody {
  const inflater = coding === 'gzip' ? createGunzip() : createInflate()
  let inflated = 0
  let stopped = false
  const countEncoded = (chunk: Buffer | string): void => {
    out.receivedEncodedLength += chunk.length
  }
  // Stopping leaves the rest of the upload unread (the HTTP server discards or closes it).
  const stop = (): void => {
    if (stopped) return
    stopped = true
    payload.unpipe(inflater)
    payload.off('data', countEncoded)
    payload.pause()
    inflater.destroy()
  }
  const capped = new Transform({
    transform(chunk: Buffer, _encoding, callback: TransformCallback) {
      inflated += chunk.length
      if (inflated > maxBytes) {
        stop()
        callback(
          new RequestError(
            'payload_too_large',
            `the body inflates (Content-Encoding ${coding}) to more than ${maxBytes} bytes (mp.maxBodyBytes); send smaller batches`,
          ),
        )
        return
      }
      callback(null, chunk)
    },
  })
  const out: InflatedBody = Object.assign(capped, { receivedEncodedLength: 0 })
  payload.on('data', countEncoded)
  inflater.on('error', (cause) => {
    stop()
    out.destroy(
      new RequestError(
        'invalid_body',
        `the body is not valid ${coding} data (Content-Encoding ${coding}): ${cause.message}`,
        { cause },
      ),
    )
  })
  out.on('close', stop)
  payload.pipe(inflater).pipe(out)
  return out
}
