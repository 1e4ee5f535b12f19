/** A deployment's progress bar: one segment per state with clients in it, widths in percent. */
import { DEPLOYMENT_STATES } from '../../api/api-types.ts'
import type { DeploymentState, DeploymentSummary } from '../../api/api-types.ts'

export const STATE_LABELS: Readonly<Record<DeploymentState, string>> = {
  accepted: 'Accepted',
  running: 'Running',
  waiting: 'Waiting',
  retrying: 'Retrying',
  succeeded: 'Succeeded',
  failed: 'Failed',
  rebootPending: 'Reboot pending',
  noStatus: 'No status',
  notYetReported: 'Not yet reported',
}

/** The state names the clients route takes (`not-yet-reported` for targets that never reported). */
export function stateParam(state: DeploymentState): string {
  return state.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)
}

export interface Segment {
  readonly state: DeploymentState
  readonly count: number
  readonly percent: number
}

/** The non-empty states of `d` with their share of all its clients. */
export function progressSegments(d: DeploymentSummary): Segment[] {
  const total = DEPLOYMENT_STATES.reduce((sum, s) => sum + d[s], 0)
  if (total === 0) return []
  return DEPLOYMENT_STATES.filter((s) => d[s] > 0).map((state) => ({
    state,
    count: d[state],
    percent: Math.round((d[state] / total) * 1000) / 10,
  }))
}
