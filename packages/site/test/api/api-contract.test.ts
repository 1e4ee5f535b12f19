import { Validator } from '@seriousme/openapi-schema-validator'
import { API_ROUTES } from '@sitrep/api'
import type { FastifyInstance } from 'fastify'
import { afterEach, describe, expect, it } from 'vitest'
import { describeEachEngine } from '../helpers/engines.ts'
import type { Harness } from '../summarizers/summarizer-harness.ts'
import { createHarness } from '../summarizers/summarizer-harness.ts'

/** Every `METHOD /url` the app registers under `/api/v1` (HEAD twins of GET left out). */
async function registeredApiRoutes(app: FastifyInstance): Promise<Set<string>> {
  const routes = new Set<string>()
  app.addHook('onRoute', (route) => {
    const methods = Array.isArray(route.method) ? route.method : [route.method]
    for (const method of methods) {
      if (method !== 'HEAD' && route.url.startsWith('/api/v1/')) routes.add(`${method} ${route.url}`)
    }
  })
  await app.ready()
  // Routes registered before the hook (health, the document) are checked through hasRoute.
  for (const route of API_ROUTES) {
    if (app.hasRoute({ method: route.method, url: route.url })) routes.add(`${route.method} ${route.url}`)
  }
  return routes
}

describeEachEngine('the OpenAPI document', (engine) => {
  let h: Harness | undefined
  afterEach(async () => {
    await h?.close()
    h = undefined
  })
  const start = async (): Promise<Harness> => createHarness(await engine.openStore())

  describe('GET /api/v1/openapi.json', () => {
    it('answers an OpenAPI 3.1 document that an OpenAPI validator accepts', async () => {
      h = await start()
      const reply = await h.app.inject({ method: 'GET', url: '/api/v1/openapi.json' })
      expect(reply.statusCode).toBe(200)
      const document: Record<string, unknown> = reply.json()
      expect(document['openapi']).toBe('3.1.0')
      const validator = new Validator()
      const result = await validator.validate(document)
      expect(result.errors ?? []).toEqual([])
      expect(result.valid).toBe(true)
    })

    it('names the auth schemes, the least role and the error codes of each route', async () => {
      h = await start()
      const document = (await h.app.inject({ method: 'GET', url: '/api/v1/openapi.json' })).json<{
        components: { securitySchemes: Record<string, unknown> }
        paths: Record<string, Record<string, { 'x-min-role'?: string; 'x-error-codes': string[] }>>
      }>()
      expect(Object.keys(document.components.securitySchemes).sort()).toEqual([
        'bearerToken',
        'sessionCookie',
      ])
      const revoke = document.paths['/api/v1/tokens/{id}']?.['delete']
      expect(revoke?.['x-min-role']).toBe('full-administrator')
      expect(revoke?.['x-error-codes']).toEqual(
        expect.arrayContaining(['not_found', 'unauthorized', 'forbidden']),
      )
    })

    it('lists every registered API route, and every route it lists is registered', async () => {
      h = await start()
      const registered = await registeredApiRoutes(h.app)
      const documented = new Set(API_ROUTES.map((route) => `${route.method} ${route.url}`))
      const undocumented = [...registered].filter((route) => !documented.has(route))
      expect(undocumented).toEqual([])
      const unregistered = [...documented].filter((route) => !registered.has(route))
      expect(unregistered).toEqual([])
    })
  })
})
