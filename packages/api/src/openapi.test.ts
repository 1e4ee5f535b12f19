import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import { NO_CONTENT, defineRoute } from './define-route.ts'
import { buildOpenApiDocument } from './openapi.ts'

const Thing = z.object({ id: z.string(), size: z.number().int() }).meta({ id: 'TestThing' })
const getThing = defineRoute({
  method: 'GET',
  url: '/api/v1/things/:id',
  summary: 'One thing',
  auth: { minRole: 'read-only-analyst' },
  params: z.object({ id: z.string() }),
  query: z.strictObject({ verbose: z.enum(['true', 'false']).optional() }),
  replies: { 200: z.object({ thing: Thing }) },
  errors: ['not_found'],
})
const deleteThing = defineRoute({
  method: 'DELETE',
  url: '/api/v1/things/:id',
  summary: 'Delete a thing',
  auth: { minRole: 'full-administrator' },
  params: z.object({ id: z.string() }),
  replies: { 204: NO_CONTENT },
  errors: ['not_found'],
})
const ping = defineRoute({
  method: 'GET',
  url: '/api/v1/ping',
  summary: 'Ping',
  auth: { public: true },
  replies: { 200: z.object({ ok: z.boolean() }) },
  errors: [],
})

type Operation = {
  parameters?: { name: string; in: string; required: boolean }[]
  responses: Record<string, { content?: Record<string, { schema: unknown }>; 'x-error-codes'?: string[] }>
  security: unknown[]
  'x-min-role'?: string
}
function document() {
  return buildOpenApiDocument([getThing, deleteThing, ping], { title: 'Test', version: '1' }) as unknown as {
    paths: Record<string, Record<string, Operation>>
    components: { schemas: Record<string, unknown> }
  } // The builder returns plain JSON; the test reads the parts it checks.
}

describe('buildOpenApiDocument', () => {
  it('puts both methods of a path under one OpenAPI path with {braces}', () => {
    expect(Object.keys(document().paths['/api/v1/things/{id}'] ?? {}).sort()).toEqual(['delete', 'get'])
  })

  it('lists path and query parameters, the path ones required', () => {
    const parameters = document().paths['/api/v1/things/{id}']?.['get']?.parameters
    expect(parameters).toEqual([
      expect.objectContaining({ name: 'id', in: 'path', required: true }),
      expect.objectContaining({ name: 'verbose', in: 'query', required: false }),
    ])
  })

  it('moves named schemas to the components and refers to them', () => {
    const doc = document()
    expect(doc.components.schemas['TestThing']).toMatchObject({ type: 'object', required: ['id', 'size'] })
    expect(JSON.stringify(doc.paths['/api/v1/things/{id}']?.['get']?.responses['200'])).toContain(
      '"$ref":"#/components/schemas/TestThing"',
    )
  })

  it('groups the error codes of a route by status, with the auth codes of a guarded route', () => {
    const responses = document().paths['/api/v1/things/{id}']?.['get']?.responses ?? {}
    expect(responses['404']?.['x-error-codes']).toEqual(['not_found'])
    expect(responses['401']?.['x-error-codes']).toEqual(['unauthorized'])
    expect(responses['400']?.['x-error-codes']).toEqual(['invalid_params', 'invalid_query', 'bad_request'])
  })

  it('asks no credentials of a public route and names the least role of a guarded one', () => {
    const doc = document()
    expect(doc.paths['/api/v1/ping']?.['get']?.security).toEqual([])
    expect(doc.paths['/api/v1/ping']?.['get']?.responses['401']).toBeUndefined()
    expect(doc.paths['/api/v1/things/{id}']?.['delete']?.['x-min-role']).toBe('full-administrator')
  })
})
