/**
 * A minimal HTTP/1.1 keep-alive client over one TCP socket, one request at a time, as load
 * tools such as autocannon do it: `node:http`'s client costs more CPU per request than the
 * servers under test, and on a two-core machine the load generator must not be what limits.
 * It understands `Content-Length` and chunked replies, which is all the servers here send.
 */
import { connect } from 'node:net'
import type { Socket } from 'node:net'

/** A reply: status code and body text. */
export interface RawAnswer {
  readonly status: number
  readonly body: string
}

/** One keep-alive connection; reconnects on the next request if the server closed it. */
export interface RawConnection {
  post(path: string, headers: Readonly<Record<string, string>>, body: Buffer): Promise<RawAnswer>
  close(): void
}

const HEADER_END = Buffer.from('\r\n\r\n')
const CRLF = Buffer.from('\r\n')

interface Pending {
  resolve(answer: RawAnswer): void
  reject(error: Error): void
}

/** Parses a complete reply at the start of `data`; returns it and its length, or undefined if incomplete. */
function parseReply(data: Buffer): { answer: RawAnswer; length: number } | undefined {
  const headerEnd = data.indexOf(HEADER_END)
  if (headerEnd < 0) return undefined
  const head = data.subarray(0, headerEnd).toString('latin1')
  const status = Number(head.slice(9, 12))
  const lengthMatch = /\r\ncontent-length:\s*(\d+)/i.exec(head)
  const bodyStart = headerEnd + HEADER_END.length
  if (lengthMatch?.[1] !== undefined) {
    const end = bodyStart + Number(lengthMatch[1])
    if (data.length < end) return undefined
    return { answer: { status, body: data.subarray(bodyStart, end).toString('utf8') }, length: end }
  }
  if (/\r\ntransfer-encoding:\s*chunked/i.test(head)) {
    const parts: Buffer[] = []
    let at = bodyStart
    for (;;) {
      const lineEnd = data.indexOf(CRLF, at)
      if (lineEnd < 0) return undefined
      const size = Number.parseInt(data.subarray(at, lineEnd).toString('latin1'), 16)
      const chunkStart = lineEnd + 2
      if (size === 0) {
        // No trailers are sent by these servers: the last chunk is followed by one CRLF.
        if (data.length < chunkStart + 2) return undefined
        return { answer: { status, body: Buffer.concat(parts).toString('utf8') }, length: chunkStart + 2 }
      }
      if (data.length < chunkStart + size + 2) return undefined
      parts.push(data.subarray(chunkStart, chunkStart + size))
      at = chunkStart + size + 2
    }
  }
  // Neither length nor chunked: a reply without a body (e.g. 204).
  return { answer: { status, body: '' }, length: bodyStart }
}

/** Opens a connection to `host:port` lazily, on the first request. */
export function createRawConnection(host: string, port: number): RawConnection {
  let socket: Socket | undefined
  let buffered: Buffer = Buffer.alloc(0)
  let pending: Pending | undefined

  const fail = (error: Error): void => {
    socket = undefined
    buffered = Buffer.alloc(0)
    const p = pending
    pending = undefined
    p?.reject(error)
  }

  const open = (): Socket => {
    const s = connect({ host, port, noDelay: true })
    s.on('data', (chunk: Buffer) => {
      buffered = buffered.length === 0 ? chunk : Buffer.concat([buffered, chunk])
      const parsed = parseReply(buffered)
      if (parsed === undefined) return
      buffered = buffered.subarray(parsed.length)
      const p = pending
      pending = undefined
      p?.resolve(parsed.answer)
    })
    s.on('error', (error) => fail(error))
    s.on('close', () => {
      if (socket === s) fail(new Error('connection closed by the server'))
    })
    return s
  }

  return {
    post(path, headers, body) {
      if (pending !== undefined) return Promise.reject(new Error('one request at a time per connection'))
      socket ??= open()
      let head = `POST ${path} HTTP/1.1\r\nHost: ${host}:${port}\r\nContent-Length: ${body.length}\r\n`
      for (const [name, value] of Object.entries(headers)) head += `${name}: ${value}\r\n`
      head += '\r\n'
      const s = socket
      return new Promise<RawAnswer>((resolve, reject) => {
        pending = { resolve, reject }
        s.cork()
        s.write(head, 'latin1')
        s.write(body)
        s.uncork()
      })
    },
    close() {
      const s = socket
      socket = undefined
      s?.destroy()
    },
  }
}
