/**
 * A deployment's status (docs/software-distribution.md "Deployment status"): each member of its
 * collection (the expected reporters) in one state, from the software-distribution reports the
 * status manager keeps and from how long each client has been silent.
 */
import { summarizeDeploymentProgress } from '@sitrep/core'
import type { DeploymentProgressSummary, ExpectedReporter } from '@sitrep/core'
import type { SiteStore } from '@sitrep/store'
import { foldDeploymentReports } from '../summarizers/deployment-summary.ts'

/** Returns the status of `deploymentId`, or `undefined` when there is no such deployment. */
export async function deploymentStatus(
  store: SiteStore,
  deploymentId: string,
  options: { readonly now: number; readonly silentAfterMs: number },
): Promise<DeploymentProgressSummary | undefined> {
  const deployment = await store.getDeployment(deploymentId)
  if (deployment === undefined) return undefined
  const [members, clients, reports] = await Promise.all([
    store.listCollectionMembers(deployment.collectionId),
    store.listClients(),
    store.listDeploymentReports({ deploymentId }),
  ])
  const byId = new Map(clients.map((c) => [c.clientId, c]))
  const reporters: ExpectedReporter[] = []
  for (const m of members) {
    const client = byId.get(m.clientId)
    if (client === undefined) continue
    reporters.push({
      clientId: client.clientId,
      machine: client.machine,
      lastSeenAt: client.lastSeenAt,
      registeredAt: client.registeredAt,
    })
  }
  return summarizeDeploymentProgress(reporters, foldDeploymentReports(reports), options)
}
