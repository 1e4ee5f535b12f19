/**
 * The `Msg` header of a ConfigMgr message (reference §6): where the body and attachments sit in
 * the payload, whether it is zlib-compressed (`Hook3 Name="zlib-compress"`), the reply mode and
 * compression asked for, the target endpoint, and the `clientauth` hook's properties (public
 * key, signatures, or a PXE-style `Token`). Read with the no-entities XML parser; written in the
 * element order real clients use.
 */
import { parseXml } from '../xml/parse-xml.ts'
import { writeXml, xmlElement } from '../xml/write-xml.ts'
import type { XmlNode } from '../xml/write-xml.ts'

const text = (value: string): XmlNode => ({ kind: 'text', text: value })
import type { XmlElement } from '../xml/xml-element.ts'
import { attributeOf, childElements } from '../xml/xml-element.ts'

/** A byte range of the payload. */
export interface CcmByteRange {
  readonly offset: number
  readonly length: number
}

/** An attachment's range, and its name when it has one (DDRs name theirs by a GUID). */
export interface CcmAttachmentRange extends CcmByteRange {
  readonly name: string | null
}

/** The parts of a `Msg` header Sitrep acts on. */
export interface CcmMsgHeader {
  readonly id: string | null
  readonly correlationId: string | null
  readonly sourceId: string | null
  readonly sourceHost: string | null
  readonly targetEndpoint: string
  readonly targetHost: string | null
  readonly replyMode: 'Sync' | 'ASync'
  /** The reply body is to be zlib-compressed. */
  readonly replyCompression: boolean
  /** The payload is zlib-compressed (`Hook3 Name="zlib-compress"`). */
  readonly compressed: boolean
  /** Where the body sits; `null` when the header names none (the whole payload is the body). */
  readonly body: CcmByteRange | null
  readonly attachments: readonly CcmAttachmentRange[]
  /** `clientauth` properties by name (`PublicKey`, `ClientIDSignature`, `PayloadSignature`, `Token`, …). */
  readonly clientAuth: Readonly<Record<string, string>>
  readonly sentTime: string | null
  readonly timeoutMs: number | null
}

/** Why a header could not be read; `field` names the element or attribute. */
export class CcmHeaderError extends Error {
  override readonly name = 'CcmHeaderError'
  readonly field: string
  constructor(field: string, message: string) {
    super(message)
    this.field = field
  }
}

/** Longest `Msg` header Sitrep reads, in characters. */
export const CCM_HEADER_MAX_CHARS = 64 * 1024
/** Most attachments one message may name. */
export const CCM_MAX_ATTACHMENTS = 8

function childText(element: XmlElement, name: string): string | null {
  const child = childElements(element, name)[0]
  return child === undefined ? null : child.text.trim()
}

function rangeOf(element: XmlElement, field: string): CcmByteRange {
  const read = (attribute: 'Offset' | 'Length'): number => {
    const raw = attributeOf(element, attribute)
    if (raw === undefined)
      throw new CcmHeaderError(`${field}/@${attribute}`, `Msg ${field} has no ${attribute} attribute`)
    if (!/^\d{1,10}$/.test(raw)) {
      throw new CcmHeaderError(
        `${field}/@${attribute}`,
        `Msg ${field} ${attribute} must be a whole number of bytes, got ${JSON.stringify(raw.slice(0, 20))}`,
      )
    }
    return Number(raw)
  }
  return { offset: read('Offset'), length: read('Length') }
}

/** Reads a `Msg` header document. */
export function parseCcmMsgHeader(text: string): CcmMsgHeader {
  if (text.length > CCM_HEADER_MAX_CHARS) {
    throw new CcmHeaderError(
      'Msg',
      `the Msg header is ${text.length} characters; the limit is ${CCM_HEADER_MAX_CHARS}`,
    )
  }
  const parsed = parseXml(text)
  if (!parsed.ok) {
    const issue = parsed.issues[0]
    throw new CcmHeaderError(
      'Msg',
      `the Msg header is not well-formed XML: ${issue?.message ?? 'unknown problem'}`,
    )
  }
  const root = parsed.value
  if (root.name !== 'Msg')
    throw new CcmHeaderError('Msg', `the header's root element must be Msg, got ${root.name.slice(0, 60)}`)
  const targetEndpoint =
    childText(root, 'TargetEndpoint') ??
    childText(root, 'TargetAddress')?.replace(/^mp:(\[http\])?/i, '') ??
    ''
  if (targetEndpoint === '')
    throw new CcmHeaderError(
      'Msg/TargetEndpoint',
      'the Msg header names no TargetEndpoint (or TargetAddress mp:<endpoint>)',
    )
  const replyModeText = childText(root, 'ReplyMode') ?? 'Sync'
  if (replyModeText.toLowerCase() !== 'sync' && replyModeText.toLowerCase() !== 'async') {
    throw new CcmHeaderError(
      'Msg/ReplyMode',
      `Msg ReplyMode must be Sync or ASync, got ${JSON.stringify(replyModeText.slice(0, 20))}`,
    )
  }
  const bodyElement = childElements(root, 'Body')[0]
  const attachments = childElements(root, 'Attachment').map((element, index) => ({
    ...rangeOf(element, `Attachment[${index}]`),
    name: attributeOf(element, 'Name') ?? null,
  }))
  if (attachments.length > CCM_MAX_ATTACHMENTS) {
    throw new CcmHeaderError(
      'Msg/Attachment',
      `the Msg header names ${attachments.length} attachments; the limit is ${CCM_MAX_ATTACHMENTS}`,
    )
  }
  const hooks = childElements(root, 'Hooks')[0]
  const clientAuth: Record<string, string> = {}
  let compressed = false
  for (const hook of hooks?.children ?? []) {
    const name = (attributeOf(hook, 'Name') ?? '').toLowerCase()
    if (name === 'zlib-compress') compressed = true
    if (name === 'clientauth') {
      for (const property of childElements(hook, 'Property')) {
        const key = attributeOf(property, 'Name')
        if (key !== undefined) clientAuth[key] = property.text.trim()
      }
    }
  }
  const timeout = childText(root, 'Timeout')
  return {
    id: childText(root, 'ID'),
    correlationId: childText(root, 'CorrelationID'),
    sourceId: childText(root, 'SourceID'),
    sourceHost: childText(root, 'SourceHost'),
    targetEndpoint,
    targetHost: childText(root, 'TargetHost'),
    replyMode: replyModeText.toLowerCase() === 'async' ? 'ASync' : 'Sync',
    replyCompression: (attributeOf(root, 'ReplyCompression') ?? '').toLowerCase() === 'zlib',
    compressed,
    body: bodyElement === undefined ? null : rangeOf(bodyElement, 'Body'),
    attachments,
    clientAuth,
    sentTime: childText(root, 'SentTime'),
    timeoutMs: timeout !== null && /^\d{1,9}$/.test(timeout) ? Number(timeout) : null,
  }
}

/** What a header to write needs; the rest takes the values real clients send. */
export interface CcmMsgHeaderInput {
  readonly id: string
  readonly targetEndpoint: string
  readonly replyMode: 'Sync' | 'ASync'
  readonly body: CcmByteRange
  readonly attachments?: readonly CcmAttachmentRange[]
  readonly compressed?: boolean
  readonly replyCompression?: boolean
  readonly correlationId?: string
  readonly sourceId?: string
  readonly sourceHost?: string
  readonly targetHost?: string
  readonly clientAuth?: Readonly<Record<string, string>>
  readonly sentTime: string
}

/** Writes a `Msg` header (SchemaVersion 1.1) in the element order real clients emit. */
export function writeCcmMsgHeader(input: CcmMsgHeaderInput): string {
  const children: XmlNode[] = []
  for (const attachment of input.attachments ?? []) {
    children.push(
      xmlElement('Attachment', {
        Type: 'ByteRange',
        Length: attachment.length,
        ...(attachment.name === null ? {} : { Name: attachment.name }),
        Offset: attachment.offset,
      }),
    )
  }
  children.push(
    xmlElement('Body', { Type: 'ByteRange', Length: input.body.length, Offset: input.body.offset }),
  )
  children.push(
    xmlElement('CorrelationID', {}, [text(input.correlationId ?? '{00000000-0000-0000-0000-000000000000}')]),
  )
  const hooks: XmlNode[] = []
  if (input.clientAuth !== undefined) {
    hooks.push(
      xmlElement(
        'Hook2',
        { Name: 'clientauth' },
        Object.entries(input.clientAuth).map(([name, value]) =>
          xmlElement('Property', { Name: name }, [text(value)]),
        ),
      ),
    )
  }
  if (input.compressed === true) hooks.push(xmlElement('Hook3', { Name: 'zlib-compress' }))
  if (hooks.length > 0) children.push(xmlElement('Hooks', {}, hooks))
  children.push(xmlElement('ID', {}, [text(input.id)]))
  children.push(xmlElement('Payload', { Type: 'inline' }))
  children.push(xmlElement('Priority', {}, [text('0')]))
  children.push(xmlElement('Protocol', {}, [text('http')]))
  children.push(xmlElement('ReplyMode', {}, [text(input.replyMode)]))
  if (input.sourceHost !== undefined)
    children.push(xmlElement('ReplyTo', {}, [text(`direct:${input.sourceHost}:SccmMessaging`)]))
  children.push(xmlElement('SentTime', {}, [text(input.sentTime)]))
  if (input.sourceId !== undefined) children.push(xmlElement('SourceID', {}, [text(input.sourceId)]))
  if (input.sourceHost !== undefined) children.push(xmlElement('SourceHost', {}, [text(input.sourceHost)]))
  children.push(xmlElement('TargetAddress', {}, [text(`mp:${input.targetEndpoint}`)]))
  children.push(xmlElement('TargetEndpoint', {}, [text(input.targetEndpoint)]))
  if (input.targetHost !== undefined) children.push(xmlElement('TargetHost', {}, [text(input.targetHost)]))
  children.push(xmlElement('Timeout', {}, [text('60000')]))
  return writeXml(
    xmlElement(
      'Msg',
      { ...(input.replyCompression === true ? { ReplyCompression: 'zlib' } : {}), SchemaVersion: '1.1' },
      children,
    ),
  )
}

/** Cuts the body and attachments out of the (decompressed) payload, checking every range fits. */
export function splitCcmPayload(
  header: CcmMsgHeader,
  payload: Uint8Array,
): { body: Uint8Array; attachments: { name: string | null; data: Uint8Array }[] } {
  const cut = (range: CcmByteRange, field: string): Uint8Array => {
    // Tools send a Length a little past the end (the CRLF counted or not); clamp to the payload.
    if (range.offset > payload.length) {
      throw new CcmHeaderError(
        `${field}/@Offset`,
        `Msg ${field} starts at byte ${range.offset}, past the end of the ${payload.length}-byte payload`,
      )
    }
    return payload.subarray(range.offset, Math.min(payload.length, range.offset + range.length))
  }
  // Without attachments the whole payload is the body: tools send a Length that is off by the
  // terminator, or hard-coded (PXE tools), and ConfigMgr's MP reads the body regardless.
  const whole = header.body === null || (header.attachments.length === 0 && header.body.offset === 0)
  const body = whole ? payload : cut(header.body, 'Body')
  return {
    body,
    attachments: header.attachments.map((range, index) => ({
      name: range.name,
      data: cut(range, `Attachment[${index}]`),
    })),
  }
}
