/**
 * The port through which MP routes decode XML bodies. Two implementations: a pool of worker
 * threads (the site's default, keeping large documents off the event loop) and an inline
 * decoder (same results, on the calling thread) for tools and as a fallback.
 */
import type { ParseResult } from '@sitrep/protocol'
import { decodeXmlBody } from './decode-xml-body.ts'
import type { XmlDocuments, XmlKind } from './decode-xml-body.ts'

/** Decodes XML bodies; may refuse with `unavailable` when it is overloaded. */
export interface XmlDecoder {
  decode<K extends XmlKind>(kind: K, bytes: Uint8Array): Promise<ParseResult<XmlDocuments[K]>>
  /** Stops any threads; pending decodes are refused. */
  close(): Promise<void>
}

/** Returns a decoder that parses on the calling thread. */
export function createInlineXmlDecoder(): XmlDecoder {
  return {
    decode: (kind, bytes) => Promise.resolve(decodeXmlBody(kind, bytes)),
    close: () => Promise.resolve(),
  }
}
