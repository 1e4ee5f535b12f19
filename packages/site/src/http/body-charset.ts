/**
 * The character encoding of a request body, told from its first bytes, and which ones a route
 * reads: JSON only as UTF-8 (RFC 8259 §8.1), XML as UTF-8 or UTF-16LE (what ConfigMgr clients
 * send). A body in another encoding is refused with a message that names the encoding, instead
 * of failing later as "not valid JSON" or as an XML syntax error that says nothing about why.
 */
import { RequestError } from './request-error.ts'

/** Encodings {@link sniffCharset} tells apart. */
export type BodyCharset = 'UTF-8' | 'UTF-16LE' | 'UTF-16BE' | 'UTF-32LE' | 'UTF-32BE'

/** What the first bytes of a body say about its encoding. */
export interface SniffedCharset {
  readonly charset: BodyCharset
  /** The body starts with a byte-order mark. */
  readonly bom: boolean
}

/**
 * Tells the encoding of a JSON or XML body from its first bytes: a byte-order mark when there is
 * one; else the pattern of zero bytes around the first character, which is ASCII in both
 * formats (`{`, `[`, `<`, a quote or white space), as RFC 4627 §3 describes. Anything else is
 * UTF-8.
 */
export function sniffCharset(bytes: Uint8Array): SniffedCharset {
  const [b0, b1, b2, b3] = bytes
  if (b0 === 0xef && b1 === 0xbb && b2 === 0xbf) return { charset: 'UTF-8', bom: true }
  if (b0 === 0x00 && b1 === 0x00 && b2 === 0xfe && b3 === 0xff) return { charset: 'UTF-32BE', bom: true }
  if (b0 === 0xff && b1 === 0xfe && b2 === 0x00 && b3 === 0x00) return { charset: 'UTF-32LE', bom: true }
  if (b0 === 0xfe && b1 === 0xff) return { charset: 'UTF-16BE', bom: true }
  if (b0 === 0xff && b1 === 0xfe) return { charset: 'UTF-16LE', bom: true }
  if (bytes.length >= 4 && b0 === 0 && b1 === 0 && b2 === 0 && b3 !== 0)
    return { charset: 'UTF-32BE', bom: false }
  if (bytes.length >= 4 && b0 !== 0 && b1 === 0 && b2 === 0 && b3 === 0)
    return { charset: 'UTF-32LE', bom: false }
  if (bytes.length >= 2 && b0 === 0 && b1 !== 0) return { charset: 'UTF-16BE', bom: false }
  if (bytes.length >= 2 && b0 !== 0 && b1 === 0) return { charset: 'UTF-16LE', bom: false }
  return { charset: 'UTF-8', bom: false }
}

/** The encodings each body format is read in. */
const READABLE: Readonly<Record<'json' | 'xml', readonly BodyCharset[]>> = {
  json: ['UTF-8'],
  xml: ['UTF-8', 'UTF-16LE'],
}

/**
 * Returns the refusal (415 `unsupported_charset`) of a body whose encoding its format is not read
 * in, or `undefined` when it can be read. For JSON a `charset` parameter of `Content-Type` other
 * than UTF-8 is refused too; for XML the bytes decide, as the XML decoder does.
 */
export function checkBodyCharset(
  format: 'json' | 'xml',
  contentType: string | undefined,
  bytes: Uint8Array,
): RequestError | undefined {
  const { charset, bom } = sniffCharset(bytes)
  const allowed = READABLE[format]
  const what = format === 'json' ? 'JSON' : 'XML'
  if (!allowed.includes(charset)) {
    const how = bom
      ? 'it starts with a byte-order mark'
      : 'told from its zero bytes; it has no byte-order mark'
    return new RequestError(
      'unsupported_charset',
      `the body is ${charset} (${how}); ${what} bodies must be ${allowed.join(' or ')}, so re-encode it`,
    )
  }
  const declared = format === 'json' ? declaredCharset(contentType) : undefined
  if (declared !== undefined && declared !== 'utf-8' && declared !== 'utf8') {
    return new RequestError(
      'unsupported_charset',
      `Content-Type declares charset=${declared.slice(0, 40)}; JSON bodies must be UTF-8, so re-encode the body and declare charset=utf-8 or none`,
    )
  }
  return undefined
}

/** The `charset` parameter of a `Content-Type` value, lower-cased and unquoted. */
function declaredCharset(contentType: string | undefined): string | undefined {
  for (const parameter of (contentType ?? '').split(';').slice(1)) {
    const [name, value] = parameter.split('=', 2)
    if (name?.trim().toLowerCase() === 'charset' && value !== undefined) {
      return value
        .trim()
        .replace(/^"(.*)"$/, '$1')
        .toLowerCase()
    }
  }
  return undefined
}
