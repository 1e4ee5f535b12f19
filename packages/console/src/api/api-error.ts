/** An API failure as the console sees it: the `{ error: { code, message, issues? } }` body. */
export interface ApiIssue {
  readonly field: string
  readonly code?: string
  readonly message: string
}

/**
 * Thrown by the API client for every answer that is not 2xx, and for network failures
 * (`code` `network_error`, `status` 0). Components branch on `code`, never on `message`.
 */
export class ApiError extends Error {
  readonly status: number
  readonly code: string
  readonly issues: readonly ApiIssue[]

  constructor(status: number, code: string, message: string, issues: readonly ApiIssue[] = []) {
    super(message)
    this.name = 'ApiError'
    this.status = status
    this.code = code
    this.issues = issues
  }
}

/** True for an {@link ApiError}. */
export function isApiError(error: unknown): error is ApiError {
  return error instanceof ApiError
}

/** True when the route is not on this site yet (404 `unknown_route`: this site has no such route). */
export function isNotAvailable(error: unknown): boolean {
  return isApiError(error) && error.status === 404 && error.code === 'unknown_route'
}

/** Reads an error body into an {@link ApiError}; bodies of another form keep the HTTP status. */
export function toApiError(status: number, body: unknown): ApiError {
  if (typeof body === 'object' && body !== null && 'error' in body) {
    const error: unknown = body.error
    if (typeof error === 'object' && error !== null) {
      const code = 'code' in error && typeof error.code === 'string' ? error.code : `http_${status}`
      const message =
        'message' in error && typeof error.message === 'string' ? error.message : `HTTP ${status}`
      const issues = 'issues' in error && Array.isArray(error.issues) ? error.issues.filter(isIssue) : []
      return new ApiError(status, code, message, issues)
    }
  }
  return new ApiError(status, `http_${status}`, `the site answered HTTP ${status}`)
}

function isIssue(value: unknown): value is ApiIssue {
  return (
    typeof value === 'object' &&
    value !== null &&
    'field' in value &&
    typeof value.field === 'string' &&
    'message' in value &&
    typeof value.message === 'string'
  )
}
