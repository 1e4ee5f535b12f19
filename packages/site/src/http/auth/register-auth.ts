/**
 * Authentication and role checks of the REST API scope. An `onRequest` hook finds who is
 * calling — `Authorization: Bearer <token>` (the local administrator token, or an issued API
 * token carrying its user's role) or the `sitrep_session` cookie — and, for a session, requires
 * `X-CSRF-Token` on every request that changes something. A `preHandler` then compares the
 * caller's role with the route's `minRole`; a route that declares none is refused with 500.
 */
import type { Role } from '../route-roles.ts'
import type { SiteStore } from '@sitrep/store'
import type { FastifyInstance, FastifyRequest } from 'fastify'
import { MpError } from '../../mp/mp-error.ts'
import { roleAtLeast } from '../route-roles.ts'
import { safeEqual, sha256Hex } from './secrets.ts'
import { SESSION_COOKIE, readCookie } from './session-cookie.ts'
import { SESSION_LIMITS, sessionExpiresAt } from './session-lifetime.ts'

/** User name under which the local administrator token acts (like the first-start user). */
export const LOCAL_ADMIN_USERNAME = 'admin'

/** Who made a request, as the auth hook found out. */
export type RequestUser =
  | { readonly username: string; readonly role: Role; readonly via: 'token' }
  | {
      readonly username: string
      readonly role: Role
      readonly via: 'session'
      readonly session: { readonly idHash: string; readonly csrfToken: string }
    }

declare module 'fastify' {
  interface FastifyRequest {
    /** The caller inside the `/api/v1` scope; `null` on public routes. */
    user: RequestUser | null
  }
}

/** What the auth hooks need. */
export interface AuthDeps {
  readonly store: SiteStore
  /** The local administrator token (`<dataDir>/admin-token`): full administrator rights. */
  readonly adminToken: string
  readonly clock: () => number
}

const CHANGES = new Set(['POST', 'PUT', 'PATCH', 'DELETE'])

/** Installs the hooks on the API scope `api`. */
export function registerAuth(api: FastifyInstance, deps: AuthDeps): void {
  api.decorateRequest('user', null)
  api.addHook('onRequest', async (request) => {
    if (request.routeOptions.config.public === true) return
    request.user = await authenticate(request, deps)
  })
  api.addHook('preHandler', (request, _reply, done) => {
    done(checkRole(request))
  })
}

/** The error that refuses `request` for its role, or `undefined` when it may go on. */
function checkRole(request: FastifyRequest): MpError | undefined {
  const config = request.routeOptions.config
  if (config.public === true) return undefined
  if (config.minRole === undefined) {
    request.log.error({ route: config.url, method: config.method }, 'API route declares no minRole')
    return new MpError('internal_error', 'the site could not handle this request; see its log')
  }
  const user = request.user
  const allowed =
    user !== null &&
    (roleAtLeast(user.role, config.minRole) || config.alsoRoles?.includes(user.role) === true)
  if (!allowed) {
    return new MpError(
      'forbidden',
      `this needs the role ${config.minRole}; ${user?.username ?? 'you'} ${user === null ? 'have none' : `is ${user.role}`}`,
    )
  }
  return undefined
}

/** The caller of a request inside the API scope (the hook guarantees one on guarded routes). */
export function requestUser(request: FastifyRequest): RequestUser {
  if (request.user === null) throw new Error('requestUser called on a route without authentication')
  return request.user
}

async function authenticate(request: FastifyRequest, deps: AuthDeps): Promise<RequestUser> {
  const authorization = request.headers.authorization
  if (authorization !== undefined) {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization)
    const token = match?.[1]
    if (token !== undefined) {
      if (safeEqual(token, deps.adminToken)) {
        return { username: LOCAL_ADMIN_USERNAME, role: 'full-administrator', via: 'token' }
      }
      const found = await deps.store.getApiTokenByHash(sha256Hex(token))
      if (found !== undefined) {
        const now = deps.clock()
        const last = found.token.lastUsedAt
        if (last === null || now - last >= SESSION_LIMITS.touchEveryMs)
          await deps.store.touchApiToken(found.token.id, now)
        return { username: found.user.username, role: found.user.role, via: 'token' }
      }
    }
    throw new MpError(
      'unauthorized',
      'the bearer token is not valid (revoked, or mistyped); `sitrep token` prints the local administrator token',
    )
  }
  const cookie = readCookie(request.headers.cookie, SESSION_COOKIE)
  if (cookie === undefined) {
    throw new MpError(
      'unauthorized',
      'log in (POST /api/v1/session) or send Authorization: Bearer <token>; `sitrep token` prints the local administrator token',
    )
  }
  const idHash = sha256Hex(cookie)
  const session = await deps.store.getSession(idHash)
  const now = deps.clock()
  if (session === undefined || session.expiresAt <= now) {
    if (session !== undefined) await deps.store.deleteSession(idHash)
    throw new MpError('unauthorized', 'the session has ended; log in again')
  }
  if (CHANGES.has(request.method)) {
    const header = request.headers['x-csrf-token']
    if (typeof header !== 'string' || !safeEqual(header, session.csrfToken)) {
      throw new MpError(
        'csrf_failed',
        'send the X-CSRF-Token header with the csrfToken of your session (GET /api/v1/session)',
      )
    }
  }
  if (now - session.lastUsedAt >= SESSION_LIMITS.touchEveryMs) {
    await deps.store.touchSession(idHash, {
      lastUsedAt: now,
      expiresAt: sessionExpiresAt(session.createdAt, now),
    })
  }
  return {
    username: session.user.username,
    role: session.user.role,
    via: 'session',
    session: { idHash, csrfToken: session.csrfToken },
  }
}
