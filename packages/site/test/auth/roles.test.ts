import { DEFAULT_FILTER_RULES } from '@sitrep/core'
import { createCatalogue } from '@sitrep/protocol'
import Fastify from 'fastify'
import { afterEach, describe, expect, it } from 'vitest'
import { describeEachEngine } from '../helpers/engines.ts'
import { registerAuth } from '../../src/http/auth/register-auth.ts'
import { createApp } from '../../src/http/create-app.ts'
import { registerErrorHandler } from '../../src/http/error-handler.ts'
import type { AuthTestApp } from './auth-test-app.ts'
import { ADMIN_TOKEN, createAuthTestApp } from './auth-test-app.ts'

const rulesBody = (rules: unknown) => JSON.stringify({ rules })
const json = { 'content-type': 'application/json' }

describeEachEngine('roles on the REST API', (engine) => {
  let t: AuthTestApp | undefined
  afterEach(async () => {
    await t?.close()
    t = undefined
  })
  const start = async (options: { readonly streamPingMs?: number } = {}): Promise<AuthTestApp> =>
    createAuthTestApp({ ...options, store: await engine.openStore(), logger: engine.siteLog('PS1').logger })

  describe('roles on the REST API', () => {
    it('refuses a read-only analyst who changes a rule (403 forbidden) and leaves the rules unchanged', async () => {
      t = await start()
      await t.store.saveRules(DEFAULT_FILTER_RULES)
      const session = await t.login('ana')
      const reply = await t.app.inject({
        method: 'PUT',
        url: '/api/v1/rules',
        headers: { ...json, cookie: session.cookie, 'x-csrf-token': session.csrfToken },
        payload: rulesBody([]),
      })
      expect(reply.statusCode).toBe(403)
      expect(reply.json()).toMatchObject({ error: { code: 'forbidden' } })
      expect(await t.store.listRules()).toEqual(DEFAULT_FILTER_RULES)
    })

    it('lets a read-only analyst read the rules and dry-run a proposed list', async () => {
      t = await start()
      await t.store.saveRules(DEFAULT_FILTER_RULES)
      const session = await t.login('ana')
      const headers = { ...json, cookie: session.cookie, 'x-csrf-token': session.csrfToken }
      const list = await t.app.inject({ url: '/api/v1/rules', headers })
      expect(list.json()).toEqual({ rules: JSON.parse(JSON.stringify(DEFAULT_FILTER_RULES)) as unknown })
      const dryRun = await t.app.inject({
        method: 'POST',
        url: '/api/v1/rules/dry-run',
        headers,
        payload: JSON.stringify({ rules: DEFAULT_FILTER_RULES, since: '2026-11-01T00:00:00Z' }),
      })
      expect(dryRun.statusCode).toBe(200)
      expect(dryRun.json()).toMatchObject({ messages: 0, writtenToDatabase: 0 })
    })

    it('lets an operations administrator replace the rules', async () => {
      t = await start()
      const session = await t.login('ops')
      const [first] = DEFAULT_FILTER_RULES
      const reply = await t.app.inject({
        method: 'PUT',
        url: '/api/v1/rules',
        headers: { ...json, cookie: session.cookie, 'x-csrf-token': session.csrfToken },
        payload: rulesBody([first]),
      })
      expect(reply.statusCode).toBe(200)
      expect(await t.store.listRules()).toEqual([first])
    })

    it('answers 400 naming the field of an invalid rule, and stores nothing', async () => {
      t = await start()
      const rules = DEFAULT_FILTER_RULES.map((r, i) =>
        i === 2 ? { ...r, actions: { ...r.actions, daysToKeep: -3 } } : r,
      )
      const reply = await t.app.inject({
        method: 'PUT',
        url: '/api/v1/rules',
        headers: { ...json, authorization: `Bearer ${ADMIN_TOKEN}` },
        payload: rulesBody(rules),
      })
      expect(reply.statusCode).toBe(400)
      expect(reply.json()).toMatchObject({
        error: { code: 'invalid_body', issues: [{ field: 'rules[2].actions.daysToKeep' }] },
      })
      expect(await t.store.listRules()).toEqual([])
    })

    it('requires X-CSRF-Token on changes made with a session, but not on token requests', async () => {
      t = await start()
      const session = await t.login('root')
      for (const header of [{}, { 'x-csrf-token': 'not-the-token' }]) {
        const reply = await t.app.inject({
          method: 'PUT',
          url: '/api/v1/rules',
          headers: { ...json, cookie: session.cookie, ...header },
          payload: rulesBody([]),
        })
        expect(reply.statusCode).toBe(403)
        expect(reply.json()).toMatchObject({ error: { code: 'csrf_failed' } })
      }
      const get = await t.app.inject({ url: '/api/v1/rules', headers: { cookie: session.cookie } })
      expect(get.statusCode).toBe(200)
      const byToken = await t.app.inject({
        method: 'PUT',
        url: '/api/v1/rules',
        headers: { ...json, authorization: `Bearer ${ADMIN_TOKEN}` },
        payload: rulesBody([]),
      })
      expect(byToken.statusCode).toBe(200)
    })

    it('answers 401 unauthorized without credentials and for a wrong bearer token, while health stays open', async () => {
      t = await start()
      for (const headers of [{}, { authorization: 'Bearer nope' }, { cookie: 'sitrep_session=forged' }]) {
        const reply = await t.app.inject({ url: '/api/v1/loss', headers })
        expect(reply.statusCode).toBe(401)
        expect(reply.json()).toMatchObject({ error: { code: 'unauthorized' } })
      }
      expect((await t.app.inject({ url: '/api/v1/health' })).statusCode).toBe(200)
    })

    it('lets an analyst read clients and the loss ledger but not approve a client', async () => {
      t = await start()
      await t.store.transaction((tx) =>
        tx.addLoss([
          { siteCode: 'PS1', origin: 'unknown', reason: 'refused', count: 2, at: Date.UTC(2026, 0, 1) },
        ]),
      )
      const session = await t.login('ana')
      const headers = { cookie: session.cookie, 'x-csrf-token': session.csrfToken }
      expect((await t.app.inject({ url: '/api/v1/clients', headers })).statusCode).toBe(200)
      const loss = await t.app.inject({ url: '/api/v1/loss', headers })
      expect(loss.json()).toEqual({
        rows: [
          {
            siteCode: 'PS1',
            origin: 'unknown',
            reason: 'refused',
            count: 2,
            firstAt: '2026-01-01T00:00:00.000Z',
            lastAt: '2026-01-01T00:00:00.000Z',
          },
        ],
      })
      const approve = await t.app.inject({ method: 'POST', url: '/api/v1/clients/GUID:x/approve', headers })
      expect(approve.statusCode).toBe(403)
    })
  })

  describe('routes without minRole', () => {
    it('are refused with 500 internal_error, so nothing ships unguarded', async () => {
      const store = await engine.openStore()
      const app = Fastify()
      registerErrorHandler(app, { maxBodyBytes: 1024 })
      await app.register((api, _options, done) => {
        registerAuth(api, { store, adminToken: ADMIN_TOKEN, clock: Date.now })
        api.get('/api/v1/unguarded', () => ({ secret: true }))
        done()
      })
      const reply = await app.inject({
        url: '/api/v1/unguarded',
        headers: { authorization: `Bearer ${ADMIN_TOKEN}` },
      })
      expect(reply.statusCode).toBe(500)
      expect(reply.json()).toMatchObject({ error: { code: 'internal_error' } })
      await app.close()
      await store.close()
    })

    it('do not exist among the routes of the site app: every /api/v1 route declares minRole or public', async () => {
      const store = await engine.openStore()
      const app = createApp({
        siteCode: 'PS1',
        siteName: 'Test',
        version: '0.0.0',
        roles: [],
        api: { store, catalogue: createCatalogue(), adminToken: ADMIN_TOKEN },
      })
      const unguarded: string[] = []
      let apiRoutes = 0
      app.addHook('onRoute', (route) => {
        if (!route.url.startsWith('/api/v1/') || route.url === '/api/v1/health') return
        apiRoutes += 1
        const config = route.config
        if (config?.minRole === undefined && config?.public !== true)
          unguarded.push(`${String(route.method)} ${route.url}`)
      })
      await app.ready()
      expect(apiRoutes).toBeGreaterThan(10)
      expect(unguarded).toEqual([])
      await app.close()
      await store.close()
    })
  })
})
