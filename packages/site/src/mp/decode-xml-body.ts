/**
 * Decoding of XML request bodies: bytes (UTF-8 or UTF-16LE, BOM and trailing NUL allowed) →
 * string → the endpoint's document, or the issues. Pure and synchronous; the worker pool runs it
 * off the event loop, and the inline decoder runs it in place.
 */
import { decodeStateReportXml, decodeStatusXml, decodeXmlBytes } from '@sitrep/protocol'
import type { ParseResult, StateReport, StatusXmlDocument } from '@sitrep/protocol'
import { registrationXmlToJson } from './registration-xml.ts'

/** What each kind of XML body decodes to. */
export interface XmlDocuments {
  readonly status: StatusXmlDocument
  readonly report: StateReport
  /** Registration: the JSON form, validated afterwards by `parseRegistrationRequest`. */
  readonly registration: Record<string, unknown>
}

/** The kinds of XML body the MP reads. */
export type XmlKind = keyof XmlDocuments

/** Decodes `bytes` as the XML document of `kind`. Never throws on bad input. */
export function decodeXmlBody<K extends XmlKind>(kind: K, bytes: Uint8Array): ParseResult<XmlDocuments[K]> {
  const text = decodeXmlBytes(bytes)
  // Each branch returns the document type of its own kind; TypeScript cannot narrow K by `kind`.
  switch (kind) {
    case 'status':
      return decodeStatusXml(text) as ParseResult<XmlDocuments[K]>
    case 'report':
      return decodeStateReportXml(text) as ParseResult<XmlDocuments[K]>
    case 'registration':
      return registrationXmlToJson(text) as ParseResult<XmlDocuments[K]>
  }
  throw new Error(`unknown XML body kind ${String(kind)}`)
}
