/**
 * A slowloris for tests and the bench: many connections that each send a request line and then
 * one more header line now and then, never finishing their headers, from one or more loopback
 * source addresses (Linux routes all of 127.0.0.0/8 to loopback). It counts how each connection
 * ends, so a test can check that the site freed them and how it said so.
 */
import { request } from 'node:http'
import { connect } from 'node:net'
import type { Socket } from 'node:net'

/** How a slowloris run is going. */
export interface Slowloris {
  /** Connections made (TCP handshake done). */
  connected(): number
  /** Connections the site has closed. */
  closed(): number
  /** How many closed connections got each status line first, e.g. `{ 408: 1990 }`; `none` for no answer. */
  answers(): Readonly<Record<string, number>>
  /** The first answer of each status, for checking its body. */
  sample(status: string): string | undefined
  /** Closes every connection still open. */
  stop(): void
}

/** Options of {@link startSlowloris}. */
export interface SlowlorisOptions {
  readonly port: number
  readonly connections: number
  /** Source addresses, used in turn; default `127.0.0.1`. */
  readonly sources?: readonly string[]
  /** A header line is sent on each open connection this often. */
  readonly trickleMs: number
}

/** Opens the connections (in groups, so the listen backlog does not overflow) and starts trickling. */
export async function startSlowloris(options: SlowlorisOptions): Promise<Slowloris> {
  const sources = options.sources ?? ['127.0.0.1']
  const open = new Set<Socket>()
  const counts: Record<string, number> = {}
  const samples: Record<string, string> = {}
  let connected = 0
  let closed = 0
  const openOne = (index: number): Promise<void> =>
    new Promise((resolve) => {
      const socket = connect({
        host: '127.0.0.1',
        port: options.port,
        localAddress: sources[index % sources.length],
      })
      let answer = ''
      socket.setEncoding('latin1')
      socket.on('data', (chunk: string) => (answer += chunk))
      socket.on('error', () => undefined)
      socket.once('connect', () => {
        connected += 1
        open.add(socket)
        socket.write(`GET /api/v1/health HTTP/1.1\r\nHost: slowloris\r\nX-Slow-${index}: 0\r\n`)
        resolve()
      })
      socket.once('close', () => {
        if (open.delete(socket)) closed += 1
        const status = /^HTTP\/1\.1 (\d{3})/.exec(answer)?.[1] ?? 'none'
        counts[status] = (counts[status] ?? 0) + 1
        samples[status] ??= answer
        resolve()
      })
    })
  for (let first = 0; first < options.connections; first += 250) {
    const group = Math.min(250, options.connections - first)
    await Promise.all(Array.from({ length: group }, (_, i) => openOne(first + i)))
  }
  let line = 0
  const trickle = setInterval(() => {
    line += 1
    for (const socket of open) socket.write(`X-Line-${line}: ${line}\r\n`)
  }, options.trickleMs)
  return {
    connected: () => connected,
    closed: () => closed,
    answers: () => ({ ...counts }),
    sample: (status) => samples[status],
    stop() {
      clearInterval(trickle)
      for (const socket of open) socket.destroy()
    },
  }
}

/** One `GET /api/v1/health` on a new connection from `source`; resolves with its status and time. */
export function probeHealth(port: number, source = '127.0.0.1'): Promise<{ status: number; ms: number }> {
  const started = performance.now()
  return new Promise((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port, path: '/api/v1/health', localAddress: source, agent: false },
      (res) => {
        res.resume()
        res.on('end', () => resolve({ status: res.statusCode ?? 0, ms: performance.now() - started }))
      },
    )
    req.on('error', reject)
    req.end()
  })
}

/** Resolves once `done()` is true, checking every 50 ms; rejects after `guardMs` (a hang guard). */
export async function waitUntil(done: () => boolean, guardMs: number, what: string): Promise<void> {
  const deadline = Date.now() + guardMs
  while (!done()) {
    if (Date.now() > deadline) throw new Error(`gave up waiting for ${what} after ${guardMs} ms`)
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
}
