/**
 * One call to a management point over a transport: optional signing, the typed error for an
 * error status, and JSON reading of the reply.
 */
import { httpErrorFromReply, parseRetryAfter, SitrepError } from '../errors.ts'
import type { RequestSigner } from '../identity/sign-request.ts'
import { signRequest } from '../identity/sign-request.ts'
import type { Transport, TransportResponse } from './transport-types.ts'

/** Default time to wait for an MP answer: the managed Client Messaging SDK's 60 s (reference §4.4). */
export const DEFAULT_TIMEOUT_MS = 60_000

/** One MP call. */
export interface MpCall {
  readonly method: 'GET' | 'POST'
  readonly path: string
  readonly body?: Uint8Array
  readonly contentType?: string
  /** Signs the request when given (docs/protocol.md "Authentication"). */
  readonly signer?: RequestSigner
  readonly headers?: Readonly<Record<string, string>>
  readonly timeoutMs?: number
  /** Epoch ms for the signature timestamp and `Retry-After` dates. */
  readonly now: number
}

/**
 * Sends one call and returns the 2xx response; an error status throws the typed
 * `SitrepHttpError` subclass for the MP's code, and no answer throws `SitrepNetworkError`.
 */
export async function callMp(transport: Transport, call: MpCall): Promise<TransportResponse> {
  const body = call.body ?? new Uint8Array()
  const headers: Record<string, string> = {
    accept: 'application/json',
    ...(call.contentType === undefined ? {} : { 'content-type': call.contentType }),
    ...call.headers,
    ...(call.signer === undefined
      ? {}
      : signRequest(call.signer, { method: call.method, path: call.path, body }, call.now)),
  }
  const response = await transport.send({
    method: call.method,
    path: call.path,
    headers,
    ...(call.body === undefined ? {} : { body }),
    timeoutMs: call.timeoutMs ?? DEFAULT_TIMEOUT_MS,
  })
  if (response.status >= 200 && response.status < 300) return response
  throw httpErrorFromReply({
    status: response.status,
    body: tryJson(response.body),
    retryAfterMs: parseRetryAfter(response.headers['retry-after'], call.now),
    what: `${call.method} ${call.path} on ${transport.target}`,
  })
}

/** Reads a reply body as JSON, throwing `invalid_reply` naming `what` when it is not. */
export function readJson(response: TransportResponse, what: string): unknown {
  const value = tryJson(response.body)
  if (value === undefined) {
    throw new SitrepError('invalid_reply', `${what}: the reply (status ${response.status}) is not JSON`)
  }
  return value
}

function tryJson(body: Uint8Array): unknown {
  try {
    return JSON.parse(Buffer.from(body).toString('utf8')) as unknown
  } catch {
    return undefined
  }
}
