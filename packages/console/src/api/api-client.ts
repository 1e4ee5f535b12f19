/**
 * The console's only way to the site: a typed `fetch` wrapper. Same origin, cookies included
 * (`credentials: 'same-origin'`), `X-CSRF-Token` on every change made with the session, an
 * optional API token for automation, `{ error }` bodies turned into {@link ApiError}s, and the
 * caller's `AbortSignal` (TanStack Query passes one) for cancellation.
 */
import { ApiError, callRoute, toApiError, toQueryString } from '@sitrep/api'
import type { ApiTransport, RouteContract, RouteInput, RouteReply } from '@sitrep/api'
import type { QueryParams } from './query-string.ts'

/** Where the client finds its credentials; read on every request, so sign-in takes effect at once. */
export interface Credentials {
  /** The CSRF token of the session answer; `null` before sign-in. */
  csrfToken: string | null
  /** An API token (`Authorization: Bearer`), for automation and development; `null` normally. */
  token: string | null
}

export interface ApiClientOptions {
  /** Base URL; empty (the default) means the page's own origin. */
  readonly baseUrl?: string
  readonly credentials: Credentials
  readonly fetch?: typeof fetch
}

export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'

/** A typed client of the REST API. */
export interface ApiClient {
  /** Calls a route of the `@sitrep/api` contract: its params, query and body in, its reply out. */
  call<C extends RouteContract>(route: C, input: RouteInput<C>): Promise<RouteReply<C>>
  get<T>(path: string, params?: QueryParams, signal?: AbortSignal): Promise<T>
  send<T>(method: Exclude<Method, 'GET'>, path: string, body?: unknown, signal?: AbortSignal): Promise<T>
  /** Sends `bytes` as `application/octet-stream` (content uploads) and reads the JSON answer. */
  putBytes<T>(path: string, bytes: Blob, signal?: AbortSignal): Promise<T>
  /** The absolute URL of `path` with `params`, for links (export) and EventSource (live tail). */
  url(path: string, params?: QueryParams): string
  readonly credentials: Credentials
}

/** Creates the client; `credentials` is shared with the session code that fills it. */
export function createApiClient(options: ApiClientOptions): ApiClient {
  const baseUrl = options.baseUrl ?? ''
  const doFetch = options.fetch ?? globalThis.fetch.bind(globalThis)
  const { credentials } = options

  const transport: ApiTransport = async ({ method, path, body, signal }) => {
    const headers: Record<string, string> = { accept: 'application/json' }
    if (body !== undefined) headers['content-type'] = 'application/json'
    if (credentials.token !== null) headers['authorization'] = `Bearer ${credentials.token}`
    if (method !== 'GET' && credentials.csrfToken !== null) headers['x-csrf-token'] = credentials.csrfToken
    let response: Response
    try {
      response = await doFetch(`${baseUrl}${path}`, {
        method,
        headers,
        credentials: 'same-origin',
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        ...(signal === undefined ? {} : { signal }),
      })
    } catch (error) {
      if (signal?.aborted === true) throw error
      throw new ApiError(0, 'network_error', 'the site could not be reached')
    }
    const text = await response.text()
    return { status: response.status, body: text === '' ? undefined : safeJson(text) }
  }

  async function request<T>(method: Method, path: string, body: unknown, signal?: AbortSignal): Promise<T> {
    const response = await transport({
      method,
      path,
      ...(body === undefined ? {} : { body }),
      ...(signal === undefined ? {} : { signal }),
    })
    if (response.status < 200 || response.status > 299) throw toApiError(response.status, response.body)
    return response.body as T // Routes not yet in the contract: docs/api.md fixes their answers.
  }

  async function putBytes<T>(path: string, bytes: Blob, signal?: AbortSignal): Promise<T> {
    const headers: Record<string, string> = {
      accept: 'application/json',
      'content-type': 'application/octet-stream',
    }
    if (credentials.token !== null) headers['authorization'] = `Bearer ${credentials.token}`
    if (credentials.csrfToken !== null) headers['x-csrf-token'] = credentials.csrfToken
    let response: Response
    try {
      response = await doFetch(`${baseUrl}${path}`, {
        method: 'PUT',
        headers,
        credentials: 'same-origin',
        body: bytes,
        ...(signal === undefined ? {} : { signal }),
      })
    } catch (error) {
      if (signal?.aborted === true) throw error
      throw new ApiError(0, 'network_error', 'the site could not be reached')
    }
    const text = await response.text()
    const body = text === '' ? undefined : safeJson(text)
    if (response.status < 200 || response.status > 299) throw toApiError(response.status, body)
    return body as T // The caller names the route's reply type (uploadContent's).
  }

  return {
    credentials,
    putBytes,
    call: (route, input) => callRoute(transport, route, input),
    get: (path, params, signal) => request('GET', `${path}${toQueryString(params ?? {})}`, undefined, signal),
    send: (method, path, body, signal) => request(method, path, body, signal),
    url: (path, params) => `${baseUrl}${path}${toQueryString(params ?? {})}`,
  }
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text)
  } catch {
    return undefined
  }
}
