/**
 * The summary endpoints of docs/api.md, by resource: component status (with drill-down to the
 * messages counted and "Reset Counts"), site status (storage objects, the per-site roll-up, the
 * severity histogram) and deployment status (counts, clients, targets).
 */
import type { FastifyInstance } from 'fastify'
import { registerComponentSummaryRoutes } from './component-summary-routes.ts'
import { registerDeploymentSummaryRoutes } from './deployment-summary-routes.ts'
import { registerSiteSummaryRoutes } from './site-summary-routes.ts'
import type { SummaryRouteDeps } from './summary-route-deps.ts'

export type { SummaryRouteDeps } from './summary-route-deps.ts'

/** Registers the summary routes on the API scope. */
export function registerSummaryRoutes(api: FastifyInstance, deps: SummaryRouteDeps): void {
  registerComponentSummaryRoutes(api, deps)
  registerSiteSummaryRoutes(api, deps)
  registerDeploymentSummaryRoutes(api, deps)
}
