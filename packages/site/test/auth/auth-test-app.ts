/**
 * An API app for the auth tests: a fresh store (in-memory SQLite, or the test's engine) with three users, one per role
 * (password hashes at a low scrypt cost so the suite stays quick), and a clock moved by hand.
 */
import { createCatalogue } from '@sitrep/protocol'
import type { SiteStore } from '@sitrep/store'
import { createSqliteStore } from '@sitrep/store'
import type { FastifyInstance } from 'fastify'
import type { Logger } from 'pino'
import { expect } from 'vitest'
import { createApp } from '../../src/http/create-app.ts'
import { hashPassword } from '../../src/http/auth/password-hash.ts'
import { createStoredMessageFeed } from '../../src/http/stored-message-feed.ts'
import type { StoredMessageFeed } from '../../src/http/stored-message-feed.ts'
import type { Role } from '../../src/http/route-roles.ts'

export const NOW = Date.UTC(2026, 10, 21, 8)
export const ADMIN_TOKEN = 'auth-test-admin-token-0123456789'
export const PASSWORD = 'correct horse battery staple'
/** One user per role. */
export const USERS: Readonly<Record<'root' | 'ops' | 'ana', Role>> = {
  root: 'full-administrator',
  ops: 'operations-administrator',
  ana: 'read-only-analyst',
}

/** A logged-in session: the cookie to send and the CSRF token. */
export interface TestSession {
  readonly cookie: string
  readonly csrfToken: string
}

export interface AuthTestApp {
  readonly app: FastifyInstance
  readonly store: SiteStore
  readonly feed: StoredMessageFeed
  setNow(ms: number): void
  /** Logs in and returns the session (fails the test when the login fails). */
  login(username: string, password?: string): Promise<TestSession>
  close(): Promise<void>
}

export async function createAuthTestApp(
  options: {
    readonly streamPingMs?: number
    /** A store to run on instead of in-memory SQLite (a test's engine); the app closes it. */
    readonly store?: SiteStore
    /** The site's logger (a test's collected log); none by default. */
    readonly logger?: Logger
  } = {},
): Promise<AuthTestApp> {
  let now = NOW
  const store = options.store ?? (await createSqliteStore({ filename: ':memory:' }))
  for (const [username, role] of Object.entries(USERS)) {
    await store.createUser({
      username,
      passwordHash: await hashPassword(PASSWORD, { N: 1024, r: 8, p: 1 }),
      role,
      createdAt: NOW,
    })
  }
  const feed = createStoredMessageFeed()
  const app = createApp({
    siteCode: 'PS1',
    siteName: 'Test',
    version: '0.0.0',
    roles: [],
    ...(options.logger === undefined ? {} : { logger: options.logger }),
    api: {
      store,
      catalogue: createCatalogue(),
      adminToken: ADMIN_TOKEN,
      clock: () => now,
      storedMessages: feed,
      ...(options.streamPingMs === undefined ? {} : { streamPingMs: options.streamPingMs }),
    },
  })
  return {
    app,
    store,
    feed,
    setNow(ms) {
      now = ms
    },
    async login(username, password = PASSWORD) {
      const reply = await app.inject({
        method: 'POST',
        url: '/api/v1/session',
        payload: { username, password },
      })
      expect(reply.statusCode).toBe(200)
      const setCookie = String(reply.headers['set-cookie'])
      const body: { csrfToken: string } = reply.json()
      return { cookie: setCookie.split(';')[0] ?? '', csrfToken: body.csrfToken }
    },
    async close() {
      await app.close()
      await store.close()
    },
  }
}
