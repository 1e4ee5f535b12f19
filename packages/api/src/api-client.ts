/**
 * A typed caller of the REST API for the console and the CLI: the route declaration says the
 * method, the path, what to send and what comes back, so a caller cannot send a body the site
 * does not take or read a field it does not send. The transport (fetch in the browser, the
 * SDK's HTTP transport in the CLI) is the caller's.
 */
import type { RouteBody, RouteContract, RouteParams, RouteQuery, RouteReply } from './define-route.ts'

/** One request as the transport sends it; `path` already carries the query string. */
export interface ApiRequest {
  readonly method: RouteContract['method']
  readonly path: string
  /** The JSON body, not yet serialized. */
  readonly body?: unknown
  readonly signal?: AbortSignal
}

/** One answer as the transport got it: the status and the body parsed as JSON (`undefined` if none). */
export interface ApiResponse {
  readonly status: number
  readonly body: unknown
}

/** Sends a request; rejects only when the site cannot be reached. */
export type ApiTransport = (request: ApiRequest) => Promise<ApiResponse>

/** A query value: repeated parameters are arrays; `undefined` and `null` are left out. */
export type QueryValue = string | number | boolean | null | undefined | readonly (string | number)[]

type Optional<K extends string, V> = [V] extends [undefined]
  ? { readonly [P in K]?: undefined }
  : { readonly [P in K]: V }

/** What a call of route `C` takes: its params, query and body, each only when the route has one. */
export type RouteInput<C extends RouteContract> = Optional<'params', RouteParams<C>> &
  Partial<Optional<'query', RouteQuery<C>>> &
  Optional<'body', RouteBody<C>> & { readonly signal?: AbortSignal }

/** One issue of an error body. */
export interface ApiIssue {
  readonly field: string
  readonly code?: string
  readonly message: string
}

/**
 * Any answer that is not 2xx, with the `{ error }` body's code, message and issues; `status` 0
 * and code `network_error` when the site could not be reached. Branch on `code`, not `message`.
 */
export class ApiError extends Error {
  override name = 'ApiError'
  readonly status: number
  readonly code: string
  readonly issues: readonly ApiIssue[]
  constructor(status: number, code: string, message: string, issues: readonly ApiIssue[] = []) {
    super(message)
    this.status = status
    this.code = code
    this.issues = issues
  }
}

/** True for an {@link ApiError}. */
export function isApiError(error: unknown): error is ApiError {
  return error instanceof ApiError
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

/** The path of `route` with its `:params` filled in (URL-encoded) and `query` appended. */
export function routePath(
  route: Pick<RouteContract, 'url'>,
  params?: Readonly<Record<string, string | number>>,
  query?: Readonly<Record<string, QueryValue>>,
): string {
  const path = route.url.replace(/:([A-Za-z0-9_]+)/g, (_match, name: string) => {
    const value = params?.[name]
    if (value === undefined) throw new Error(`routePath: ${route.url} needs the parameter ${name}`)
    return encodeURIComponent(String(value))
  })
  return `${path}${toQueryString(query ?? {})}`
}

/** `?a=1&b=x&b=y` in key order; `undefined`, `null` and `''` are left out (`''` when nothing is set). */
export function toQueryString(query: Readonly<Record<string, QueryValue>>): string {
  const search = new URLSearchParams()
  for (const [key, value] of Object.entries(query).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    if (value === undefined || value === null || value === '') continue
    if (Array.isArray(value)) for (const item of value) search.append(key, String(item))
    else search.append(key, String(value))
  }
  const text = search.toString()
  return text === '' ? '' : `?${text}`
}

/**
 * Calls `route` through `transport` and returns its reply; throws {@link ApiError} for any
 * answer outside the route's declared replies.
 */
export async function callRoute<C extends RouteContract>(
  transport: ApiTransport,
  route: C,
  input: RouteInput<C>,
): Promise<RouteReply<C>> {
  const loose: {
    readonly params?: unknown
    readonly query?: unknown
    readonly body?: unknown
    readonly signal?: AbortSignal
  } = input
  const path = routePath(
    route,
    loose.params as Record<string, string> | undefined, // Params schemas are objects of strings.
    loose.query as Record<string, QueryValue> | undefined, // Query schemas are objects of query values.
  )
  const response = await transport({
    method: route.method,
    path,
    ...(loose.body === undefined ? {} : { body: loose.body }),
    ...(loose.signal === undefined ? {} : { signal: loose.signal }),
  })
  if (!(response.status in route.replies)) throw toApiError(response.status, response.body)
  // The site checks every reply against the same schema before sending it (see the site's
  // serializer), so the body is of the declared type.
  return response.body as RouteReply<C>
}
