/**
 * How a REST route is declared, once: method, URL pattern, who may call it, the schemas of its
 * path parameters, query and JSON body, its replies per status and the error codes it answers.
 * The site mounts routes from these declarations (typed, validated handlers), the OpenAPI
 * document is generated from them, and the console and the CLI derive their types from them.
 */
import type { z } from 'zod'
import type { ApiErrorCode } from './error-body.ts'

/**
 * The roles of the REST API, least first: reporter < read-only analyst < operations < full
 * administrator. `reporter` is the narrow role of automation that raises status messages: it
 * reads nothing and may call only the routes that name it in `alsoRoles`.
 */
export const ROLES = [
  'reporter',
  'read-only-analyst',
  'operations-administrator',
  'full-administrator',
] as const
/** A role of {@link ROLES}. */
export type Role = (typeof ROLES)[number]

/** The HTTP methods routes use. */
export type RouteMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'

/**
 * Who may call a route: anyone (`public`, e.g. logging in), or callers with at least `minRole`
 * and, besides them, callers whose role is one of `alsoRoles` (the narrow `reporter`).
 */
export type RouteAuth =
  { readonly public: true } | { readonly minRole: Role; readonly alsoRoles?: readonly Role[] }

/** A reply without a body (204). */
export const NO_CONTENT = null

/** What {@link defineRoute} takes. */
export interface RouteContract {
  readonly method: RouteMethod
  /** The Fastify URL pattern, `:name` for a path parameter: `/api/v1/tokens/:id`. */
  readonly url: string
  /** One line for the OpenAPI document: what the route does. */
  readonly summary: string
  /** Who may call it. */
  readonly auth: RouteAuth
  /** An object schema of the path parameters. */
  readonly params?: z.ZodType
  /** An object schema of the query string (values arrive as strings; coerce). */
  readonly query?: z.ZodType
  /** The schema of the JSON body. */
  readonly body?: z.ZodType
  /** The successful replies by status; `null` for a reply without a body (204). */
  readonly replies: { readonly [status: number]: z.ZodType | null }
  /** The error codes the route itself answers (auth and framework codes are added for every route). */
  readonly errors: readonly ApiErrorCode[]
  /** The reply is not JSON (server-sent events, CSV); its media type for the document. */
  readonly produces?: string
  /**
   * The body is raw bytes of this media type (a content upload), not JSON: the route has no
   * `body` schema and its handler reads the request stream.
   */
  readonly consumes?: string
}

/**
 * Declares a route. An identity function that keeps the literal types, so `RouteReply<typeof
 * listTokens>` and the site's handler types follow the schemas.
 *
 * @example
 * export const deleteToken = defineRoute({
 *   method: 'DELETE', url: '/api/v1/tokens/:id', summary: 'Revoke an API token',
 *   auth: { minRole: 'full-administrator' }, params: z.object({ id: z.string() }),
 *   replies: { 204: NO_CONTENT }, errors: ['not_found'],
 * })
 */
export function defineRoute<const C extends RouteContract>(contract: C): C {
  return contract
}

type SuccessReplies<C extends RouteContract> = C['replies']
type SchemaOutput<S> = S extends z.ZodType ? z.output<S> : S extends null ? undefined : never
type SchemaInput<S> = S extends z.ZodType ? z.input<S> : undefined

/** The path parameters of a route, as the caller passes them. */
export type RouteParams<C extends RouteContract> = SchemaInput<C['params']>
/** The query of a route, as the caller passes it. */
export type RouteQuery<C extends RouteContract> = SchemaInput<C['query']>
/** The JSON body of a route, as the caller sends it. */
export type RouteBody<C extends RouteContract> = SchemaInput<C['body']>
/** The reply of a route with status `S` (its first declared status by default). */
export type RouteReply<
  C extends RouteContract,
  S extends keyof SuccessReplies<C> = keyof SuccessReplies<C>,
> = SchemaOutput<SuccessReplies<C>[S]>
