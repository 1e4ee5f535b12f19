/**
 * Errors of the management point and the REST API that concern a whole request. Codes are API
 * (docs/errors.md); the HTTP status of each sits in {@link MP_ERROR_STATUS}, next to the one
 * error handler that uses it.
 */
import type { FieldIssue } from '@sitrep/protocol'

/** Every code a request-level error body may carry. */
export const MP_ERROR_CODES = [
  'invalid_body',
  'invalid_query',
  'unknown_client',
  'bad_signature',
  'stale_timestamp',
  'unauthorized',
  'invalid_credentials',
  'forbidden',
  'csrf_failed',
  'conflict',
  'last_full_administrator',
  'client_not_approved',
  'client_rejected',
  'not_found',
  'payload_too_large',
  'batch_too_large',
  'unsupported_media_type',
  'rate_limited',
  'unavailable',
  'internal_error',
] as const
export type MpErrorCode = (typeof MP_ERROR_CODES)[number]

/** HTTP status of each code. */
export const MP_ERROR_STATUS = {
  invalid_body: 400,
  invalid_query: 400,
  unknown_client: 401,
  bad_signature: 401,
  stale_timestamp: 401,
  unauthorized: 401,
  invalid_credentials: 401,
  forbidden: 403,
  csrf_failed: 403,
  conflict: 409,
  last_full_administrator: 409,
  client_not_approved: 403,
  client_rejected: 403,
  not_found: 404,
  payload_too_large: 413,
  batch_too_large: 413,
  unsupported_media_type: 415,
  rate_limited: 429,
  unavailable: 503,
  internal_error: 500,
} as const satisfies Record<MpErrorCode, number>

/** A request the MP or the API refuses as a whole; the error handler turns it into the body. */
export class MpError extends Error {
  override name = 'MpError'
  readonly code: MpErrorCode
  readonly issues: readonly FieldIssue[] | undefined
  /** Seconds for the `Retry-After` header (429, 503). */
  readonly retryAfterSeconds: number | undefined
  constructor(
    code: MpErrorCode,
    message: string,
    options: ErrorOptions & {
      readonly issues?: readonly FieldIssue[]
      readonly retryAfterSeconds?: number
    } = {},
  ) {
    super(message, options)
    this.code = code
    this.issues = options.issues
    this.retryAfterSeconds = options.retryAfterSeconds
  }
}

/** True when `error` is an {@link MpError}. */
export function isMpError(error: unknown): error is MpError {
  return error instanceof MpError
}
