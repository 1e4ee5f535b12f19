import Fastify from 'fastify'
import type { FastifyBaseLogger, FastifyInstance } from 'fastify'

/** What the HTTP app needs to answer. */
export interface AppDeps {
  readonly siteCode: string
  readonly siteName: string
  readonly version: string
  /** The roles this process runs, e.g. `status-manager`. */
  readonly roles: readonly string[]
  readonly logger?: FastifyBaseLogger
}

/**
 * Builds the site's HTTP app without starting it (tests call `app.inject()`; `startSite`
 * listens). Routes: `GET /api/v1/health`.
 */
export function createApp(deps: AppDeps): FastifyInstance {
  const app: FastifyInstance = Fastify({
    // Request lines are logged at info; the site's HTTP log starts at warn to stay readable.
    ...(deps.logger === undefined ? {} : { loggerInstance: deps.logger.child({ component: 'http' }, { level: 'warn' }) }),
  })
  app.get('/api/v1/health', () => ({
    status: 'ok',
    siteCode: deps.siteCode,
    siteName: deps.siteName,
    version: deps.version,
    roles: deps.roles,
  }))
  return app
}
