/**
 * Deployment status routes: counts per deployment (summed over the subtree at a parent), the
 * clients of one deployment, and naming its targets (docs/api.md "Summaries").
 */
import { listDeploymentClients, listDeploymentSummaries, setDeploymentTargets } from '@sitrep/api'
import type { FastifyInstance } from 'fastify'
import { readChildDeployments } from '../links/child-summaries.ts'
import { sumDeploymentCounts } from '../links/subtree-summaries.ts'
import { deploymentClientViews } from '../summarizers/deployment-client-views.ts'
import { readDeploymentSummaries } from '../summarizers/deployment-summary.ts'
import { SUMMARY_KINDS } from '../summarizers/summary-state-codec.ts'
import { mountRoute } from './mount-route.ts'
import { RequestError } from './request-error.ts'
import type { SummaryRouteDeps } from './summary-route-deps.ts'

/** Registers the deployment status routes on the API scope. */
export function registerDeploymentSummaryRoutes(api: FastifyInstance, deps: SummaryRouteDeps): void {
  const clock = deps.clock ?? Date.now

  mountRoute(api, listDeploymentSummaries, async () => {
    const { summaries } = await readDeploymentSummaries(deps.store)
    const own = summaries.map((s) => ({ ...s, notYetReported: s.notYetReported.length }))
    // Counts at a parent are the sum over its subtree; each site below sent its own counts.
    const below = (await readChildDeployments(deps.store)).map((c) => c.entries)
    return { deployments: below.length === 0 ? own : sumDeploymentCounts([own, ...below]) }
  })

  mountRoute(api, listDeploymentClients, async (request) => {
    const { id } = request.params
    const { summaries, clients } = await readDeploymentSummaries(deps.store, id)
    const summary = summaries[0]
    if (summary === undefined)
      throw new RequestError('not_found', `no deployment ${id.slice(0, 64)} has reported or has targets`)
    return { clients: deploymentClientViews(clients, summary.notYetReported, request.query.state) }
  })

  mountRoute(api, setDeploymentTargets, async (request) => {
    const { id } = request.params
    const { machines } = request.body
    await deps.store.saveSummaries(SUMMARY_KINDS.deploymentTargets, [
      {
        key: id.toUpperCase(),
        valueJson: JSON.stringify({ deploymentId: id, machines }),
        updatedAt: clock(),
      },
    ])
    return { deploymentId: id, machines }
  })
}
