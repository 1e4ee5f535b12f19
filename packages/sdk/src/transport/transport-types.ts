/** The transport port: one request in, one response out. */

/** One HTTP request, path relative to the target (`/mp/v1/status?x=1`). */
export interface TransportRequest {
  readonly method: 'GET' | 'POST'
  readonly path: string
  readonly headers: Readonly<Record<string, string>>
  readonly body?: Uint8Array
  /** Give up after this long; the transport throws a network error. */
  readonly timeoutMs: number
}

/** The answer: status, lower-case header names, and the body bytes. */
export interface TransportResponse {
  readonly status: number
  readonly headers: Readonly<Record<string, string>>
  readonly body: Uint8Array
}

/** Sends requests to one MP or agent. */
export interface Transport {
  readonly kind: 'http' | 'socket'
  /** The URL or socket path, for messages. */
  readonly target: string
  send(request: TransportRequest): Promise<TransportResponse>
}
