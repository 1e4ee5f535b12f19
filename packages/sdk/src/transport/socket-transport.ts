import { request as httpRequest } from 'node:http'
import { SitrepNetworkError } from '../errors.ts'
import { describe } from './http-transport.ts'
import type { Transport, TransportRequest, TransportResponse } from './transport-types.ts'

/**
 * HTTP over the local agent's socket: a Unix domain socket path, or a named pipe
 * (`\\.\pipe\sitrep-agent`) on Windows. The agent serves the same `/mp/v1` routes as an MP.
 *
 * @example
 * const transport = createSocketTransport('/run/sitrep/agent.sock')
 */
export function createSocketTransport(socketPath: string): Transport {
  return {
    kind: 'socket',
    target: socketPath,
    send(request: TransportRequest): Promise<TransportResponse> {
      return new Promise((resolve, reject) => {
        const fail = (cause: unknown): void =>
          reject(
            new SitrepNetworkError(
              `${request.method} ${request.path} on socket ${socketPath} did not answer: ${describe(cause)}`,
              { cause },
            ),
          )
        const req = httpRequest(
          {
            socketPath,
            method: request.method,
            path: request.path,
            headers: {
              ...request.headers,
              host: 'localhost',
              ...(request.body === undefined ? {} : { 'content-length': String(request.body.byteLength) }),
            },
            timeout: request.timeoutMs,
          },
          (res) => {
            const chunks: Buffer[] = []
            res.on('data', (chunk: Buffer) => chunks.push(chunk))
            res.on('error', fail)
            res.on('end', () => {
              const headers: Record<string, string> = {}
              for (const [name, value] of Object.entries(res.headers)) {
                if (value !== undefined)
                  headers[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value
              }
              resolve({ status: res.statusCode ?? 0, headers, body: new Uint8Array(Buffer.concat(chunks)) })
            })
          },
        )
        req.on('timeout', () => req.destroy(new Error('timed out')))
        req.on('error', fail)
        req.end(request.body === undefined ? undefined : Buffer.from(request.body))
      })
    },
  }
}
