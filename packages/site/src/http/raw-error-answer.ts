/**
 * An error answer written straight onto a socket, for refusals made before there is a request
 * that Fastify could answer (the HTTP parser's, the connection cap's): the status line, the
 * documented JSON body and `Connection: close`, since the socket is closed after it.
 */
import type { ErrorBody } from '@sitrep/api'
import type { RequestError } from './request-error.ts'

/** The raw HTTP/1.1 response of `error`, with `Retry-After` when it has one. */
export function rawErrorAnswer(error: RequestError): string {
  const body: ErrorBody = { error: { code: error.code, message: error.message } }
  const json = JSON.stringify(body)
  const reason = error.code.replace(/_/g, ' ')
  const retryAfter =
    error.retryAfterSeconds === undefined ? '' : `Retry-After: ${String(error.retryAfterSeconds)}\r\n`
  return (
    `HTTP/1.1 ${String(error.status)} ${reason}\r\n` +
    `Content-Type: application/json; charset=utf-8\r\nContent-Length: ${String(Buffer.byteLength(json))}\r\n` +
    `${retryAfter}Connection: close\r\n\r\n${json}`
  )
}
