/**
 * The session: `GET /api/v1/session` says who is signed in (401: nobody), `POST` signs in with a
 * password, `DELETE` signs out. A site without session routes yet (404) still lets an API token
 * in, as a full administrator, so automation and development work on any site.
 */
import { queryOptions } from '@tanstack/react-query'
import type { ApiClient } from '../api/api-client.ts'
import { isApiError } from '../api/api-error.ts'
import { ROLES } from '../api/api-types.ts'
import type { Role, Session } from '../api/api-types.ts'

const TOKEN_KEY = 'sitrep.apiToken'

export const sessionQuery = (api: ApiClient) =>
  queryOptions({
    queryKey: ['session'],
    queryFn: ({ signal }) => readSession(api, signal),
    staleTime: 60_000,
    retry: false,
  })

/** The current session, or `null` when nobody is signed in. */
export async function readSession(api: ApiClient, signal?: AbortSignal): Promise<Session | null> {
  try {
    const session = toSession(await api.get<unknown>('/api/v1/session', {}, signal))
    api.credentials.csrfToken = session.csrfToken
    return session
  } catch (error) {
    if (isApiError(error) && error.status === 401) return null
    if (isApiError(error) && error.status === 404 && api.credentials.token !== null) {
      await api.get('/api/v1/messages', { limit: 1 }, signal)
      return { user: { username: 'API token', role: 'full-administrator' }, csrfToken: null }
    }
    throw error
  }
}

/** Signs in with a password; the cookie is set by the site, the CSRF token kept for changes. */
export async function signIn(api: ApiClient, username: string, password: string): Promise<Session> {
  const session = toSession(await api.send<unknown>('POST', '/api/v1/session', { username, password }))
  api.credentials.csrfToken = session.csrfToken
  return session
}

/** Signs in with an API token (kept for this browser tab only). */
export function setApiToken(api: ApiClient, token: string | null): void {
  api.credentials.token = token
  if (token === null) globalThis.sessionStorage?.removeItem(TOKEN_KEY)
  else globalThis.sessionStorage?.setItem(TOKEN_KEY, token)
}

/** The API token this tab signed in with earlier, if any. */
export function storedToken(): string | null {
  return globalThis.sessionStorage?.getItem(TOKEN_KEY) ?? null
}

/** Signs out: ends the session on the site (if any) and forgets the token. */
export async function signOut(api: ApiClient): Promise<void> {
  try {
    if (api.credentials.token === null) await api.send('DELETE', '/api/v1/session')
  } finally {
    api.credentials.csrfToken = null
    setApiToken(api, null)
  }
}

function toSession(body: unknown): Session {
  const value = body as Partial<{ user: Partial<Session['user']>; csrfToken: string }> // Checked field by field below.
  const role = value.user?.role
  const username = value.user?.username
  if (typeof username !== 'string' || !isRole(role)) throw new Error('the session answer has no user')
  return { user: { username, role }, csrfToken: typeof value.csrfToken === 'string' ? value.csrfToken : null }
}

function isRole(value: unknown): value is Role {
  return (ROLES as readonly unknown[]).includes(value)
}
