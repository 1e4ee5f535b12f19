/**
 * The one error shape of the site's HTTP API: every 4xx and 5xx answers
 * `{ "error": { "code", "message", "issues"? } }`. Codes are API (docs/errors.md lists each with
 * its meaning and fix); messages are for people and may change.
 */
import { z } from 'zod'

/** Every code a REST API error body may carry, with the HTTP status it is sent with. */
export const API_ERROR_STATUS = {
  /** The request line, a header or the framing could not be read. */
  bad_request: 400,
  /** The JSON body is missing, not JSON, or not of the route's form. */
  invalid_body: 400,
  /** A query parameter is unknown or out of its range. */
  invalid_query: 400,
  /** A path parameter is not of the route's form. */
  invalid_params: 400,
  /** The store refused a value it cannot keep. */
  invalid_argument: 400,
  /** No credentials, or credentials that are not valid. */
  unauthorized: 401,
  /** Wrong user name or password at log-in. */
  invalid_credentials: 401,
  /** The caller's role is below the route's. */
  forbidden: 403,
  /** A change made with a session cookie lacks the session's CSRF token. */
  csrf_failed: 403,
  /** The item named does not exist. */
  not_found: 404,
  /** No route has this method and path (the site may be older than the caller). */
  unknown_route: 404,
  /** The client sent the request too slowly. */
  request_timeout: 408,
  /** The change conflicts with what is stored (a name already taken). */
  conflict: 409,
  /** The change would leave no full administrator. */
  last_full_administrator: 409,
  /** The body is larger than the site takes. */
  payload_too_large: 413,
  /** An `Expect` header asks for something other than `100-continue`. */
  expectation_failed: 417,
  /** The URL or one of its path segments is too long. */
  url_too_long: 414,
  /** The body is not of a media type the route reads. */
  unsupported_media_type: 415,
  /** `Content-Encoding` names a coding the site does not inflate (it takes gzip and deflate). */
  unsupported_content_encoding: 415,
  /** The body is in a character encoding its format is not read in (UTF-16 JSON, UTF-16BE XML). */
  unsupported_charset: 415,
  /** Too many attempts; `Retry-After` says when to try again. */
  rate_limited: 429,
  /** The source address holds its most connections, all busy; the new one is closed. */
  too_many_connections: 429,
  /** The request headers are larger than the site takes. */
  headers_too_large: 431,
  /** The site failed unexpectedly; its log says why. */
  internal_error: 500,
  /** The database or the site is not available now; `Retry-After` says when to try again. */
  unavailable: 503,
} as const satisfies Record<string, number>

/** A code of {@link API_ERROR_STATUS}. */
export type ApiErrorCode = keyof typeof API_ERROR_STATUS

/** The codes of {@link API_ERROR_STATUS}, in their order there. */
export const API_ERROR_CODES = Object.keys(API_ERROR_STATUS) as readonly ApiErrorCode[] // Keys of a const object.

/** One field that is wrong, as error bodies list them. */
export const FieldIssueSchema = z
  .object({
    field: z.string().meta({ description: 'Path of the field, e.g. `messages[3].component`.' }),
    code: z.string(),
    message: z.string(),
    limit: z.union([z.number(), z.string()]).optional(),
  })
  .meta({ id: 'FieldIssue' })

/** The body of every error answer. `code` is a string so that codes added later still parse. */
export const ErrorBodySchema = z
  .object({
    error: z.object({
      code: z.string().meta({ description: 'A stable code of docs/errors.md.' }),
      message: z.string().meta({ description: 'What happened and what to do, for people.' }),
      issues: z.array(FieldIssueSchema).optional(),
    }),
  })
  .meta({ id: 'Error' })

/** The body of every error answer. */
export type ErrorBody = z.output<typeof ErrorBodySchema>
