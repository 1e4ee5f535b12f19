/**
 * `SiteProvider`: raises status messages on a site server through its REST provider endpoint
 * (`POST /api/v1/messages`), as the Raise methods of the ConfigMgr provider do — for scripts and
 * tools that run beside the site and hold an API token, rather than on a managed machine.
 * Each call resolves once the site has committed the message (and its audit record).
 */
import { ApiError, callRoute, raiseMessages } from '@sitrep/api'
import type { ApiTransport, RaiseItem, RaiseResult } from '@sitrep/api'
import type { MessageType, Severity, StatusAttribute } from '@sitrep/protocol'
import { SitrepError } from '../errors.ts'
import { createHttpTransport } from '../transport/http-transport.ts'
import type { Transport } from '../transport/transport.ts'

/** How long one raise request may take by default. */
export const SITE_PROVIDER_TIMEOUT_MS = 30_000

/** Options of {@link createSiteProvider}. */
export interface SiteProviderOptions {
  /** The site's base URL, e.g. `https://site.example.org:8080`. */
  readonly url: string
  /** An API token of an operations administrator (or above) or of a user with the `reporter` role. */
  readonly token: string
  readonly timeoutMs?: number
  /** Replaces the HTTP transport (tests, proxies). */
  readonly transport?: Transport
}

/** The optional fields every Raise method takes, named as `SMS_StatusMessage` names them. */
export interface ProviderRaiseOptions {
  readonly messageType?: MessageType
  readonly component?: string
  /** Default: the site server's name. */
  readonly machine?: string
  readonly processId?: number
  readonly threadId?: number
  readonly win32Error?: number
  /** When it happened; default: when the site takes it. */
  readonly time?: Date
  readonly attributes?: readonly StatusAttribute[]
}

/** A message the site raised: its ID and its place in the site's own sequence. */
export interface RaisedMessage {
  readonly id: string
  readonly sequence: number
  readonly module: string
  readonly messageId: number
  readonly severity: Severity
}

/** The Raise methods of a site. */
export interface SiteProvider {
  raiseInformational(text: string, options?: ProviderRaiseOptions): Promise<RaisedMessage>
  raiseWarning(text: string, options?: ProviderRaiseOptions): Promise<RaisedMessage>
  raiseError(text: string, options?: ProviderRaiseOptions): Promise<RaisedMessage>
  /** A message of any module and ID but the site's own; `severity` is needed when the site's catalogue lacks it. */
  raiseRaw(
    module: string,
    messageId: number,
    options?: ProviderRaiseOptions & {
      readonly severity?: Severity
      readonly insertionStrings?: readonly string[]
    },
  ): Promise<RaisedMessage>
  /** Several messages in one request; one result per message, in order. */
  raise(items: readonly RaiseItem[]): Promise<readonly RaiseResult[]>
}

/**
 * Creates a provider client for one site.
 *
 * @example
 * const provider = createSiteProvider({ url: 'http://127.0.0.1:8080', token: process.env.SITREP_TOKEN! })
 * await provider.raiseWarning('Disk D: is nearly full', { component: 'Backup' })
 */
export function createSiteProvider(options: SiteProviderOptions): SiteProvider {
  let parsed: URL
  try {
    parsed = new URL(options.url)
  } catch (cause) {
    throw new SitrepError('invalid_argument', `url ${JSON.stringify(options.url)} is not a URL`, { cause })
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    throw new SitrepError('invalid_argument', `url must be http:// or https://, got ${parsed.protocol}`)
  }
  const transport = options.transport ?? createHttpTransport(options.url)
  const api = apiTransport(transport, options.token, options.timeoutMs ?? SITE_PROVIDER_TIMEOUT_MS)

  const raise = async (items: readonly RaiseItem[]): Promise<readonly RaiseResult[]> => {
    const reply = await callRoute(api, raiseMessages, { body: { messages: [...items] } })
    return reply.results
  }
  const one = async (item: RaiseItem): Promise<RaisedMessage> => {
    const [result] = await raise([item])
    if (result === undefined)
      throw new SitrepError('invalid_reply', 'the site answered no result for the message')
    if (result.status === 'rejected') {
      throw new ApiError(422, result.error.code, `the site refused the message: ${result.error.message}`)
    }
    const { id, sequence, module, messageId, severity } = result
    return { id, sequence, module, messageId, severity }
  }
  const common = (o: ProviderRaiseOptions) => ({
    ...(o.messageType === undefined ? {} : { messageType: o.messageType }),
    ...(o.component === undefined ? {} : { component: o.component }),
    ...(o.machine === undefined ? {} : { machine: o.machine }),
    ...(o.processId === undefined ? {} : { processId: o.processId }),
    ...(o.threadId === undefined ? {} : { threadId: o.threadId }),
    ...(o.win32Error === undefined ? {} : { win32Error: o.win32Error }),
    ...(o.time === undefined ? {} : { time: o.time.toISOString() }),
    ...(o.attributes === undefined ? {} : { attributes: o.attributes.map((a) => ({ ...a })) }),
  })
  const generic =
    (kind: 'informational' | 'warning' | 'error') =>
    (text: string, o: ProviderRaiseOptions = {}) =>
      one({ kind, text, ...common(o) })
  return {
    raiseInformational: generic('informational'),
    raiseWarning: generic('warning'),
    raiseError: generic('error'),
    raiseRaw: (module, messageId, o = {}) =>
      one({
        kind: 'raw',
        module,
        messageId,
        ...(o.severity === undefined ? {} : { severity: o.severity }),
        ...(o.insertionStrings === undefined ? {} : { insertionStrings: [...o.insertionStrings] }),
        ...common(o),
      }),
    raise,
  }
}

/** The contract's caller over the SDK's transport, with the bearer token and JSON bodies. */
function apiTransport(transport: Transport, token: string, timeoutMs: number): ApiTransport {
  return async (request) => {
    if (request.method !== 'GET' && request.method !== 'POST') {
      throw new SitrepError(
        'invalid_argument',
        `the SDK's transport sends GET and POST, not ${request.method}`,
      )
    }
    const response = await transport.send({
      method: request.method,
      path: request.path,
      headers: {
        accept: 'application/json',
        authorization: `Bearer ${token}`,
        ...(request.body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(request.body === undefined ? {} : { body: new TextEncoder().encode(JSON.stringify(request.body)) }),
      timeoutMs,
    })
    const text = new TextDecoder().decode(response.body)
    let body: unknown
    try {
      body = text === '' ? undefined : JSON.parse(text)
    } catch {
      throw new ApiError(
        response.status,
        'invalid_reply',
        `the site answered ${response.status} with a body that is not JSON`,
      )
    }
    return { status: response.status, body }
  }
}
