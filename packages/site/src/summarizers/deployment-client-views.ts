/**
 * The client rows of `GET /api/v1/summaries/deployments/:id/clients`: each client's current
 * state, the track (acceptance or delivery) it came from, and the named targets that have not
 * reported. Pure.
 */
import type { DeploymentClientView } from '@sitrep/api'
import type { ClientDeploymentStatus } from '@sitrep/core'
import { currentDeploymentState, deploymentStateName } from '@sitrep/core'
import { formatIsoTime } from '@sitrep/protocol'

/** The name the API gives the state of a named target without any report. */
export const NOT_YET_REPORTED = 'not-yet-reported'

/**
 * The track whose entry the client's row shows: delivery when it is at least as new as
 * acceptance, acceptance when there is only that, `null` when neither has an entry.
 */
export function deploymentTrack(status: ClientDeploymentStatus): 'acceptance' | 'delivery' | null {
  const { acceptance, delivery } = status
  if (delivery !== undefined && (acceptance === undefined || delivery.time >= acceptance.time))
    return 'delivery'
  return acceptance === undefined ? null : 'acceptance'
}

/** One client's row. */
export function deploymentClientView(status: ClientDeploymentStatus): DeploymentClientView {
  const state = currentDeploymentState(status)
  const track = deploymentTrack(status)
  const entry = track === null ? undefined : status[track]
  return {
    machine: status.client,
    state,
    stateName: deploymentStateName(state),
    track,
    messageId: entry?.messageId ?? null,
    at: formatIsoTime(entry?.time ?? status.lastReportedAt),
  }
}

/**
 * The rows of a deployment's clients: with `state` `not-yet-reported`, the named targets that
 * have not reported; with another `state` (a number or a state name), the clients in it; without
 * one, every client that reported.
 */
export function deploymentClientViews(
  clients: readonly ClientDeploymentStatus[],
  notYetReported: readonly string[],
  state: string | undefined,
): DeploymentClientView[] {
  if (state === NOT_YET_REPORTED) {
    return notYetReported.map((machine) => ({
      machine,
      state: null,
      stateName: 'Not Yet Reported',
      track: null,
      messageId: null,
      at: null,
    }))
  }
  const rows = clients.map(deploymentClientView)
  return state === undefined ? rows : rows.filter((r) => String(r.state) === state || r.stateName === state)
}
