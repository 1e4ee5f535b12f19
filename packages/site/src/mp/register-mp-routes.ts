/**
 * Mounts the management point on the site's HTTP app: the Invoke routes (registration,
 * location) and the Post routes (status, unsigned status, relay), with their rate limiters.
 */
import type { FastifyInstance } from 'fastify'
import { createRateLimiter } from './create-rate-limiter.ts'
import { registerInvokeRoutes } from './invoke-routes.ts'
import type { MpDeps } from './mp-deps.ts'
import { registerPostRoutes } from './post-routes.ts'
import { registerPolicyRoutes } from '../distribution/policy-routes.ts'

/** Registers every `/mp/v1/…` route (and `/SMS_MP/.sms_aut`) on `app`. */
export function registerMpRoutes(app: FastifyInstance, deps: MpDeps): void {
  const settings = { ratePerSecond: deps.config.ratePerSecond, burst: deps.config.burst, clock: deps.clock }
  const perClient = createRateLimiter(settings)
  const perAddress = createRateLimiter(settings)
  registerInvokeRoutes(app, deps, createRateLimiter(settings))
  registerPostRoutes(app, deps, { perClient, perAddress })
  if (deps.distribution !== undefined) registerPolicyRoutes(app, deps, deps.distribution, perClient)
}
