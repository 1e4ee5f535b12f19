/**
 * `multipart/mixed` framing of ConfigMgr requests and replies (reference wire samples B.5):
 * parts separated by `--boundary`, each with its own headers, the last closed by
 * `--boundary--`. Parsing is strict about structure and names what is wrong; it accepts any
 * boundary, quoted or not, and the form-data part headers some tools send. Browser-safe.
 */

/** One part: its headers (lower-case names) and its bytes. */
export interface MultipartPart {
  readonly headers: Readonly<Record<string, string>>
  readonly data: Uint8Array
}

/** What went wrong reading a multipart body, for the error the MP sends. */
export class MultipartError extends Error {
  override readonly name = 'MultipartError'
}

/** Most parts a request may have: the header, the body and attachments beside the payload. */
export const MULTIPART_MAX_PARTS = 16
/** Longest header block of one part. */
export const MULTIPART_MAX_PART_HEADER_BYTES = 4096

/** The boundary named by a `Content-Type: multipart/mixed; boundary=…` header. */
export function multipartBoundary(contentType: string): string {
  const [type, ...parameters] = contentType.split(';')
  if (type?.trim().toLowerCase() !== 'multipart/mixed') {
    throw new MultipartError(
      `the Content-Type must be multipart/mixed, got ${JSON.stringify(type?.trim().slice(0, 60) ?? '')}`,
    )
  }
  for (const parameter of parameters) {
    const eq = parameter.indexOf('=')
    if (eq < 0 || parameter.slice(0, eq).trim().toLowerCase() !== 'boundary') continue
    let value = parameter.slice(eq + 1).trim()
    if (value.startsWith('"') && value.endsWith('"') && value.length >= 2) value = value.slice(1, -1)
    if (value.length < 1 || value.length > 70) {
      throw new MultipartError(
        `the multipart boundary must be 1 to 70 characters (RFC 2046), got ${value.length}`,
      )
    }
    return value
  }
  throw new MultipartError('the Content-Type multipart/mixed has no boundary parameter')
}

function indexOf(haystack: Uint8Array, needle: Uint8Array, from: number): number {
  const first = needle[0]
  outer: for (let i = from; i <= haystack.length - needle.length; i++) {
    if (haystack[i] !== first) continue
    for (let j = 1; j < needle.length; j++) if (haystack[i + j] !== needle[j]) continue outer
    return i
  }
  return -1
}

const ascii = (text: string): Uint8Array => new TextEncoder().encode(text)
const CRLF_CRLF = ascii('\r\n\r\n')

/** Splits a multipart/mixed body into its parts. */
export function parseMultipart(contentType: string, body: Uint8Array): MultipartPart[] {
  const boundary = multipartBoundary(contentType)
  const delimiter = ascii(`--${boundary}`)
  let at = indexOf(body, delimiter, 0)
  if (at < 0) throw new MultipartError(`the body holds no part: the boundary --${boundary} does not occur`)
  const parts: MultipartPart[] = []
  for (;;) {
    let cursor = at + delimiter.length
    // `--` after the delimiter closes the body.
    if (body[cursor] === 0x2d && body[cursor + 1] === 0x2d) break
    while (body[cursor] === 0x20 || body[cursor] === 0x09) cursor += 1
    if (body[cursor] !== 0x0d || body[cursor + 1] !== 0x0a) {
      throw new MultipartError(`part ${parts.length + 1}: the boundary line must end with CRLF`)
    }
    cursor += 2
    const headerEnd = indexOf(body, CRLF_CRLF, cursor - 2)
    if (headerEnd < 0 || headerEnd - cursor > MULTIPART_MAX_PART_HEADER_BYTES) {
      throw new MultipartError(
        `part ${parts.length + 1}: its headers do not end with a blank line within ${MULTIPART_MAX_PART_HEADER_BYTES} bytes`,
      )
    }
    const headers: Record<string, string> = {}
    const headerText = new TextDecoder('latin1').decode(body.subarray(cursor, Math.max(cursor, headerEnd)))
    for (const line of headerText.split('\r\n')) {
      if (line === '') continue
      const colon = line.indexOf(':')
      if (colon <= 0)
        throw new MultipartError(
          `part ${parts.length + 1}: the header line ${JSON.stringify(line.slice(0, 60))} has no name`,
        )
      headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim()
    }
    const dataStart = headerEnd + 4
    const next = indexOf(body, ascii(`\r\n--${boundary}`), dataStart)
    if (next < 0)
      throw new MultipartError(`part ${parts.length + 1}: the closing boundary --${boundary}-- is missing`)
    parts.push({ headers, data: body.subarray(dataStart, next) })
    if (parts.length > MULTIPART_MAX_PARTS)
      throw new MultipartError(`the body has more than ${MULTIPART_MAX_PARTS} parts`)
    at = next + 2
  }
  if (parts.length === 0) throw new MultipartError('the multipart body has no parts')
  return parts
}

/** Builds a multipart/mixed body; returns it with its Content-Type header value. */
export function buildMultipart(
  parts: readonly { readonly contentType: string; readonly data: Uint8Array }[],
  boundary = 'aAbBcCdDv1234567890VxXyYzZ',
): { contentType: string; body: Uint8Array } {
  const chunks: Uint8Array[] = []
  for (const part of parts) {
    chunks.push(ascii(`--${boundary}\r\ncontent-type: ${part.contentType}\r\n\r\n`), part.data, ascii('\r\n'))
  }
  chunks.push(ascii(`--${boundary}--`))
  const body = new Uint8Array(chunks.reduce((sum, chunk) => sum + chunk.length, 0))
  let at = 0
  for (const chunk of chunks) {
    body.set(chunk, at)
    at += chunk.length
  }
  return { contentType: `multipart/mixed; boundary="${boundary}"`, body }
}
