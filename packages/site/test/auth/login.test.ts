import { afterEach, describe, expect, it } from 'vitest'
import { describeEachEngine } from '../helpers/engines.ts'
import { SESSION_LIMITS } from '../../src/http/auth/session-lifetime.ts'
import type { AuthTestApp } from './auth-test-app.ts'
import { NOW, PASSWORD, createAuthTestApp } from './auth-test-app.ts'

const login = (test: AuthTestApp, username: string, password: string) =>
  test.app.inject({ method: 'POST', url: '/api/v1/session', payload: { username, password } })

describeEachEngine('sessions on the REST API', (engine) => {
  let t: AuthTestApp | undefined
  afterEach(async () => {
    await t?.close()
    t = undefined
  })
  const start = async (options: { readonly streamPingMs?: number } = {}): Promise<AuthTestApp> =>
    createAuthTestApp({ ...options, store: await engine.openStore(), logger: engine.siteLog('PS1').logger })

  describe('POST /api/v1/session', () => {
    it('logs in with an HttpOnly, SameSite=Strict session cookie and answers the user and CSRF token', async () => {
      t = await start()
      const reply = await login(t, 'ANA', PASSWORD)
      expect(reply.statusCode).toBe(200)
      expect(reply.json()).toEqual({
        user: { username: 'ana', role: 'read-only-analyst' },
        csrfToken: expect.stringMatching(/^[\w-]{43}$/) as unknown,
      })
      const cookie = String(reply.headers['set-cookie'])
      expect(cookie).toMatch(/^sitrep_session=[\w-]{43}; /)
      expect(cookie).toContain('HttpOnly')
      expect(cookie).toContain('SameSite=Strict')
      expect(cookie).toContain('Path=/')
      expect(cookie).not.toContain('Secure')
    })

    it('answers 401 invalid_credentials for a wrong password and for an unknown user', async () => {
      t = await start()
      for (const [username, password] of [
        ['ana', 'wrong password!'],
        ['nobody', PASSWORD],
      ] as const) {
        const reply = await login(t, username, password)
        expect(reply.statusCode).toBe(401)
        expect(reply.json()).toMatchObject({ error: { code: 'invalid_credentials' } })
        expect(reply.headers['set-cookie']).toBeUndefined()
      }
    })

    it('refuses an eleventh try within 15 minutes with 429 and Retry-After, even with the right password', async () => {
      t = await start()
      for (let i = 0; i < 10; i++) expect((await login(t, 'ana', `wrong ${i}`)).statusCode).toBe(401)
      const refused = await login(t, 'ana', PASSWORD)
      expect(refused.statusCode).toBe(429)
      expect(refused.json()).toMatchObject({ error: { code: 'rate_limited' } })
      expect(refused.headers['retry-after']).toBe('900')
      expect((await login(t, 'ops', PASSWORD)).statusCode).toBe(200)
      t.setNow(NOW + 15 * 60_000)
      expect((await login(t, 'ana', PASSWORD)).statusCode).toBe(200)
    })

    it('answers 400 invalid_body naming a missing field', async () => {
      t = await start()
      const reply = await t.app.inject({
        method: 'POST',
        url: '/api/v1/session',
        payload: { username: 'ana' },
      })
      expect(reply.statusCode).toBe(400)
      expect(reply.json()).toMatchObject({ error: { code: 'invalid_body', issues: [{ field: 'password' }] } })
    })
  })

  describe('GET and DELETE /api/v1/session', () => {
    it('returns the user and CSRF token of the session, and logs out', async () => {
      t = await start()
      const session = await t.login('ops')
      const me = await t.app.inject({ url: '/api/v1/session', headers: { cookie: session.cookie } })
      expect(me.json()).toEqual({
        user: { username: 'ops', role: 'operations-administrator' },
        via: 'session',
        csrfToken: session.csrfToken,
      })
      const out = await t.app.inject({
        method: 'DELETE',
        url: '/api/v1/session',
        headers: { cookie: session.cookie, 'x-csrf-token': session.csrfToken },
      })
      expect(out.statusCode).toBe(204)
      expect(String(out.headers['set-cookie'])).toContain('Max-Age=0')
      const after = await t.app.inject({ url: '/api/v1/session', headers: { cookie: session.cookie } })
      expect(after.statusCode).toBe(401)
      expect(after.json()).toMatchObject({ error: { code: 'unauthorized' } })
    })

    it('ends a session after 8 hours without use, and 7 days after login however it is used', async () => {
      t = await start()
      const session = await t.login('ana')
      const get = () => t?.app.inject({ url: '/api/v1/session', headers: { cookie: session.cookie } })
      let now = NOW
      while (now + SESSION_LIMITS.idleMs - 60_000 < NOW + SESSION_LIMITS.absoluteMs) {
        now += SESSION_LIMITS.idleMs - 60_000
        t.setNow(now)
        expect((await get())?.statusCode).toBe(200)
      }
      t.setNow(NOW + SESSION_LIMITS.absoluteMs)
      expect((await get())?.statusCode).toBe(401)

      const idle = await t.login('ana')
      t.setNow(NOW + SESSION_LIMITS.absoluteMs + SESSION_LIMITS.idleMs)
      const reply = await t.app.inject({ url: '/api/v1/session', headers: { cookie: idle.cookie } })
      expect(reply.statusCode).toBe(401)
    })
  })
})
