/**
 * A deployment's states as the console shows them: words, the colour group of each, and the
 * segments of the progress bar. Pure functions, tested without React.
 */
import { CLIENT_DEPLOYMENT_STATES } from '@sitrep/protocol'
import type { ClientDeploymentState } from '@sitrep/protocol'

export { CLIENT_DEPLOYMENT_STATES }
export type { ClientDeploymentState }

/** What people read for each state (reference §10.5 and §16.1 in our words). */
export const CLIENT_STATE_LABELS: Readonly<Record<ClientDeploymentState, string>> = {
  success: 'Success',
  in_progress: 'In progress',
  waiting_another_installation: 'Waiting for another installation',
  waiting_maintenance_window: 'Waiting for a maintenance window',
  waiting_content: 'Waiting for content',
  requirements_not_met: 'Requirements not met',
  restart_pending: 'Restart pending',
  error: 'Error',
  not_reported: 'Not yet reported',
  unreachable: 'Unreachable',
}

/** The colour group of a state: the bar and the swatches use it, always beside a word. */
export type StateTone = 'success' | 'progress' | 'waiting' | 'unmet' | 'error' | 'unknown' | 'unreachable'

export const STATE_TONE: Readonly<Record<ClientDeploymentState, StateTone>> = {
  success: 'success',
  in_progress: 'progress',
  waiting_another_installation: 'waiting',
  waiting_maintenance_window: 'waiting',
  waiting_content: 'waiting',
  restart_pending: 'waiting',
  requirements_not_met: 'unmet',
  error: 'error',
  not_reported: 'unknown',
  unreachable: 'unreachable',
}

export interface StateSegment {
  readonly state: ClientDeploymentState
  readonly count: number
  /** Share of all expected reporters, 0–100 with one decimal. */
  readonly percent: number
}

/** The states that have clients, in the order of {@link CLIENT_DEPLOYMENT_STATES}, with their share. */
export function stateSegments(counts: Readonly<Record<ClientDeploymentState, number>>): StateSegment[] {
  const total = CLIENT_DEPLOYMENT_STATES.reduce((sum, s) => sum + counts[s], 0)
  if (total === 0) return []
  return CLIENT_DEPLOYMENT_STATES.filter((s) => counts[s] > 0).map((state) => ({
    state,
    count: counts[state],
    percent: Math.round((counts[state] / total) * 1000) / 10,
  }))
}

/** One sentence for screen readers and tooltips: `3 of 4 Success, 1 of 4 Error`; `no clients` when empty. */
export function describeSegments(segments: readonly StateSegment[]): string {
  const total = segments.reduce((sum, s) => sum + s.count, 0)
  if (total === 0) return 'no clients in the collection'
  return segments.map((s) => `${s.count} of ${total} ${CLIENT_STATE_LABELS[s.state]}`).join(', ')
}

/** True when `value` is a state name (route parameters arrive as any text). */
export function isClientState(value: string | undefined): value is ClientDeploymentState {
  return value !== undefined && (CLIENT_DEPLOYMENT_STATES as readonly string[]).includes(value)
}
