/**
 * `POST /api/v1/session` (log in; open to anyone, rate-limited per user name and address),
 * `GET /api/v1/session` (who am I, and my CSRF token) and `DELETE /api/v1/session` (log out).
 */
import { getSession, logIn, logOut } from '@sitrep/api'
import type { SiteStore } from '@sitrep/store'
import type { FastifyInstance, FastifyRequest } from 'fastify'
import type { LoginLimiter } from './auth/login-limiter.ts'
import { dummyPasswordHash, verifyPassword } from './auth/password-hash.ts'
import { requestUser } from './auth/register-auth.ts'
import { randomSecret, sha256Hex } from './auth/secrets.ts'
import { sessionCookie } from './auth/session-cookie.ts'
import { SESSION_LIMITS, sessionExpiresAt } from './auth/session-lifetime.ts'
import { mountRoute } from './mount-route.ts'
import { RequestError } from './request-error.ts'

/** What the session routes need. */
export interface SessionRouteDeps {
  readonly store: SiteStore
  readonly clock: () => number
  readonly loginLimiter: LoginLimiter
}

/** Registers the session routes on the API scope. */
export function registerSessionRoutes(api: FastifyInstance, deps: SessionRouteDeps): void {
  mountRoute(api, logIn, async (request, reply) => {
    const { username, password } = request.body
    const key = `${username.toLowerCase()}\u0000${request.ip}`
    const wait = deps.loginLimiter.retryAfterSeconds(key)
    if (wait > 0) {
      throw new RequestError(
        'rate_limited',
        `too many failed logins for ${username.slice(0, 64)}; wait ${wait} s`,
        {
          retryAfterSeconds: wait,
        },
      )
    }
    const user = await deps.store.getUser(username)
    const ok = await verifyPassword(password, user?.passwordHash ?? (await dummyPasswordHash()))
    if (user === undefined || !ok) {
      deps.loginLimiter.recordFailure(key)
      throw new RequestError('invalid_credentials', 'the user name or the password is wrong')
    }
    deps.loginLimiter.recordSuccess(key)
    const now = deps.clock()
    await deps.store.deleteExpiredSessions(now)
    const id = randomSecret()
    const csrfToken = randomSecret()
    await deps.store.createSession({
      idHash: sha256Hex(id),
      username: user.username,
      csrfToken,
      createdAt: now,
      expiresAt: sessionExpiresAt(now, now),
    })
    void reply.header(
      'set-cookie',
      sessionCookie(id, { secure: isHttps(request), maxAgeSeconds: SESSION_LIMITS.absoluteMs / 1000 }),
    )
    return { user: { username: user.username, role: user.role }, csrfToken }
  })

  mountRoute(api, getSession, (request) => {
    const user = requestUser(request)
    return Promise.resolve({
      user: { username: user.username, role: user.role },
      via: user.via,
      csrfToken: user.via === 'session' ? user.session.csrfToken : null,
    })
  })

  mountRoute(api, logOut, async (request, reply) => {
    const user = requestUser(request)
    if (user.via === 'session') await deps.store.deleteSession(user.session.idHash)
    return reply
      .header('set-cookie', sessionCookie('', { secure: isHttps(request), maxAgeSeconds: 0 }))
      .code(204)
      .send()
  })
}

function isHttps(request: FastifyRequest): boolean {
  return request.protocol === 'https'
}
