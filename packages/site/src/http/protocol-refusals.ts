/**
 * Refusals Node's HTTP server would otherwise make itself, with a bare body: a missing `Host`
 * header (Node's bare 400), an `Expect` header other than `100-continue` (Node's bare 417) and a
 * `CONNECT` request (Node closes the connection without a word). Each is answered in the one error
 * shape of docs/errors.md instead.
 */
import type { IncomingMessage, Server, ServerResponse } from 'node:http'
import type { Duplex } from 'node:stream'
import type { ErrorBody } from '@sitrep/api'
import { rawErrorAnswer } from './raw-error-answer.ts'
import { RequestError } from './request-error.ts'

/**
 * Options for `http.createServer`: Node's own Host check is switched off, because its 400 has no
 * body; {@link missingHostError} makes the same check in our shape.
 */
export const HOST_CHECK_SERVER_OPTIONS = { requireHostHeader: false } as const

/**
 * The refusal of an HTTP/1.1 request without a `Host` header (RFC 9112 §3.2 requires one), or
 * `undefined` when the request has one or is HTTP/1.0.
 */
export function missingHostError(request: IncomingMessage): RequestError | undefined {
  if (request.headers.host !== undefined) return undefined
  if (request.httpVersionMajor === 1 && request.httpVersionMinor === 0) return undefined
  return new RequestError(
    'bad_request',
    'the request has no Host header, which HTTP/1.1 requires; send Host: <the site host>:<port>',
  )
}

/** Answers what Node would answer with a bare body, in the one error shape. */
export function refuseInOurShape(server: Server): void {
  // Node emits this instead of answering 417 itself once a listener exists; `100-continue` never
  // reaches it (Node answers that with `100 Continue` as before).
  server.on('checkExpectation', (request: IncomingMessage, response: ServerResponse) => {
    const expectation = String(request.headers.expect ?? '').slice(0, 100)
    const error = new RequestError(
      'expectation_failed',
      `the site cannot meet Expect: ${JSON.stringify(expectation)}; only Expect: 100-continue is understood, or send no Expect header`,
    )
    const body: ErrorBody = { error: { code: error.code, message: error.message } }
    const json = JSON.stringify(body)
    response.writeHead(error.status, {
      'content-type': 'application/json; charset=utf-8',
      'content-length': Buffer.byteLength(json),
    })
    response.end(json)
  })
  // The site is not a proxy; without a listener Node would close the connection with no answer.
  server.on('connect', (request: IncomingMessage, socket: Duplex) => {
    const target = String(request.url ?? '').slice(0, 200)
    const error = new RequestError(
      'unknown_route',
      `no route CONNECT ${target} on this site: it is not a proxy; docs/api.md lists the routes`,
    )
    socket.on('error', () => undefined)
    socket.end(rawErrorAnswer(error))
  })
}
