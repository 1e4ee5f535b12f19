/**
 * The transport port: one request in, one response out, over HTTP(S) to a management point or
 * HTTP over the local agent's socket. Transports never throw for an HTTP status; they throw
 * {@link SitrepNetworkError} when nothing answered. Picking one follows reference §4.1.
 */
import { SitrepError } from '../errors.ts'
import { createHttpTransport, type HttpTransportOptions } from './http-transport.ts'
import { createSocketTransport } from './socket-transport.ts'
import type { Transport } from './transport-types.ts'

export type { Transport, TransportRequest, TransportResponse } from './transport-types.ts'

/** Where a target string points, decided by {@link parseTarget}. */
export type Target =
  { readonly kind: 'http'; readonly url: string } | { readonly kind: 'socket'; readonly path: string }

/**
 * Reads a target as reference §4.1 picks a transport: `http://` or `https://` → HTTP;
 * `unix:/path`, a Windows named pipe (`\\.\pipe\name`) or any other filesystem path → the local
 * agent's socket. Anything else (a bare host name) is refused: name the scheme.
 *
 * @example
 * parseTarget('http://127.0.0.1:8080') // { kind: 'http', url: 'http://127.0.0.1:8080' }
 * parseTarget('/run/sitrep/agent.sock') // { kind: 'socket', path: '/run/sitrep/agent.sock' }
 */
export function parseTarget(target: string): Target {
  const trimmed = target.trim()
  if (/^https?:\/\//i.test(trimmed)) {
    try {
      const url = new URL(trimmed)
      return { kind: 'http', url: url.href.replace(/\/+$/, '') }
    } catch (cause) {
      throw new SitrepError('invalid_argument', `target ${JSON.stringify(target)} is not a valid URL`, {
        cause,
      })
    }
  }
  if (trimmed.startsWith('unix:')) return { kind: 'socket', path: trimmed.slice('unix:'.length) }
  if (
    trimmed.startsWith('\\\\.\\pipe\\') ||
    trimmed.startsWith('/') ||
    trimmed.startsWith('./') ||
    trimmed.startsWith('../') ||
    /^[A-Za-z]:[\\/]/.test(trimmed)
  ) {
    return { kind: 'socket', path: trimmed }
  }
  throw new SitrepError(
    'invalid_argument',
    `target ${JSON.stringify(target)} is neither an http(s):// URL nor a socket path (/path, unix:/path, \\\\.\\pipe\\name)`,
  )
}

/** Options of {@link createTransport}. */
export type TransportOptions = HttpTransportOptions

/**
 * Returns the transport for a target string (see {@link parseTarget}).
 *
 * @example
 * const transport = createTransport('http://127.0.0.1:8080')
 * const response = await transport.send({ method: 'GET', path: '/mp/v1/location', headers: {}, timeoutMs: 10_000 })
 */
export function createTransport(target: string, options: TransportOptions = {}): Transport {
  const parsed = parseTarget(target)
  return parsed.kind === 'http'
    ? createHttpTransport(parsed.url, options)
    : createSocketTransport(parsed.path)
}
