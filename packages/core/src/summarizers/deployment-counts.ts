import type { DeploymentState } from './deployment-states.ts'
import type { ClientDeploymentStatus } from './deployment-status.ts'
import { currentDeploymentState } from './deployment-status.ts'

/**
 * A deployment's client counts (`SMS_ClientAdvertisementSummary`). The counters are disjoint:
 * each targeted client is in exactly one of them or in `notYetReported`, so they add up to
 * `targeted`.
 */
export interface DeploymentCounts {
  /** Named targets plus any other client that reported on the deployment. */
  readonly targeted: number
  /** Accepted, no further status (-1). */
  readonly accepted: number
  /** Downloading (5), download complete (6), running (9). */
  readonly running: number
  /** Waiting (8). */
  readonly waiting: number
  /** Retrying (10). */
  readonly retrying: number
  /** Succeeded (13), will not rerun (4). */
  readonly succeeded: number
  /** Failed (11), rejected (2), expired (3), cancelled (7). */
  readonly failed: number
  /** Reboot pending (12), including "succeeded, reboot pending" (10022). */
  readonly rebootPending: number
  /** Reported only messages that set no state (0). */
  readonly noStatus: number
  /** Named targets that have not reported at all, as the targets spell them. */
  readonly notYetReported: readonly string[]
}

type Counter = Exclude<keyof DeploymentCounts, 'targeted' | 'notYetReported'>

/** Which counter each state adds to. */
export const DEPLOYMENT_STATE_COUNTER: Readonly<Record<`${DeploymentState}`, Counter>> = Object.freeze({
  '-1': 'accepted',
  '0': 'noStatus',
  '1': 'accepted',
  '2': 'failed',
  '3': 'failed',
  '4': 'succeeded',
  '5': 'running',
  '6': 'running',
  '7': 'failed',
  '8': 'waiting',
  '9': 'running',
  '10': 'retrying',
  '11': 'failed',
  '12': 'rebootPending',
  '13': 'succeeded',
})

/**
 * Counts one deployment's clients by their current state. `clients` may hold statuses of other
 * deployments; only `deploymentId`'s are counted. With `targets` (the machines the deployment
 * names), targets without a status are `notYetReported`; machine names and deployment IDs
 * compare ignoring case.
 */
export function deploymentCounts(
  deploymentId: string,
  clients: Iterable<ClientDeploymentStatus>,
  targets: readonly string[] = [],
): DeploymentCounts {
  const counts: Record<Counter, number> = {
    accepted: 0,
    running: 0,
    waiting: 0,
    retrying: 0,
    succeeded: 0,
    failed: 0,
    rebootPending: 0,
    noStatus: 0,
  }
  const wanted = deploymentId.toUpperCase()
  const reported = new Set<string>()
  for (const status of clients) {
    if (status.deploymentId.toUpperCase() !== wanted) continue
    const client = status.client.toUpperCase()
    if (reported.has(client)) continue
    reported.add(client)
    counts[DEPLOYMENT_STATE_COUNTER[`${currentDeploymentState(status)}`]] += 1
  }
  const notYetReported: string[] = []
  const seenTargets = new Set<string>()
  for (const target of targets) {
    const upper = target.toUpperCase()
    if (seenTargets.has(upper)) continue
    seenTargets.add(upper)
    if (!reported.has(upper)) notYetReported.push(target)
  }
  return { targeted: reported.size + notYetReported.length, ...counts, notYetReported }
}
