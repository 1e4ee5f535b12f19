/**
 * Turns the bytes of an XML body into a string, as ConfigMgr sends them: UTF-16LE (with or
 * without a BOM) terminated by a UTF-16 NUL (reference §6), or UTF-8 from Sitrep's own tools.
 * Uses only `TextDecoder`, so it runs in the browser.
 */

/** Which encoding {@link detectXmlEncoding} found. */
export type XmlByteEncoding = 'utf-16le' | 'utf-8'

/**
 * Detects the encoding of XML bytes: UTF-16LE when they start with the BOM `FF FE` or with
 * `<` followed by a zero byte (`3C 00`, a BOM-less UTF-16LE document); UTF-8 otherwise.
 */
export function detectXmlEncoding(bytes: Uint8Array): XmlByteEncoding {
  const [first, second] = bytes
  if (first === 0xff && second === 0xfe) return 'utf-16le'
  if (first === 0x3c && second === 0x00) return 'utf-16le'
  return 'utf-8'
}

/**
 * Decodes XML bytes to a string: detects UTF-16LE or UTF-8 ({@link detectXmlEncoding}), drops a
 * BOM, and strips trailing NUL characters (ConfigMgr's UTF-16 terminator). Malformed byte
 * sequences become U+FFFD rather than failing here; the XML parser then judges the text.
 * The declared `encoding` of the XML declaration is not consulted: the bytes decide.
 */
export function decodeXmlBytes(bytes: Uint8Array): string {
  const text = new TextDecoder(detectXmlEncoding(bytes)).decode(bytes)
  let end = text.length
  while (end > 0 && text.charCodeAt(end - 1) === 0) end -= 1
  return text.slice(0, end)
}
