import { getHealth } from '@sitrep/api'
import Fastify from 'fastify'
import type { FastifyBaseLogger, FastifyInstance } from 'fastify'
import type { MpDeps } from '../mp/mp-deps.ts'
import { BODY_MEDIA_TYPES } from '../mp/read-body.ts'
import { registerMpRoutes } from '../mp/register-mp-routes.ts'
import type { ApiDeps } from './api-routes.ts'
import { registerApiRoutes } from './api-routes.ts'
import { checkBodyCharset } from './body-charset.ts'
import { registerConsoleRoutes } from './console-routes.ts'
import { inflateBody, parseContentEncoding, unsupportedContentEncoding } from './content-encoding.ts'
import { guardConnections } from './connection-guard.ts'
import { DEFAULT_HTTP_LIMITS, timeoutCheckIntervalMs } from './http-limits.ts'
import type { HttpLimits } from './http-limits.ts'
import { clientErrorHandler, frameworkErrorHandler, registerErrorHandler } from './error-handler.ts'
import type { LinkRouteDeps } from './link-routes.ts'
import { registerLinkRoutes } from './link-routes.ts'
import { mountRoute } from './mount-route.ts'
import { registerOpenApiRoute } from './openapi-route.ts'
import { HOST_CHECK_SERVER_OPTIONS, missingHostError, refuseInOurShape } from './protocol-refusals.ts'
import { useZodSchemas } from './zod-type-provider.ts'

/** Largest request body when `maxBodyBytes` is not given: 4 MiB. */
export const DEFAULT_MAX_BODY_BYTES = 4 * 1024 * 1024

/** What the HTTP app needs to answer. */
export interface AppDeps {
  readonly siteCode: string
  readonly siteName: string
  readonly version: string
  /** The roles this process runs, e.g. `management-point`, `status-manager`. */
  readonly roles: readonly string[]
  readonly logger?: FastifyBaseLogger
  /** Largest request body in bytes (config `mp.maxBodyBytes`); larger ones get 413 `payload_too_large`. */
  readonly maxBodyBytes?: number
  /** Timeouts, keep-alive and connection limits (config `http.*`); defaults {@link DEFAULT_HTTP_LIMITS}. */
  readonly httpLimits?: HttpLimits
  /** The management point; without it no `/mp/v1/…` route is mounted. */
  readonly mp?: MpDeps
  /** The token-protected REST API; without it only health is served. */
  readonly api?: ApiDeps
  /** The parent end of site links (`/link/v1/…`, docs/hierarchy.md); without it none is mounted. */
  readonly links?: LinkRouteDeps
}

/**
 * Builds the site's HTTP app without starting it (tests call `app.inject()`; `startSite`
 * listens). Routes: `GET /api/v1/health`, the management point (`/mp/v1/…`, docs/protocol.md)
 * and the REST API (`/api/v1/messages`, `/api/v1/clients`). Every error leaves through one
 * handler as `{ "error": { "code", "message", "issues"? } }` (docs/errors.md).
 */
export function createApp(deps: AppDeps): FastifyInstance {
  const maxBodyBytes = deps.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES
  const limits = deps.httpLimits ?? DEFAULT_HTTP_LIMITS
  const app: FastifyInstance = Fastify({
    bodyLimit: maxBodyBytes,
    // Slow clients: Node answers a late request 408 (through clientErrorHandler) and closes it.
    http: {
      headersTimeout: limits.headersTimeoutMs,
      requestTimeout: limits.requestTimeoutMs,
      connectionsCheckingInterval: timeoutCheckIntervalMs(limits),
      ...HOST_CHECK_SERVER_OPTIONS,
    },
    requestTimeout: limits.requestTimeoutMs,
    keepAliveTimeout: limits.keepAliveTimeoutMs,
    // Every refusal, also those Fastify and the HTTP parser make, answers in our error shape.
    clientErrorHandler,
    frameworkErrors: frameworkErrorHandler,
    return503OnClosing: false,
    // Request lines are logged at info; the site's HTTP log starts at warn to stay readable.
    ...(deps.logger === undefined
      ? {}
      : { loggerInstance: deps.logger.child({ component: 'http' }, { level: 'warn' }) }),
  })
  guardConnections(app.server, limits)
  refuseInOurShape(app.server)
  registerErrorHandler(app, { maxBodyBytes })
  app.addHook('onRequest', (request, _reply, done) => {
    done(missingHostError(request.raw))
  })
  // A compressed body is inflated before any parser sees it, and counts inflated against the
  // limit; an encoding the site does not know is refused instead of read as plain bytes.
  app.addHook('preParsing', (request, _reply, payload, done) => {
    const hasBody =
      request.headers['transfer-encoding'] !== undefined ||
      (request.headers['content-length'] !== undefined && request.headers['content-length'] !== '0')
    const encoding = parseContentEncoding(request.headers['content-encoding'])
    if (!hasBody) return done(null, payload)
    if (!encoding.ok) return done(unsupportedContentEncoding(encoding.value))
    if (encoding.coding === 'identity') return done(null, payload)
    return done(null, inflateBody(payload, encoding.coding, maxBodyBytes))
  })
  useZodSchemas(app)
  // Bodies stay raw bytes: signatures cover the exact bytes, and each route parses once.
  app.removeAllContentTypeParsers()
  app.addContentTypeParser(
    [...BODY_MEDIA_TYPES],
    { parseAs: 'buffer', bodyLimit: maxBodyBytes },
    (request, body, done) => {
      // Parsers are registered for these three media types only, so anything not JSON is XML.
      const essence = (request.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase()
      const format = essence === 'application/json' ? 'json' : 'xml'
      const refusal = Buffer.isBuffer(body)
        ? checkBodyCharset(format, request.headers['content-type'], body)
        : undefined
      if (refusal === undefined) done(null, body)
      else done(refusal)
    },
  )

  mountRoute(app, getHealth, () =>
    Promise.resolve({
      status: 'ok' as const,
      siteCode: deps.siteCode,
      siteName: deps.siteName,
      version: deps.version,
      roles: [...deps.roles],
    }),
  )
  registerOpenApiRoute(app, { version: deps.version })
  if (deps.mp !== undefined) registerMpRoutes(app, deps.mp)
  if (deps.api !== undefined) registerApiRoutes(app, deps.api)
  if (deps.links !== undefined) registerLinkRoutes(app, deps.links)
  registerConsoleRoutes(app)
  return app
}
