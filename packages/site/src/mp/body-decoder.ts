/**
 * The port through which MP routes decode request bodies: XML documents of each kind, and JSON
 * status batches. Two implementations: a pool of worker threads (the site's default, keeping
 * large bodies off the event loop) and an inline decoder (same results, on the calling thread)
 * for tools, tests and small bodies.
 */
import type { ParseResult } from '@sitrep/protocol'
import { decodeXmlBody } from './decode-xml-body.ts'
import type { XmlDocuments, XmlKind } from './decode-xml-body.ts'
import { decodeStatusJsonBody } from './status-candidates.ts'
import type { DecodedStatusBody } from './status-candidates.ts'

/** Decodes request bodies; may refuse with `unavailable` when it is overloaded. */
export interface BodyDecoder {
  decode<K extends XmlKind>(kind: K, bytes: Uint8Array): Promise<ParseResult<XmlDocuments[K]>>
  /** Decodes a JSON status batch of at most `maxBatch` messages (see `decodeStatusJsonBody`). */
  decodeStatusJson(bytes: Uint8Array, maxBatch: number): Promise<DecodedStatusBody>
  /** Stops any threads; pending decodes are refused. */
  close(): Promise<void>
}

/** Returns a decoder that decodes on the calling thread. */
export function createInlineBodyDecoder(): BodyDecoder {
  return {
    decode: (kind, bytes) => Promise.resolve(decodeXmlBody(kind, bytes)),
    decodeStatusJson: (bytes, maxBatch) => Promise.resolve(decodeStatusJsonBody(bytes, maxBatch)),
    close: () => Promise.resolve(),
  }
}
