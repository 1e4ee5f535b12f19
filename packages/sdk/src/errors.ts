/**
 * Errors of the SDK: one base class with a stable `code`, and a subclass only where callers
 * handle the case differently (as ky does with `HTTPError`). Codes the management point sends
 * (docs/protocol.md "Errors") come back as {@link SitrepHttpError} subclasses by family.
 */
import type { FieldIssue } from '@sitrep/protocol'

/** Error codes the management point answers with (docs/protocol.md). */
export const MP_ERROR_CODES = [
  'invalid_body',
  'unknown_client',
  'bad_signature',
  'stale_timestamp',
  'client_not_approved',
  'client_rejected',
  'payload_too_large',
  'batch_too_large',
  'unsupported_media_type',
  'rate_limited',
  'unavailable',
] as const
export type MpErrorCode = (typeof MP_ERROR_CODES)[number]

/** Codes the SDK raises itself. */
export const SDK_ERROR_CODES = [
  /** An HTTP error whose body named no code this SDK knows. */
  'http_error',
  /** The MP or agent could not be reached (refused, reset, DNS, timeout). */
  'network_error',
  /** The MP answered 2xx with a body that is not the documented reply. */
  'invalid_reply',
  /** A bad argument: an unknown event property, a bad target, a missing client ID. */
  'invalid_argument',
  /** A status message the SDK built does not pass the message model's checks. */
  'invalid_message',
  /** The client has not registered, or the site refused the registration. */
  'not_registered',
  /** Another live process holds the spool's lock. */
  'spool_locked',
  /** A spool file could not be read as the spool wrote it. */
  'spool_corrupt',
  /** A policy body whose signature, version or addressee does not check out: refused, never used. */
  'invalid_policy',
  /** Downloaded content whose hash is not the one asked for: deleted, never used. */
  'content_mismatch',
] as const
export type SdkErrorCode = (typeof SDK_ERROR_CODES)[number]

export type SitrepErrorCode = MpErrorCode | SdkErrorCode

/** Base class of every error the SDK throws; branch on `code`, never on the message. */
export class SitrepError extends Error {
  override name = 'SitrepError'
  readonly code: SitrepErrorCode
  constructor(code: SitrepErrorCode, message: string, options?: ErrorOptions) {
    super(message, options)
    this.code = code
  }
}

/** What an {@link SitrepHttpError} carries besides its message. */
export interface HttpErrorDetails {
  readonly status: number
  /** The server's `Retry-After`, in ms; `undefined` when it sent none. */
  readonly retryAfterMs?: number
  readonly issues?: readonly FieldIssue[]
}

/**
 * The management point answered with an error status. `code` is the MP's own code
 * (`http_error` when it sent none this SDK knows); `status` is the HTTP status.
 */
export class SitrepHttpError extends SitrepError {
  override name = 'SitrepHttpError'
  readonly status: number
  readonly retryAfterMs: number | undefined
  readonly issues: readonly FieldIssue[]
  constructor(code: SitrepErrorCode, message: string, details: HttpErrorDetails, options?: ErrorOptions) {
    super(code, message, options)
    this.status = details.status
    this.retryAfterMs = details.retryAfterMs
    this.issues = details.issues ?? []
  }
}

/** 400, 413, 415: the request itself is wrong; resending it unchanged never helps. */
export class SitrepRequestError extends SitrepHttpError {
  override name = 'SitrepRequestError'
}

/** 401, 403: identity or approval (register, fix the clock, wait for approval). */
export class SitrepAuthError extends SitrepHttpError {
  override name = 'SitrepAuthError'
}

/** 429, 503 and other 5xx: the site cannot take it now; retry after `retryAfterMs` or a backoff. */
export class SitrepUnavailableError extends SitrepHttpError {
  override name = 'SitrepUnavailableError'
}

/** The MP or the local agent could not be reached at all. Retry later, or spool. */
export class SitrepNetworkError extends SitrepError {
  override name = 'SitrepNetworkError'
  constructor(message: string, options?: ErrorOptions) {
    super('network_error', message, options)
  }
}

/** A status message failed the message model's checks; `issues` names each field. */
export class SitrepInvalidMessageError extends SitrepError {
  override name = 'SitrepInvalidMessageError'
  readonly issues: readonly FieldIssue[]
  constructor(message: string, issues: readonly FieldIssue[], options?: ErrorOptions) {
    super('invalid_message', message, options)
    this.issues = issues
  }
}

/** A spool problem: locked by another live process, or unreadable. */
export class SitrepSpoolError extends SitrepError {
  override name = 'SitrepSpoolError'
}

/** True for errors worth retrying later: unreachable, 429, 5xx. */
export function isRetryableError(error: unknown): boolean {
  return error instanceof SitrepNetworkError || error instanceof SitrepUnavailableError
}

const AUTH_CODES: ReadonlySet<string> = new Set([
  'unknown_client',
  'bad_signature',
  'stale_timestamp',
  'client_not_approved',
  'client_rejected',
])

/**
 * Builds the typed error for an HTTP error reply: the class follows the MP's `code` when it sent
 * a known one, else the status family.
 */
export function httpErrorFromReply(options: {
  status: number
  body: unknown
  retryAfterMs: number | undefined
  what: string
}): SitrepHttpError {
  const { status, body, retryAfterMs, what } = options
  const error = isRecord(body) && isRecord(body.error) ? body.error : undefined
  const sentCode = typeof error?.code === 'string' ? error.code : undefined
  const code: SitrepErrorCode =
    sentCode !== undefined && (MP_ERROR_CODES as readonly string[]).includes(sentCode)
      ? // Just checked against the table.
        (sentCode as MpErrorCode)
      : 'http_error'
  const sentMessage = typeof error?.message === 'string' ? error.message : `HTTP ${status}`
  const issues = Array.isArray(error?.issues)
    ? // The MP's issues have the FieldIssue shape (docs/protocol.md); only shown, never trusted.
      (error.issues as FieldIssue[])
    : undefined
  const message = `${what} failed: ${status} ${sentCode ?? ''} ${sentMessage}`.replace(/\s+/g, ' ')
  const details: HttpErrorDetails = {
    status,
    ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
    ...(issues === undefined ? {} : { issues }),
  }
  if (AUTH_CODES.has(code) || status === 401 || status === 403) {
    return new SitrepAuthError(code, message, details)
  }
  if (code === 'rate_limited' || code === 'unavailable' || status === 429 || status >= 500) {
    return new SitrepUnavailableError(code, message, details)
  }
  if (status >= 400 && status < 500) return new SitrepRequestError(code, message, details)
  return new SitrepHttpError(code, message, details)
}

/**
 * Parses a `Retry-After` header (seconds, or an HTTP date) into ms from `now`; `undefined` when
 * absent or unreadable.
 */
export function parseRetryAfter(value: string | undefined, now: number): number | undefined {
  if (value === undefined || value.trim() === '') return undefined
  const trimmed = value.trim()
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000
  const at = Date.parse(trimmed)
  return Number.isNaN(at) ? undefined : Math.max(0, at - now)
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}
