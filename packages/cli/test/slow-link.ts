/**
 * A slow link between the agent and the real site: an HTTP relay on loopback that passes every
 * request through unchanged (the Host header too, so the site's content locations point back at
 * the relay), and can hold a content download after its first bytes — the network stalling
 * mid-file — so a test can kill the agent at a known point of a download.
 */
import { createServer, request } from 'node:http'
import type { IncomingMessage, ServerResponse } from 'node:http'
import type { AddressInfo, Socket } from 'node:net'

/** One content request the relay saw. */
export interface ContentRequest {
  readonly sha256: string
  readonly range: string | null
  readonly status: number
}

export interface SlowLink {
  readonly url: string
  /** Content requests, in order. */
  readonly contentRequests: ContentRequest[]
  /** Bytes of content bodies passed on so far. */
  contentBytes(): number
  /** Holds every content body after this many bytes of it (until {@link release}); `null` passes all. */
  holdAfter: number | null
  /** Ends held downloads (their connections drop) and passes everything from now on. */
  release(): void
  close(): Promise<void>
}

export async function startSlowLink(target: string): Promise<SlowLink> {
  const upstream = new URL(target)
  const contentRequests: ContentRequest[] = []
  const sockets = new Set<Socket>()
  const held = new Map<ServerResponse, IncomingMessage>()
  let passed = 0
  const state = { holdAfter: null as number | null }

  const relay = (req: IncomingMessage, res: ServerResponse): void => {
    const content = /^\/mp\/v1\/content\/([0-9a-f]{64})$/.exec(req.url ?? '')
    const out = request(
      {
        host: upstream.hostname,
        port: upstream.port,
        method: req.method,
        path: req.url,
        headers: req.headers,
      },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers)
        if (content?.[1] === undefined) {
          answer.pipe(res)
          return
        }
        contentRequests.push({
          sha256: content[1],
          range: typeof req.headers.range === 'string' ? req.headers.range : null,
          status: answer.statusCode ?? 0,
        })
        let sent = 0
        answer.on('data', (chunk: Buffer) => {
          const limit = state.holdAfter
          const room = limit === null ? chunk.length : Math.max(0, limit - sent)
          const part = chunk.subarray(0, room)
          if (part.length > 0) {
            res.write(part)
            sent += part.length
            passed += part.length
          }
          if (part.length < chunk.length) {
            // The link stalls here: nothing more of this body until the test releases it.
            held.set(res, answer)
            answer.pause()
          }
        })
        answer.on('end', () => {
          if (!held.has(res)) res.end()
        })
      },
    )
    out.on('error', () => res.destroy())
    req.pipe(out)
  }

  const server = createServer(relay)
  server.on('connection', (socket) => {
    sockets.add(socket)
    socket.on('close', () => sockets.delete(socket))
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const port = (server.address() as AddressInfo).port

  return {
    url: `http://127.0.0.1:${port}`,
    contentRequests,
    contentBytes: () => passed,
    get holdAfter() {
      return state.holdAfter
    },
    set holdAfter(value: number | null) {
      state.holdAfter = value
    },
    release() {
      state.holdAfter = null
      for (const [res, answer] of held) {
        res.destroy()
        answer.destroy()
      }
      held.clear()
    },
    async close() {
      for (const socket of sockets) socket.destroy()
      await new Promise<void>((resolve) => server.close(() => resolve()))
    },
  }
}
