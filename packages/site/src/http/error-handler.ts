/**
 * The one error handler of the site's HTTP app: every request-level failure leaves as
 * `{ "error": { "code", "message", "issues"? } }` with the status of {@link MP_ERROR_STATUS}.
 * Fastify's own errors (body too large, unknown media type) are mapped onto our codes; anything
 * unexpected is logged in full and answered with a generic 500 that carries no stack trace.
 */
import type { FastifyError, FastifyInstance, FastifyReply } from 'fastify'
import { MP_ERROR_STATUS, MpError, isMpError } from '../mp/mp-error.ts'
import type { MpErrorBody } from '../mp/mp-error.ts'

/** Installs the error and not-found handlers on `app`. */
export function registerErrorHandler(app: FastifyInstance, options: { readonly maxBodyBytes: number }): void {
  app.setErrorHandler((error: FastifyError | Error, request, reply) => {
    const known = isMpError(error) ? error : fromFastifyError(error, options.maxBodyBytes)
    if (known === undefined) {
      request.log.error({ err: error }, 'request failed')
      return sendMpError(
        reply,
        new MpError('internal_error', 'the site could not handle this request; see its log'),
      )
    }
    return sendMpError(reply, known)
  })
  app.setNotFoundHandler((request, reply) =>
    sendMpError(
      reply,
      new MpError('not_found', `no route ${request.method} ${request.url.split('?')[0] ?? ''}`),
    ),
  )
}

/** Sends `error` as the standard error body, with `Retry-After` when it has one. */
export function sendMpError(reply: FastifyReply, error: MpError): FastifyReply {
  const body: MpErrorBody = {
    error: {
      code: error.code,
      message: error.message,
      ...(error.issues === undefined || error.issues.length === 0 ? {} : { issues: error.issues }),
    },
  }
  if (error.retryAfterSeconds !== undefined) reply.header('retry-after', String(error.retryAfterSeconds))
  return reply.code(MP_ERROR_STATUS[error.code]).type('application/json; charset=utf-8').send(body)
}

function fromFastifyError(error: FastifyError | Error, maxBodyBytes: number): MpError | undefined {
  const status = 'statusCode' in error ? error.statusCode : undefined
  if (status === undefined || status >= 500 || status < 400) return undefined
  switch (status) {
    case 413:
      return new MpError(
        'payload_too_large',
        `the body is larger than ${maxBodyBytes} bytes (mp.maxBodyBytes); send smaller batches`,
      )
    case 415:
      return new MpError(
        'unsupported_media_type',
        'Content-Type must be application/json, application/xml or text/xml',
      )
    default:
      return new MpError('invalid_body', `the request could not be read: ${error.message}`)
  }
}
