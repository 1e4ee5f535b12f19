/**
 * The one error handler of the site's HTTP app: every 4xx and 5xx leaves as
 * `{ "error": { "code", "message", "issues"? } }` with a code of docs/errors.md. REST routes
 * throw {@link RequestError}, the management point its `MpError`; a `StoreError` becomes
 * `unavailable` (503, retry) or `invalid_argument`; Fastify's own refusals (body too large,
 * unknown media type, bad URL, unknown route) and the HTTP parser's (headers too large, request
 * timeout, malformed request) are mapped onto our codes; anything unexpected is logged in full and
 * answered with a generic 500 that carries no stack trace.
 */
import { API_ERROR_STATUS } from '@sitrep/api'
import type { ApiErrorCode, ErrorBody } from '@sitrep/api'
import type { FieldIssue } from '@sitrep/protocol'
import { isStoreError } from '@sitrep/store'
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import type { Socket } from 'node:net'
import { MP_ERROR_STATUS, isMpError } from '../mp/mp-error.ts'
import { rawErrorAnswer } from './raw-error-answer.ts'
import { RequestError, isRequestError } from './request-error.ts'

/** Seconds a client waits before retrying after a store outage or a conflict. */
const STORE_RETRY_AFTER_SECONDS = 5

/** What a failed request is answered with. */
interface ErrorAnswer {
  readonly status: number
  readonly code: string
  readonly message: string
  readonly issues?: readonly FieldIssue[] | undefined
  readonly retryAfterSeconds?: number | undefined
}

/** Installs the error, not-found and shutdown handlers on `app`. */
export function registerErrorHandler(app: FastifyInstance, options: { readonly maxBodyBytes: number }): void {
  app.setErrorHandler((error: FastifyError | Error, request, reply) => {
    const known = toErrorAnswer(error, options.maxBodyBytes)
    if (known === undefined) {
      request.log.error({ err: error, url: request.url, method: request.method }, 'request failed')
      return sendErrorAnswer(reply, fromRequestError(internalError()))
    }
    return sendErrorAnswer(reply, known)
  })
  app.setNotFoundHandler((request, reply) =>
    sendErrorAnswer(
      reply,
      fromRequestError(
        new RequestError(
          'unknown_route',
          `no route ${request.method} ${(request.url.split('?')[0] ?? '').slice(0, 200)} on this site; docs/api.md lists the routes (this site may be older than the caller)`,
        ),
      ),
    ),
  )
  // Requests that reach the app while it closes get the same shape (Fastify's own 503 does not).
  let closing = false
  app.addHook('preClose', (done) => {
    closing = true
    done()
  })
  app.addHook('onRequest', (_request, reply, done) => {
    if (!closing) return done()
    reply.header('connection', 'close')
    done(
      new RequestError('unavailable', 'the site is shutting down; retry shortly', { retryAfterSeconds: 5 }),
    )
  })
}

/**
 * Fastify's `frameworkErrors` option: a URL that does not decode or a path segment that is too
 * long, answered in our shape instead of Fastify's.
 */
export function frameworkErrorHandler(
  error: FastifyError,
  _request: FastifyRequest,
  reply: FastifyReply,
): void {
  const answer =
    error.code === 'FST_ERR_MAX_PARAM_LENGTH'
      ? new RequestError('url_too_long', 'a path segment of the URL is too long; shorten it')
      : error.code === 'FST_ERR_BAD_URL'
        ? new RequestError('bad_request', 'the URL is not valid (a bad percent-encoding?)')
        : internalError()
  void sendErrorAnswer(reply, fromRequestError(answer))
}

/**
 * Fastify's `clientErrorHandler` option: what the HTTP parser refuses before there is a request
 * (headers too large, a request that arrives too slowly, malformed framing) gets our error body
 * on the raw socket, which is then closed.
 */
export function clientErrorHandler(error: Error & { code?: string }, socket: Socket): void {
  if (error.code === 'ECONNRESET' || socket.destroyed) return
  const answer =
    error.code === 'HPE_HEADER_OVERFLOW'
      ? new RequestError(
          'headers_too_large',
          'the request headers are too large; send fewer or shorter headers',
        )
      : error.code === 'ERR_HTTP_REQUEST_TIMEOUT' || error.code === 'ERR_HTTP_HEADERS_TIMEOUT'
        ? new RequestError('request_timeout', 'the request did not arrive in time; send it again, faster')
        : new RequestError('bad_request', 'the request could not be read as HTTP/1.1')
  if (socket.writable) socket.write(rawErrorAnswer(answer))
  socket.destroy(error)
}

function toErrorAnswer(error: FastifyError | Error, maxBodyBytes: number): ErrorAnswer | undefined {
  if (isRequestError(error)) return fromRequestError(error)
  if (isMpError(error)) {
    return {
      status: MP_ERROR_STATUS[error.code],
      code: error.code,
      message: error.message,
      issues: error.issues,
      retryAfterSeconds: error.retryAfterSeconds,
    }
  }
  if (isStoreError(error)) {
    switch (error.code) {
      case 'store_unavailable':
      case 'store_conflict':
        return fromRequestError(
          new RequestError(
            'unavailable',
            `the database is not available now (${error.code}); retry shortly`,
            {
              retryAfterSeconds: STORE_RETRY_AFTER_SECONDS,
            },
          ),
        )
      case 'invalid_argument':
        return fromRequestError(new RequestError('invalid_argument', error.message))
      case 'corrupt_row':
      case 'migration_failed':
        return undefined
    }
  }
  return fromFastifyError(error, maxBodyBytes)
}

function fromFastifyError(error: FastifyError | Error, maxBodyBytes: number): ErrorAnswer | undefined {
  const status = 'statusCode' in error ? error.statusCode : undefined
  if (status === undefined || status >= 500 || status < 400) return undefined
  switch (status) {
    case 413:
      return fromRequestError(
        new RequestError(
          'payload_too_large',
          `the body is larger than ${maxBodyBytes} bytes (mp.maxBodyBytes); send smaller batches`,
        ),
      )
    case 415:
      return fromRequestError(
        new RequestError(
          'unsupported_media_type',
          'Content-Type must be application/json, application/xml or text/xml',
        ),
      )
    default:
      return fromRequestError(
        new RequestError('invalid_body', `the request could not be read: ${error.message}`),
      )
  }
}

function fromRequestError(error: RequestError): ErrorAnswer {
  return {
    status: API_ERROR_STATUS[error.code],
    code: error.code,
    message: error.message,
    issues: error.issues,
    retryAfterSeconds: error.retryAfterSeconds,
  }
}

function internalError(): RequestError {
  const code: ApiErrorCode = 'internal_error'
  return new RequestError(code, 'the site could not handle this request; see its log')
}

function errorBody(answer: ErrorAnswer): ErrorBody {
  return {
    error: {
      code: answer.code,
      message: answer.message,
      ...(answer.issues === undefined || answer.issues.length === 0 ? {} : { issues: [...answer.issues] }),
    },
  }
}

function sendErrorAnswer(reply: FastifyReply, answer: ErrorAnswer): FastifyReply {
  if (answer.retryAfterSeconds !== undefined) reply.header('retry-after', String(answer.retryAfterSeconds))
  // Refused before its body has all arrived (a chunked upload over the limit): the client may
  // still be sending, so the connection closes after the answer instead of reading the rest.
  if (!reply.request.raw.complete) reply.header('connection', 'close')
  return reply.code(answer.status).type('application/json; charset=utf-8').send(errorBody(answer))
}
