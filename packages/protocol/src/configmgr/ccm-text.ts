/**
 * Text as the ConfigMgr wire protocol carries it: the `Msg` header in UTF-16LE with a BOM, and
 * bodies in UTF-16LE without one, terminated by a UTF-16 NUL and an ASCII CRLF (`00 00 0D 0A`).
 * Tools vary the tail (PXE tools send a UTF-16 CRLF and three NUL bytes), so decoding accepts
 * any run of NUL, CR and LF bytes after the document. Browser-safe: `TextDecoder` only.
 */

const BOM = [0xff, 0xfe] as const

/** UTF-16LE bytes of `text`, with the BOM when asked (headers carry one, bodies do not). */
export function encodeUtf16le(text: string, withBom = false): Uint8Array {
  const bytes = new Uint8Array((withBom ? 2 : 0) + text.length * 2)
  let at = 0
  if (withBom) {
    bytes[0] = BOM[0]
    bytes[1] = BOM[1]
    at = 2
  }
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i)
    bytes[at++] = unit & 0xff
    bytes[at++] = unit >> 8
  }
  return bytes
}

/** A body as real clients send it: UTF-16LE without BOM, a UTF-16 NUL, then ASCII CRLF. */
export function encodeCcmBody(xml: string): Uint8Array {
  const text = encodeUtf16le(xml)
  const bytes = new Uint8Array(text.length + 4)
  bytes.set(text)
  bytes.set([0x00, 0x00, 0x0d, 0x0a], text.length)
  return bytes
}

/** Whether the bytes look like UTF-16LE text (a BOM, or `<` followed by a zero byte). */
export function looksUtf16le(bytes: Uint8Array): boolean {
  return (bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0x3c && bytes[1] === 0x00)
}

/** Whether the bytes are UTF-16BE text (a BOM `FE FF`, or a zero byte before `<`). */
export function looksUtf16be(bytes: Uint8Array): boolean {
  return (bytes[0] === 0xfe && bytes[1] === 0xff) || (bytes[0] === 0x00 && bytes[1] === 0x3c)
}

/**
 * Decodes a header or body: UTF-16LE (BOM dropped) when it looks like it, UTF-8 otherwise
 * (Sitrep's own tools); the NUL/CR/LF tail is dropped at the byte level so the terminator never
 * reaches the XML parser as a stray character.
 */
export function decodeCcmText(bytes: Uint8Array): string {
  const utf16 = looksUtf16le(bytes)
  let start = bytes[0] === 0xff && bytes[1] === 0xfe ? 2 : 0
  if (!utf16 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) start = 3
  let end = bytes.length
  while (end > start && (bytes[end - 1] === 0x00 || bytes[end - 1] === 0x0d || bytes[end - 1] === 0x0a))
    end -= 1
  // A UTF-16LE ASCII character ends in a zero byte the loop above took; give it back.
  if (utf16 && (end - start) % 2 === 1) end += 1
  const text = new TextDecoder(utf16 ? 'utf-16le' : 'utf-8').decode(bytes.subarray(start, end))
  return text.replace(/[\0\r\n]+$/u, '')
}
