import { SitrepNetworkError } from '../errors.ts'
import type { Transport, TransportRequest, TransportResponse } from './transport-types.ts'

/** Options of {@link createHttpTransport}. */
export interface HttpTransportOptions {
  /** Replaces the global `fetch` (tests, proxies). */
  readonly fetch?: typeof fetch
}

/**
 * HTTP(S) to a management point at `baseUrl` (e.g. `http://127.0.0.1:8080`) with `fetch`.
 *
 * @example
 * const transport = createHttpTransport('https://mp.example.org')
 */
export function createHttpTransport(baseUrl: string, options: HttpTransportOptions = {}): Transport {
  const doFetch = options.fetch ?? fetch
  const base = baseUrl.replace(/\/+$/, '')
  return {
    kind: 'http',
    target: base,
    async send(request: TransportRequest): Promise<TransportResponse> {
      const url = `${base}${request.path}`
      let response: Response
      let body: ArrayBuffer
      try {
        response = await doFetch(url, {
          method: request.method,
          headers: request.headers,
          // A copy typed over a plain ArrayBuffer, which is what fetch takes as a body.
          ...(request.body === undefined ? {} : { body: new Uint8Array(request.body) }),
          signal: AbortSignal.timeout(request.timeoutMs),
        })
        body = await response.arrayBuffer()
      } catch (cause) {
        throw new SitrepNetworkError(`${request.method} ${url} did not answer: ${describe(cause)}`, { cause })
      }
      const headers: Record<string, string> = {}
      response.headers.forEach((value, name) => {
        headers[name.toLowerCase()] = value
      })
      return { status: response.status, headers, body: new Uint8Array(body) }
    },
  }
}

/** A short reason for a fetch failure: undici hides the system error in `cause`. */
export function describe(error: unknown): string {
  if (!(error instanceof Error)) return String(error)
  const cause: unknown = error.cause
  if (cause instanceof Error && 'code' in cause && typeof cause.code === 'string')
    // Node's message often names the code itself (`connect ECONNREFUSED …`): say it once.
    return cause.message.includes(cause.code) ? cause.message : `${cause.code} ${cause.message}`
  if (error.name === 'TimeoutError') return 'timed out'
  return error.message
}
