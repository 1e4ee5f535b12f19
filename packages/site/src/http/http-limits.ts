/**
 * The limits that keep slow and greedy clients from holding the site's connections: how long a
 * client may take to send its headers and its whole request, how long an idle keep-alive
 * connection stays open, how many requests one connection may carry, and how many connections
 * one source address may hold. Defaults live here; `http.*` in the site configuration
 * (docs/configuration.md) overrides them.
 */

/** Connection and timing limits of the site's HTTP server. */
export interface HttpLimits {
  /** A request whose headers are not complete this long after it started is answered 408 and closed. */
  readonly headersTimeoutMs: number
  /** A request (headers and body) not complete this long after it started is answered 408 and closed. */
  readonly requestTimeoutMs: number
  /** An idle keep-alive connection is closed after this long. */
  readonly keepAliveTimeoutMs: number
  /** Requests one connection may carry; the last one is answered with `Connection: close`. 0: no limit. */
  readonly maxRequestsPerSocket: number
  /** Connections one source address may hold at once (docs/security.md). 0: no limit. */
  readonly maxConnectionsPerAddress: number
}

/** The defaults: 10 s for headers, 60 s for a request, 5 s idle keep-alive, 1000 requests, 256 connections. */
export const DEFAULT_HTTP_LIMITS: HttpLimits = Object.freeze({
  headersTimeoutMs: 10_000,
  requestTimeoutMs: 60_000,
  keepAliveTimeoutMs: 5_000,
  maxRequestsPerSocket: 1000,
  maxConnectionsPerAddress: 256,
})

/**
 * How often Node checks its connections for the headers and request timeouts: a quarter of the
 * headers timeout, between 100 ms and 1 s, so a slow client is closed close to its deadline
 * without the check costing anything noticeable.
 */
export function timeoutCheckIntervalMs(limits: Pick<HttpLimits, 'headersTimeoutMs'>): number {
  return Math.max(100, Math.min(1000, Math.floor(limits.headersTimeoutMs / 4)))
}
