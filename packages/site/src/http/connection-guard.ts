/**
 * The per-address connection cap and the per-connection request limit of the site's HTTP
 * server. One source address may hold `maxConnectionsPerAddress` connections. When it opens one
 * more, its oldest connection with no request in progress (one still sending its headers, as a
 * slowloris does, or an idle keep-alive one) is closed to make room; only when all of them are
 * busy with requests is the new connection refused, with a one-line 429 `too_many_connections`
 * answer. So a client that opens connections and never finishes a request cannot lock out a
 * health check or a real request from the same address, and other addresses are not touched.
 */
import type { IncomingMessage, Server, ServerResponse } from 'node:http'
import type { Socket } from 'node:net'
import type { HttpLimits } from './http-limits.ts'
import { rawErrorAnswer } from './raw-error-answer.ts'
import { RequestError } from './request-error.ts'

/** What the guard counts, for logs and tests. */
export interface ConnectionGuardStats {
  /** Connections closed to make room for a newer one from the same address. */
  readonly evicted: number
  /** Connections refused because every connection of their address was busy. */
  readonly refused: number
}

/** A guard installed on a server. */
export interface ConnectionGuard {
  stats(): ConnectionGuardStats
}

/** Installs the connection cap and the request limit of `limits` on `server`. */
export function guardConnections(
  server: Server,
  limits: Pick<HttpLimits, 'maxConnectionsPerAddress' | 'maxRequestsPerSocket'>,
): ConnectionGuard {
  // Each address's open connections, oldest first (a Set keeps insertion order).
  const byAddress = new Map<string, Set<Socket>>()
  const busy = new WeakSet<Socket>()
  const requestsServed = new WeakMap<Socket, number>()
  let evicted = 0
  let refused = 0

  if (limits.maxConnectionsPerAddress > 0) {
    server.prependListener('connection', (socket: Socket) => {
      const address = socket.remoteAddress ?? ''
      let open = byAddress.get(address)
      if (open === undefined) {
        open = new Set()
        byAddress.set(address, open)
      }
      if (open.size >= limits.maxConnectionsPerAddress) {
        const idle = oldestIdle(open, busy)
        if (idle === undefined) {
          refused += 1
          refuse(socket, limits.maxConnectionsPerAddress)
          return
        }
        evicted += 1
        open.delete(idle)
        idle.destroy()
      }
      open.add(socket)
      socket.once('close', () => {
        const set = byAddress.get(address)
        set?.delete(socket)
        if (set?.size === 0) byAddress.delete(address)
      })
    })
  }

  server.prependListener('request', (request: IncomingMessage, response: ServerResponse) => {
    const socket = request.socket
    busy.add(socket)
    response.once('close', () => busy.delete(socket))
    const served = (requestsServed.get(socket) ?? 0) + 1
    requestsServed.set(socket, served)
    // The last request a connection may carry is answered with `Connection: close` (Node's own
    // maxRequestsPerSocket would answer later pipelined requests with a bare 503 instead).
    if (limits.maxRequestsPerSocket > 0 && served >= limits.maxRequestsPerSocket) {
      response.shouldKeepAlive = false
    }
  })

  return { stats: () => ({ evicted, refused }) }
}

function oldestIdle(open: ReadonlySet<Socket>, busy: WeakSet<Socket>): Socket | undefined {
  for (const socket of open) if (!busy.has(socket)) return socket
  return undefined
}

function refuse(socket: Socket, max: number): void {
  const error = new RequestError(
    'too_many_connections',
    `this address already holds ${max} connections to the site (http.maxConnectionsPerAddress), all busy; reuse one or retry later`,
    { retryAfterSeconds: 1 },
  )
  socket.write(rawErrorAnswer(error))
  socket.destroySoon()
}
