/** `GET /api/v1/openapi.json`: this API's own OpenAPI 3.1 document. */
import { z } from 'zod'
import { defineRoute } from '../define-route.ts'

/** `GET /api/v1/openapi.json` */
export const getOpenApiDocument = defineRoute({
  method: 'GET',
  url: '/api/v1/openapi.json',
  summary: 'The OpenAPI 3.1 document of this API, generated from its route declarations',
  auth: { public: true },
  replies: { 200: z.record(z.string(), z.unknown()) },
  errors: [],
})
