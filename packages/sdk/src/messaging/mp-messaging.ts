/**
 * `MpMessaging`: the ISmsMessaging equivalent (reference §4). Build a message with a target
 * endpoint and a body, then `invoke` it (synchronous: the reply) or `post` it (asynchronous:
 * a tracking ID). The host picks the transport as §4.1 does: an `http(s)://` URL → HTTP, a
 * socket path → the local agent.
 */
import type { KeyObject } from 'node:crypto'
import { readFile } from 'node:fs/promises'
import { SitrepError } from '../errors.ts'
import { callMp, DEFAULT_TIMEOUT_MS, readJson } from '../transport/call-mp.ts'
import type { TransportOptions } from '../transport/transport.ts'
import { createTransport } from '../transport/transport.ts'

/**
 * ConfigMgr endpoint names (reference §5.1) and the native routes they map to
 * (docs/protocol.md). The native names work too. ConfigMgr's status endpoint name is not
 * confirmed (`StatusReceiver` in the CM 2007 docs), so both candidates are accepted.
 */
export const MP_ENDPOINTS = [
  {
    name: 'MP_ClientRegistration',
    aliases: ['registration'],
    method: 'POST',
    path: '/mp/v1/registration',
    kind: 'invoke',
  },
  {
    name: 'MP_LocationManager',
    aliases: ['location'],
    method: 'GET',
    path: '/mp/v1/location',
    kind: 'invoke',
  },
  {
    name: 'MP_Status',
    aliases: ['status', 'StatusReceiver', 'MP_StatusReceiver'],
    method: 'POST',
    path: '/mp/v1/status',
    kind: 'post',
  },
  { name: 'MP_RelayEndpoint', aliases: ['relay'], method: 'POST', path: '/mp/v1/relay', kind: 'post' },
] as const
export type MpEndpoint = (typeof MP_ENDPOINTS)[number]

/** Returns the route of an endpoint name (ConfigMgr or native), or `undefined`. */
export function endpointRoute(name: string): MpEndpoint | undefined {
  // Widened to string[] only to ask whether an arbitrary string is in the list.
  return MP_ENDPOINTS.find((e) => e.name === name || (e.aliases as readonly string[]).includes(name))
}

/** How a message is signed (`SetSecurityFlags` with `SIGN_MESSAGE`, and the key). */
export type MessageSecurity = { readonly sign: false } | { readonly sign: true; readonly key: KeyObject }

/** A named attachment. */
export interface MessageAttachment {
  readonly name: string
  readonly bytes: Uint8Array
}

/** A request or reply message (`ISmsMessage`). */
export class MpMessage {
  #endpoint: MpEndpoint | undefined
  #body: Uint8Array = new Uint8Array()
  #contentType: string | undefined
  #attachments: MessageAttachment[] = []
  #clientId: string | undefined
  #security: MessageSecurity = { sign: false }
  #timeoutSeconds = DEFAULT_TIMEOUT_MS / 1000
  /** HTTP status of a reply; 0 on a request. */
  readonly status: number

  constructor(
    options: { readonly status?: number; readonly body?: Uint8Array; readonly contentType?: string } = {},
  ) {
    this.status = options.status ?? 0
    if (options.body !== undefined) this.#body = options.body
    if (options.contentType !== undefined) this.#contentType = options.contentType
  }

  /** Sets the endpoint by ConfigMgr name (`MP_ClientRegistration`) or native name (`registration`). */
  setTargetEndpoint(name: string): this {
    const endpoint = endpointRoute(name)
    if (endpoint === undefined) {
      const names = MP_ENDPOINTS.map((e) => e.name).join(', ')
      throw new SitrepError(
        'invalid_argument',
        `${JSON.stringify(name)} is not an endpoint Sitrep serves; known: ${names}`,
      )
    }
    this.#endpoint = endpoint
    return this
  }

  getTargetEndpoint(): MpEndpoint | undefined {
    return this.#endpoint
  }

  /** Body from a string, sent as UTF-8. */
  setBodyFromString(text: string): this {
    this.#body = Buffer.from(text, 'utf8')
    return this
  }

  /** Body from bytes, sent as they are (UTF-16LE XML included). */
  setBodyFromBuffer(bytes: Uint8Array): this {
    this.#body = bytes
    return this
  }

  /** Body from a file's bytes. */
  async setBodyFromFile(file: string): Promise<this> {
    this.#body = new Uint8Array(await readFile(file))
    return this
  }

  /** Overrides the content type; by default a body starting with `<` is XML, else JSON. */
  setContentType(contentType: string): this {
    this.#contentType = contentType
    return this
  }

  getContentType(): string {
    return this.#contentType ?? guessContentType(this.#body)
  }

  getBodyToString(): string {
    return Buffer.from(this.#body).toString('utf8')
  }

  getBodyToBuffer(): Uint8Array {
    return this.#body
  }

  /** Body length in bytes. */
  getBodyLength(): number {
    return this.#body.byteLength
  }

  /** The body as JSON; throws `invalid_reply` when it is not. */
  getBodyAsJson(): unknown {
    return readJson({ status: this.status, headers: {}, body: this.#body }, 'message body')
  }

  addAttachment(name: string, bytes: Uint8Array): this {
    this.#attachments.push({ name, bytes })
    return this
  }

  getAttachmentCount(): number {
    return this.#attachments.length
  }

  getAttachmentByIndex(index: number): MessageAttachment | undefined {
    return this.#attachments[index]
  }

  getAttachmentByName(name: string): MessageAttachment | undefined {
    return this.#attachments.find((a) => a.name === name)
  }

  /** The client ID (`GUID:…`) that signs the message (`ISmsMessage2::SetClientID`). */
  setClientId(clientId: string): this {
    this.#clientId = clientId
    return this
  }

  getClientId(): string | undefined {
    return this.#clientId
  }

  setSecurity(security: MessageSecurity): this {
    this.#security = security
    return this
  }

  getSecurity(): MessageSecurity {
    return this.#security
  }

  /** Seconds to wait for the MP, for Invoke and Post alike (Sitrep has no client-side queue). */
  setTimeout(seconds: number): this {
    if (!(seconds > 0))
      throw new SitrepError(
        'invalid_argument',
        `timeout must be a positive number of seconds, got ${seconds}`,
      )
    this.#timeoutSeconds = seconds
    return this
  }

  getTimeout(): number {
    return this.#timeoutSeconds
  }
}

/** The MP messaging API (`ISmsMessaging`). */
export interface MpMessaging {
  createMessage(): MpMessage
  /** Sends now and returns the reply; an error status throws the typed `SitrepHttpError`. */
  invoke(host: string, message: MpMessage): Promise<MpMessage>
  /** Sends a Post message (status, relay) and returns the MP's tracking ID. */
  post(host: string, message: MpMessage): Promise<string>
}

/** Options of {@link createMpMessaging}. */
export interface MpMessagingOptions extends TransportOptions {
  /** Epoch ms for signature timestamps. */
  readonly clock?: () => number
}

/**
 * Creates the MP messaging API.
 *
 * @example
 * const messaging = createMpMessaging()
 * const message = messaging.createMessage()
 *   .setTargetEndpoint('MP_Status')
 *   .setBodyFromString(encodeStatusXml(document))
 *   .setClientId(clientId)
 *   .setSecurity({ sign: true, key: privateKey })
 * const trackingId = await messaging.post('http://127.0.0.1:8080', message)
 */
export function createMpMessaging(options: MpMessagingOptions = {}): MpMessaging {
  const clock = options.clock ?? Date.now

  const send = async (host: string, message: MpMessage): Promise<MpMessage> => {
    const endpoint = message.getTargetEndpoint()
    if (endpoint === undefined)
      throw new SitrepError('invalid_argument', 'set a target endpoint before sending')
    if (message.getAttachmentCount() > 0) {
      throw new SitrepError(
        'invalid_argument',
        'the native /mp/v1 protocol carries no attachments; send the data in the body (attachments belong to the ConfigMgr wire protocol)',
      )
    }
    const security = message.getSecurity()
    const clientId = message.getClientId()
    if (security.sign && clientId === undefined) {
      throw new SitrepError('invalid_argument', 'a signed message needs setClientId(clientId) first')
    }
    const transport = createTransport(host, options)
    const isGet = endpoint.method === 'GET'
    const response = await callMp(transport, {
      method: endpoint.method,
      path: endpoint.path,
      ...(isGet ? {} : { body: message.getBodyToBuffer(), contentType: message.getContentType() }),
      ...(security.sign && clientId !== undefined ? { signer: { clientId, privateKey: security.key } } : {}),
      timeoutMs: message.getTimeout() * 1000,
      now: clock(),
    })
    const contentType = response.headers['content-type']
    return new MpMessage({
      status: response.status,
      body: response.body,
      ...(contentType === undefined ? {} : { contentType }),
    })
  }

  return {
    createMessage: () => new MpMessage(),
    invoke: send,
    async post(host, message) {
      const reply = await send(host, message)
      const body = reply.getBodyAsJson()
      const trackingId =
        typeof body === 'object' && body !== null && 'trackingId' in body ? body.trackingId : undefined
      if (typeof trackingId !== 'string') {
        throw new SitrepError('invalid_reply', `the Post reply (status ${reply.status}) has no trackingId`)
      }
      return trackingId
    },
  }
}

function guessContentType(body: Uint8Array): string {
  const head = Buffer.from(body.subarray(0, 64))
  // UTF-16LE with or without BOM: '<' is 3C 00.
  if (head[0] === 0xff && head[1] === 0xfe) return 'application/xml'
  if (head[0] === 0x3c && head[1] === 0x00) return 'application/xml'
  return head
    .toString('utf8')
    .replace(/^\uFEFF/, '')
    .trimStart()
    .startsWith('<')
    ? 'application/xml'
    : 'application/json'
}
