/**
 * A real HTTP receiver for export tests: listens on 127.0.0.1 (port 0 unless told), keeps every
 * request it gets, and answers each with what `answer` says (204 by default).
 */
import { createServer } from 'node:http'
import type { IncomingHttpHeaders } from 'node:http'
import type { AddressInfo } from 'node:net'

/** One request the receiver got. */
export interface ReceivedRequest {
  readonly headers: IncomingHttpHeaders
  /** The raw body, exactly as it arrived (signatures are computed over these bytes). */
  readonly body: string
  /** The status the receiver answered. */
  readonly status: number
}

/** What to answer: a status and extra headers (`retry-after`). */
export interface ReceiverAnswer {
  readonly status: number
  readonly headers?: Readonly<Record<string, string>>
}

/** A running receiver. */
export interface WebhookReceiver {
  readonly url: string
  readonly port: number
  readonly requests: ReceivedRequest[]
  /** Sets how the next requests are answered (request, and how many came before it). */
  answerWith(
    answer: (request: { headers: IncomingHttpHeaders; body: string }, index: number) => ReceiverAnswer,
  ): void
  close(): Promise<void>
}

/** Starts a receiver; `port` fixes the port (a receiver restarted under the same URL). */
export async function startWebhookReceiver(
  options: { readonly port?: number } = {},
): Promise<WebhookReceiver> {
  const requests: ReceivedRequest[] = []
  let answer: (
    request: { headers: IncomingHttpHeaders; body: string },
    index: number,
  ) => ReceiverAnswer = () => ({
    status: 204,
  })
  const server = createServer((req, res) => {
    let body = ''
    req.setEncoding('utf8').on('data', (chunk: string) => (body += chunk))
    req.on('end', () => {
      const reply = answer({ headers: req.headers, body }, requests.length)
      requests.push({ headers: req.headers, body, status: reply.status })
      res.writeHead(reply.status, reply.headers).end()
    })
  })
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port ?? 0, '127.0.0.1', resolve)
  })
  const port = (server.address() as AddressInfo).port // listening on TCP, so an AddressInfo
  return {
    url: `http://127.0.0.1:${port}/hook`,
    port,
    requests,
    answerWith: (next) => {
      answer = next
    },
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}
