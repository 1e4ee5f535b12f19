/**
 * Mounts a route of the `@sitrep/api` contract on a Fastify scope: method, URL, schemas and the
 * least role come from the declaration, so the handler is typed by the {@link ZodTypeProvider}
 * and cannot drift from what the document, the console and the CLI expect.
 */
import type { RouteContract } from '@sitrep/api'
import type {
  ContextConfigDefault,
  FastifyInstance,
  RawReplyDefaultExpression,
  RawRequestDefaultExpression,
  RawServerDefault,
  RouteGenericInterface,
  RouteHandlerMethod,
} from 'fastify'
import type { ZodTypeProvider } from './zod-type-provider.ts'

/** The Fastify schema object of a route declaration. */
export interface ContractSchema<C extends RouteContract> {
  readonly params: C['params']
  readonly querystring: C['query']
  readonly body: C['body']
  readonly response: C['replies']
}

/** A handler of route `C`: typed params, query and body; its reply must be one the route declares. */
export type ContractHandler<C extends RouteContract> = RouteHandlerMethod<
  RawServerDefault,
  RawRequestDefaultExpression,
  RawReplyDefaultExpression,
  RouteGenericInterface,
  ContextConfigDefault,
  ContractSchema<C>,
  ZodTypeProvider
>

/** Registers `handler` for `route` on `app` (a scope whose auth hooks enforce `route.auth`). */
export function mountRoute<C extends RouteContract>(
  app: FastifyInstance,
  route: C,
  handler: ContractHandler<C>,
): void {
  const schema: Record<string, unknown> = {}
  if (route.params !== undefined) schema['params'] = route.params
  if (route.query !== undefined) schema['querystring'] = route.query
  if (route.body !== undefined) schema['body'] = route.body
  const response = Object.fromEntries(
    Object.entries(route.replies).flatMap(([status, reply]) => (reply === null ? [] : [[status, reply]])),
  )
  if (Object.keys(response).length > 0) schema['response'] = response
  app.withTypeProvider<ZodTypeProvider>().route({
    method: route.method,
    url: route.url,
    schema,
    config:
      'public' in route.auth
        ? { public: true }
        : {
            minRole: route.auth.minRole,
            ...(route.auth.alsoRoles === undefined ? {} : { alsoRoles: route.auth.alsoRoles }),
          },
    // The handler's types were checked against this route's schemas in the signature above.
    handler: handler as RouteHandlerMethod,
  })
}
