/** Every route of the REST API, for the OpenAPI document and the route/document test. */
import type { RouteContract } from './define-route.ts'
import { getHealth } from './routes/health.ts'
import { getOpenApiDocument } from './routes/openapi.ts'
import { createToken, deleteToken, listTokens } from './routes/tokens.ts'

/** The declared routes, in the order the document lists them. */
export const API_ROUTES: readonly RouteContract[] = [
  getHealth,
  getOpenApiDocument,
  listTokens,
  createToken,
  deleteToken,
]
