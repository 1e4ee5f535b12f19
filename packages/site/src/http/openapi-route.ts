/** `GET /api/v1/openapi.json`: the OpenAPI 3.1 document of the REST API, built once per app. */
import { API_ROUTES, buildOpenApiDocument, getOpenApiDocument } from '@sitrep/api'
import type { FastifyInstance } from 'fastify'
import { mountRoute } from './mount-route.ts'

/** Registers the document route; anyone may read it, like health. */
export function registerOpenApiRoute(app: FastifyInstance, deps: { readonly version: string }): void {
  let document: Record<string, unknown> | undefined
  mountRoute(app, getOpenApiDocument, () => {
    document ??= buildOpenApiDocument(API_ROUTES, {
      title: 'Sitrep REST API',
      version: deps.version,
      description:
        'The REST API of a Sitrep site. Errors answer { "error": { "code", "message", "issues"? } }; docs/errors.md lists every code.',
    })
    return Promise.resolve(document)
  })
}
