/**
 * The OpenAPI 3.1 document of the REST API, generated from the route declarations: every route
 * with its auth, parameters, body, replies and error codes. The site serves it at
 * `GET /api/v1/openapi.json`; nothing here is written by hand twice.
 */
import { z } from 'zod'
import type { RouteContract } from './define-route.ts'
import { API_ERROR_STATUS, ErrorBodySchema } from './error-body.ts'
import type { ApiErrorCode } from './error-body.ts'

type Json = null | boolean | number | string | readonly Json[] | { readonly [key: string]: Json }
type JsonObject = { [key: string]: Json }

/** The error codes every route under `/api/v1` may answer besides its own. */
export const COMMON_ERROR_CODES = [
  'bad_request',
  'request_timeout',
  'payload_too_large',
  'url_too_long',
  'headers_too_large',
  'internal_error',
  'unavailable',
] as const satisfies readonly ApiErrorCode[]

/** The codes a route's auth adds: a guarded route may refuse the caller. */
const GUARDED_ERROR_CODES = [
  'unauthorized',
  'forbidden',
  'csrf_failed',
] as const satisfies readonly ApiErrorCode[]

/** What the document says about the API as a whole. */
export interface OpenApiInfo {
  readonly title: string
  readonly version: string
  readonly description?: string
}

/** Builds the OpenAPI 3.1 document of `routes`. */
export function buildOpenApiDocument(routes: readonly RouteContract[], info: OpenApiInfo): JsonObject {
  const components = new SchemaComponents()
  const paths: Record<string, Record<string, JsonObject>> = {}
  for (const route of routes) {
    const path = route.url.replace(/:([A-Za-z0-9_]+)/g, '{$1}')
    const item = (paths[path] ??= {})
    item[route.method.toLowerCase()] = operation(route, components)
  }
  return {
    openapi: '3.1.0',
    info: { ...info },
    servers: [{ url: '/' }],
    paths,
    components: {
      schemas: components.schemas,
      securitySchemes: {
        bearerToken: {
          type: 'http',
          scheme: 'bearer',
          description: 'The local administrator token (`sitrep token`) or an issued API token.',
        },
        sessionCookie: {
          type: 'apiKey',
          in: 'cookie',
          name: 'sitrep_session',
          description:
            'The session of `POST /api/v1/session`. Every POST, PUT, PATCH and DELETE made with it also sends the header `X-CSRF-Token` with the csrfToken of the session.',
        },
      },
    },
  }
}

function operation(route: RouteContract, components: SchemaComponents): JsonObject {
  const guarded = !('public' in route.auth)
  const codes = new Set<ApiErrorCode>([
    ...route.errors,
    ...(guarded ? GUARDED_ERROR_CODES : []),
    ...(route.params === undefined ? [] : (['invalid_params'] as const)),
    ...(route.query === undefined ? [] : (['invalid_query'] as const)),
    ...(route.body === undefined
      ? []
      : ([
          'invalid_body',
          'unsupported_media_type',
          'unsupported_content_encoding',
          'unsupported_charset',
        ] as const)),
    ...COMMON_ERROR_CODES,
  ])
  const responses: Record<string, JsonObject> = {}
  for (const [status, schema] of Object.entries(route.replies)) {
    responses[status] =
      schema === null
        ? { description: 'No content' }
        : {
            description: 'Success',
            content: {
              [route.produces ?? 'application/json']: { schema: components.add(schema, 'output') },
            },
          }
  }
  const byStatus = new Map<number, ApiErrorCode[]>()
  for (const code of codes) {
    const status = API_ERROR_STATUS[code]
    byStatus.set(status, [...(byStatus.get(status) ?? []), code])
  }
  const errorSchema = components.add(ErrorBodySchema, 'output')
  for (const [status, statusCodes] of [...byStatus].sort((a, b) => a[0] - b[0])) {
    responses[String(status)] = {
      description: `Error: ${statusCodes.join(', ')} (docs/errors.md)`,
      content: { 'application/json': { schema: errorSchema } },
      'x-error-codes': statusCodes,
    }
  }
  const parameters = [
    ...objectParameters(route.params, 'path', components),
    ...objectParameters(route.query, 'query', components),
  ]
  return {
    operationId: operationId(route),
    summary: route.summary,
    ...(guarded ? { 'x-min-role': route.auth.minRole } : {}),
    ...(guarded && route.auth.alsoRoles !== undefined ? { 'x-also-roles': route.auth.alsoRoles } : {}),
    security: guarded ? [{ bearerToken: [] }, { sessionCookie: [] }] : [],
    ...(parameters.length === 0 ? {} : { parameters }),
    ...(route.consumes === undefined
      ? {}
      : {
          requestBody: {
            required: true,
            content: { [route.consumes]: { schema: { type: 'string', contentEncoding: 'binary' } } },
          },
        }),
    ...(route.body === undefined
      ? {}
      : {
          requestBody: {
            required: true,
            content: { 'application/json': { schema: components.add(route.body, 'input') } },
          },
        }),
    responses,
    'x-error-codes': [...codes],
  }
}

function operationId(route: RouteContract): string {
  const words = route.url
    .replace(/^\/api\/v1\//, '')
    .split(/[/-]/)
    .map((word) => (word.startsWith(':') ? `by ${word.slice(1)}` : word))
    .join(' ')
  const camel = `${route.method.toLowerCase()} ${words}`.replace(
    /[^A-Za-z0-9]+(.)?/g,
    (_m, c: string | undefined) => (c ?? '').toUpperCase(),
  )
  return camel
}

function objectParameters(
  schema: z.ZodType | undefined,
  location: 'path' | 'query',
  components: SchemaComponents,
): JsonObject[] {
  if (schema === undefined) return []
  const json = components.add(schema, 'input')
  const properties = json['properties']
  if (typeof properties !== 'object' || properties === null || Array.isArray(properties)) return []
  const required = new Set(Array.isArray(json['required']) ? json['required'] : [])
  return Object.entries(properties).map(([name, property]) => ({
    name,
    in: location,
    required: location === 'path' || required.has(name),
    schema: property,
  }))
}

/** The named schemas of the document: `.meta({ id })` schemas become `#/components/schemas/<id>`. */
class SchemaComponents {
  readonly schemas: JsonObject = {}

  /** The JSON schema of `schema`, with its named parts moved to the components. */
  add(schema: z.ZodType, io: 'input' | 'output'): JsonObject {
    const json = toJson(
      z.toJSONSchema(schema, { io, unrepresentable: 'any', reused: 'inline', cycles: 'ref' }),
    )
    if (!isJsonObject(json)) return {}
    const { $schema: _schema, $defs, ...rest } = json
    const defs = isJsonObject($defs) ? Object.entries($defs) : []
    const renames = new Map(defs.map(([id, def]) => [id, this.#place(id, def, io)]))
    for (const [id, def] of defs) this.schemas[renames.get(id) ?? id] = rewriteRefs(def, renames)
    const rewritten = rewriteRefs(rest, renames)
    return isJsonObject(rewritten) ? rewritten : {}
  }

  #place(id: string, def: Json, io: 'input' | 'output'): string {
    const existing = this.schemas[id]
    if (existing === undefined || JSON.stringify(existing) === JSON.stringify(def)) return id
    return io === 'input' ? `${id}Input` : id
  }
}

function rewriteRefs(value: Json, renames: ReadonlyMap<string, string>): Json {
  if (Array.isArray(value)) return value.map((item: Json) => rewriteRefs(item, renames))
  if (typeof value !== 'object' || value === null) return value
  const out: JsonObject = {}
  for (const [key, item] of Object.entries(value)) {
    if (key === '$ref' && typeof item === 'string' && item.startsWith('#/$defs/')) {
      const id = item.slice('#/$defs/'.length)
      out[key] = `#/components/schemas/${renames.get(id) ?? id}`
    } else {
      out[key] = rewriteRefs(item, renames)
    }
  }
  return out
}

function isJsonObject(value: Json | undefined): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

function toJson(value: unknown): Json {
  return JSON.parse(JSON.stringify(value)) as Json // A round trip through JSON yields JSON.
}
