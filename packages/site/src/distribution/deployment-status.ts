/**
 * A deployment's status (docs/software-distribution.md "Deployment status"): each member of its
 * collection (the expected reporters) in one state, from the software-distribution reports the
 * status manager keeps, from application enforcement state messages (topic type 1702, topic ID
 * the deployment ID), and from how long each client has been silent.
 */
import { APP_ENFORCEMENT_TOPIC_TYPE, summarizeDeploymentProgress } from '@sitrep/core'
import type { AppEnforcementReport, DeploymentProgressSummary, ExpectedReporter } from '@sitrep/core'
import type { SiteStore, StoredStateMessage } from '@sitrep/store'
import { foldDeploymentReports } from '../summarizers/deployment-summary.ts'

const STATE_PAGE = 1000

/** The newest enforcement state message per client, from the state messages about one deployment. */
export function newestEnforcementByClient(
  messages: readonly Pick<
    StoredStateMessage,
    'origin' | 'messageTime' | 'serialNumber' | 'state' | 'userParameters'
  >[],
): Map<string, AppEnforcementReport & { readonly serialNumber: number }> {
  const newest = new Map<string, AppEnforcementReport & { readonly serialNumber: number }>()
  for (const m of messages) {
    const known = newest.get(m.origin.id)
    const later =
      known === undefined ||
      m.messageTime > known.time ||
      (m.messageTime === known.time && m.serialNumber > known.serialNumber)
    if (!later) continue
    const first = m.userParameters.params[0]?.trim() ?? ''
    newest.set(m.origin.id, {
      stateId: m.state.id,
      time: m.messageTime,
      serialNumber: m.serialNumber,
      ...(/^-?\d{1,10}$/.test(first) ? { exitCode: Number(first) } : {}),
    })
  }
  return newest
}

async function enforcementReports(
  store: Pick<SiteStore, 'listStateMessages'>,
  deploymentId: string,
): Promise<Map<string, AppEnforcementReport>> {
  const all: StoredStateMessage[] = []
  let before: number | undefined
  for (;;) {
    const page = await store.listStateMessages({
      topicType: APP_ENFORCEMENT_TOPIC_TYPE,
      topicId: deploymentId,
      limit: STATE_PAGE,
      ...(before === undefined ? {} : { beforeRecordId: before }),
    })
    all.push(...page)
    if (page.length < STATE_PAGE) break
    before = page[page.length - 1]?.recordId
  }
  return newestEnforcementByClient(all)
}

/** Returns the status of `deploymentId`, or `undefined` when there is no such deployment. */
export async function deploymentStatus(
  store: SiteStore,
  deploymentId: string,
  options: { readonly now: number; readonly silentAfterMs: number },
): Promise<DeploymentProgressSummary | undefined> {
  const deployment = await store.getDeployment(deploymentId)
  if (deployment === undefined) return undefined
  const [members, clients, reports, enforcement] = await Promise.all([
    store.listCollectionMembers(deployment.collectionId),
    store.listClients(),
    store.listDeploymentReports({ deploymentId }),
    enforcementReports(store, deployment.id),
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
  return summarizeDeploymentProgress(reporters, foldDeploymentReports(reports), options, enforcement)
}
