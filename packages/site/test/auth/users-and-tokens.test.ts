import { afterEach, describe, expect, it } from 'vitest'
import { describeEachEngine } from '../helpers/engines.ts'
import type { AuthTestApp } from './auth-test-app.ts'
import { ADMIN_TOKEN, PASSWORD, createAuthTestApp } from './auth-test-app.ts'

const admin = { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'application/json' }

describeEachEngine('users and API tokens', (engine) => {
  let t: AuthTestApp | undefined
  afterEach(async () => {
    await t?.close()
    t = undefined
  })
  const start = async (options: { readonly streamPingMs?: number } = {}): Promise<AuthTestApp> =>
    createAuthTestApp({ ...options, store: await engine.openStore(), logger: engine.siteLog('PS1').logger })

  describe('users (full administrators)', () => {
    it('creates, changes and deletes users, never the last full administrator', async () => {
      t = await start()
      const created = await t.app.inject({
        method: 'POST',
        url: '/api/v1/users',
        headers: admin,
        payload: { username: 'Eve', password: 'a long enough password', role: 'read-only-analyst' },
      })
      expect(created.statusCode).toBe(201)
      expect(created.json()).toMatchObject({ user: { username: 'Eve', role: 'read-only-analyst' } })
      expect(created.body).not.toContain('scrypt')
      const again = await t.app.inject({
        method: 'POST',
        url: '/api/v1/users',
        headers: admin,
        payload: { username: 'eve', password: 'a long enough password', role: 'read-only-analyst' },
      })
      expect(again.json()).toMatchObject({ error: { code: 'conflict' } })
      await t.login('eve', 'a long enough password')

      const demote = await t.app.inject({
        method: 'PATCH',
        url: '/api/v1/users/root',
        headers: admin,
        payload: { role: 'operations-administrator' },
      })
      expect(demote.statusCode).toBe(409)
      expect(demote.json()).toMatchObject({ error: { code: 'last_full_administrator' } })
      const remove = await t.app.inject({ method: 'DELETE', url: '/api/v1/users/ROOT', headers: admin })
      expect(remove.statusCode).toBe(409)

      const promote = await t.app.inject({
        method: 'PATCH',
        url: '/api/v1/users/eve',
        headers: admin,
        payload: { role: 'full-administrator' },
      })
      expect(promote.json()).toMatchObject({ user: { username: 'Eve', role: 'full-administrator' } })
      expect(
        (await t.app.inject({ method: 'DELETE', url: '/api/v1/users/root', headers: admin })).statusCode,
      ).toBe(204)
      const list = await t.app.inject({ url: '/api/v1/users', headers: admin })
      expect(list.json<{ users: { username: string }[] }>().users.map((u) => u.username)).toEqual([
        'ana',
        'Eve',
        'ops',
      ])
    })

    it('refuses a short password, an unknown role, and the user routes to an operations administrator', async () => {
      t = await start()
      const bad = await t.app.inject({
        method: 'POST',
        url: '/api/v1/users',
        headers: admin,
        payload: { username: 'x', password: 'short', role: 'boss' },
      })
      expect(bad.statusCode).toBe(400)
      expect(bad.json<{ error: { issues: { field: string }[] } }>().error.issues.map((i) => i.field)).toEqual(
        ['password', 'role'],
      )
      const ops = await t.login('ops')
      const reply = await t.app.inject({ url: '/api/v1/users', headers: { cookie: ops.cookie } })
      expect(reply.statusCode).toBe(403)
    })

    it('ends the other sessions of a user whose password changes', async () => {
      t = await start()
      const before = await t.login('ana')
      const root = await t.login('root')
      const change = await t.app.inject({
        method: 'PATCH',
        url: '/api/v1/users/ana',
        headers: { cookie: root.cookie, 'x-csrf-token': root.csrfToken, 'content-type': 'application/json' },
        payload: { password: 'another long password' },
      })
      expect(change.statusCode).toBe(200)
      expect(
        (await t.app.inject({ url: '/api/v1/session', headers: { cookie: before.cookie } })).statusCode,
      ).toBe(401)
      await t.login('ana', 'another long password')
      const old = await t.app.inject({
        method: 'POST',
        url: '/api/v1/session',
        payload: { username: 'ana', password: PASSWORD },
      })
      expect(old.statusCode).toBe(401)
    })
  })

  describe('API tokens', () => {
    it('issues a token that works with its user role, lists it without the secret, and refuses it once revoked', async () => {
      t = await start()
      const issued = await t.app.inject({
        method: 'POST',
        url: '/api/v1/tokens',
        headers: admin,
        payload: { name: 'grafana', username: 'ana' },
      })
      expect(issued.statusCode).toBe(201)
      const { token, id } = issued.json<{ token: string; id: string }>()
      expect(token).toMatch(/^sitrep_[\w-]{43}$/)
      const bearer = { authorization: `Bearer ${token}`, 'content-type': 'application/json' }
      expect((await t.app.inject({ url: '/api/v1/loss', headers: bearer })).statusCode).toBe(200)
      const put = await t.app.inject({
        method: 'PUT',
        url: '/api/v1/rules',
        headers: bearer,
        payload: { rules: [] },
      })
      expect(put.statusCode).toBe(403)

      const list = await t.app.inject({ url: '/api/v1/tokens', headers: admin })
      expect(list.json()).toEqual({
        tokens: [
          {
            id,
            name: 'grafana',
            username: 'ana',
            createdAt: expect.any(String) as unknown,
            lastUsedAt: expect.any(String) as unknown,
          },
        ],
      })
      expect(list.body).not.toContain(token)
      expect(
        (await t.app.inject({ method: 'DELETE', url: `/api/v1/tokens/${id}`, headers: admin })).statusCode,
      ).toBe(204)
      const revoked = await t.app.inject({ url: '/api/v1/loss', headers: bearer })
      expect(revoked.statusCode).toBe(401)
      expect(
        (await t.app.inject({ method: 'DELETE', url: `/api/v1/tokens/${id}`, headers: admin })).statusCode,
      ).toBe(404)
    })

    it('refuses a token for a user that does not exist', async () => {
      t = await start()
      const reply = await t.app.inject({
        method: 'POST',
        url: '/api/v1/tokens',
        headers: admin,
        payload: { name: 'ci', username: 'ghost' },
      })
      expect(reply.statusCode).toBe(404)
    })
  })
})
