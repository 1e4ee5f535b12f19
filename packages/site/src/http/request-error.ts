/**
 * The one error type of the REST API: a request refused as a whole, with a stable code of
 * `@sitrep/api`'s {@link API_ERROR_STATUS} (docs/errors.md). The management point keeps its own
 * `MpError` for its protocol; both leave through the one error handler in the same body shape.
 */
import { API_ERROR_STATUS } from '@sitrep/api'
import type { ApiErrorCode } from '@sitrep/api'
import type { FieldIssue } from '@sitrep/protocol'

/** A REST request the site refuses; the error handler sends it as `{ error: { code, message, issues? } }`. */
export class RequestError extends Error {
  override name = 'RequestError'
  readonly code: ApiErrorCode
  readonly issues: readonly FieldIssue[] | undefined
  /** Seconds for the `Retry-After` header (429, 503). */
  readonly retryAfterSeconds: number | undefined
  constructor(
    code: ApiErrorCode,
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

  /** The HTTP status of the code. */
  get status(): number {
    return API_ERROR_STATUS[this.code]
  }
}

/** True when `error` is a {@link RequestError}. */
export function isRequestError(error: unknown): error is RequestError {
  return error instanceof RequestError
}

/** Throws `invalid_body` carrying `issues`, summarised by the first (whose message names its field). */
export function refuseRequestBody(issues: readonly FieldIssue[]): never {
  const first = issues[0]
  const summary = first === undefined ? "the body is not of this route's form" : first.message
  throw new RequestError('invalid_body', summary, { issues: issues.slice(0, 100) })
}
