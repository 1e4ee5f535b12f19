/**
 * Where each expected reporter of a deployment stands (docs/software-distribution.md
 * "Deployment status"), in the states of the protocol's `CLIENT_DEPLOYMENT_STATES`: from the
 * software-distribution messages (100xx with attribute 401) a client sent about the deployment,
 * or, when it sent none, from how long it has been silent. Pure: the site passes the folded
 * statuses, its clients and the time.
 */
import { CLIENT_DEPLOYMENT_STATES } from '@sitrep/protocol'
import type { ClientDeploymentState } from '@sitrep/protocol'
import type { ClientDeploymentStatus, DeploymentTrackEntry } from '../summarizers/deployment-status.ts'

/** Message IDs whose meaning is finer than their §10.5 state, mapped to the state they show. */
const BY_MESSAGE_ID: ReadonlyMap<number, ClientDeploymentState> = new Map([
  [10008, 'success'],
  [10009, 'success'],
  [10040, 'success'],
  [10041, 'success'],
  [10042, 'success'],
  [10022, 'restart_pending'],
  [10075, 'restart_pending'],
  [10076, 'restart_pending'],
  [10037, 'waiting_another_installation'],
  [10073, 'waiting_maintenance_window'],
  [10020, 'waiting_content'],
  [10035, 'waiting_content'],
  [10077, 'waiting_content'],
  [10018, 'requirements_not_met'],
  // "Did not run because this computer does not meet its requirements": §10.5 counts it as
  // failed; the status shows it as what it is, the state the agent's requirement checks end in.
  [10080, 'requirements_not_met'],
])

/** States a client can stay in without reporting again: silence does not make it unreachable. */
const SETTLED: ReadonlySet<ClientDeploymentState> = new Set(['success', 'error', 'requirements_not_met'])

/** The state one software-distribution message shows (its §10.5 state, refined by its ID). */
export function deploymentStateOfEntry(entry: DeploymentTrackEntry): ClientDeploymentState {
  const byId = BY_MESSAGE_ID.get(entry.messageId)
  if (byId !== undefined) return byId
  switch (entry.state) {
    case 13:
    case 4:
      return 'success'
    case 12:
      return 'restart_pending'
    case 2:
    case 3:
    case 7:
    case 11:
      return 'error'
    case -1:
    case 0:
    case 1:
    case 5:
    case 6:
    case 8:
    case 9:
    case 10:
      return 'in_progress'
  }
}

/** Topic type of application enforcement state messages (`APP_CI_ENFORCEMENT`). */
export const APP_ENFORCEMENT_TOPIC_TYPE = 1702

/** State IDs of topic 1702 whose meaning is finer than their range, as Sitrep reads them. */
const BY_STATE_ID: ReadonlyMap<number, ClientDeploymentState> = new Map([
  [2001, 'waiting_content'],
  [2004, 'waiting_maintenance_window'],
  [2008, 'restart_pending'],
  [2014, 'waiting_another_installation'],
])

/**
 * The state an application enforcement state message (topic type 1702) shows: 1000–1003
 * success, 3000–3001 requirements not met, 5000–5014 error, and the in-progress range
 * 2000–2020 (with 2001 waiting for content, 2004 waiting for a maintenance window, 2008
 * restart pending and 2014 waiting for another installation); anything else in progress.
 */
export function deploymentStateOfAppEnforcement(stateId: number): ClientDeploymentState {
  const byId = BY_STATE_ID.get(stateId)
  if (byId !== undefined) return byId
  if (stateId >= 1000 && stateId <= 1003) return 'success'
  if (stateId >= 3000 && stateId <= 3001) return 'requirements_not_met'
  if (stateId >= 5000 && stateId <= 5014) return 'error'
  return 'in_progress'
}

/** A client's newest application enforcement state message about one deployment. */
export interface AppEnforcementReport {
  readonly stateId: number
  /** `MessageTime`, epoch ms. */
  readonly time: number
  /** The installer's exit code, from the first user parameter when it is a whole number. */
  readonly exitCode?: number
}

/** One expected reporter of a deployment: a member of its collection. */
export interface ExpectedReporter {
  readonly clientId: string
  readonly machine: string
  /** When the site last heard from the client, epoch ms; `null` if never since it registered. */
  readonly lastSeenAt: number | null
  /** When it registered, epoch ms. */
  readonly registeredAt: number
}

/** One client's state for one deployment. */
export interface ClientDeploymentProgress {
  readonly clientId: string
  readonly machine: string
  readonly state: ClientDeploymentState
  /** The message that set the state; `undefined` for the derived `not_reported` and `unreachable`. */
  readonly messageId?: number
  /** The state message's state ID (topic 1702) when a state message set the state. */
  readonly stateId?: number
  /** When that message was created, epoch ms. */
  readonly at?: number
  /** The installer's exit code the client reported with it. */
  readonly exitCode?: number
}

/** What decides `unreachable`. */
export interface ReachabilitySettings {
  readonly now: number
  /**
   * A client silent (no request at all) for longer than this is unreachable: its poll interval
   * plus jitter plus a grace, in ms.
   */
  readonly silentAfterMs: number
}

function latestEntry(status: ClientDeploymentStatus): DeploymentTrackEntry | undefined {
  const { acceptance, delivery } = status
  if (acceptance === undefined) return delivery
  if (delivery === undefined) return acceptance
  const acceptanceLater =
    acceptance.time > delivery.time ||
    (acceptance.time === delivery.time && acceptance.sequence > delivery.sequence)
  return acceptanceLater ? acceptance : delivery
}

/**
 * Returns one client's state: the state of its newest state-setting message about the
 * deployment; `in_progress` when it reported only messages that set no state; otherwise
 * `not_reported`. A client in a state that is not settled (anything but success, error and
 * requirements not met) that has been silent longer than `silentAfterMs` is `unreachable`.
 */
export function clientDeploymentProgress(
  reporter: ExpectedReporter,
  status: ClientDeploymentStatus | undefined,
  settings: ReachabilitySettings,
  enforcement?: AppEnforcementReport,
): ClientDeploymentProgress {
  const base = { clientId: reporter.clientId, machine: reporter.machine }
  const entry = status === undefined ? undefined : latestEntry(status)
  const fromStatus: ClientDeploymentProgress | undefined =
    entry !== undefined
      ? {
          ...base,
          state: deploymentStateOfEntry(entry),
          messageId: entry.messageId,
          at: entry.time,
          ...(entry.exitCode === undefined ? {} : { exitCode: entry.exitCode }),
        }
      : status !== undefined
        ? { ...base, state: 'in_progress', at: status.lastReportedAt }
        : undefined
  // A state message newer than every status message about the deployment sets the state.
  const reported: ClientDeploymentProgress | undefined =
    enforcement !== undefined && (fromStatus?.at === undefined || enforcement.time > fromStatus.at)
      ? {
          ...base,
          state: deploymentStateOfAppEnforcement(enforcement.stateId),
          stateId: enforcement.stateId,
          at: enforcement.time,
          ...(enforcement.exitCode === undefined ? {} : { exitCode: enforcement.exitCode }),
        }
      : fromStatus
  if (reported !== undefined && SETTLED.has(reported.state)) return reported
  const heardAt = Math.max(
    reporter.lastSeenAt ?? reporter.registeredAt,
    status?.lastReportedAt ?? 0,
    enforcement?.time ?? 0,
  )
  if (settings.now - heardAt > settings.silentAfterMs) return { ...base, state: 'unreachable' }
  return reported ?? { ...base, state: 'not_reported' }
}

/** A deployment's counts: every expected reporter is in exactly one state. */
export interface DeploymentProgressSummary {
  readonly expected: number
  readonly counts: Readonly<Record<ClientDeploymentState, number>>
  /** Share of the expected reporters per state, 0–100 with one decimal. */
  readonly percentages: Readonly<Record<ClientDeploymentState, number>>
  readonly clients: readonly ClientDeploymentProgress[]
}

function emptyCounts(): Record<ClientDeploymentState, number> {
  return Object.fromEntries(CLIENT_DEPLOYMENT_STATES.map((s) => [s, 0])) as Record<
    ClientDeploymentState,
    number
  >
}

/**
 * Rolls one deployment up over its expected reporters. `statuses` are the folded statuses of
 * this deployment, matched to reporters by machine name ignoring case; `enforcement` holds each
 * client's newest application enforcement state message by client ID. Reports of clients that
 * are not expected reporters are left out of the counts.
 */
export function summarizeDeploymentProgress(
  reporters: readonly ExpectedReporter[],
  statuses: readonly ClientDeploymentStatus[],
  settings: ReachabilitySettings,
  enforcement: ReadonlyMap<string, AppEnforcementReport> = new Map(),
): DeploymentProgressSummary {
  const byMachine = new Map(statuses.map((s) => [s.client.toUpperCase(), s]))
  const counts = emptyCounts()
  const clients = reporters.map((r) =>
    clientDeploymentProgress(
      r,
      byMachine.get(r.machine.toUpperCase()),
      settings,
      enforcement.get(r.clientId),
    ),
  )
  for (const c of clients) counts[c.state] += 1
  const percentages = emptyCounts()
  for (const state of CLIENT_DEPLOYMENT_STATES) {
    percentages[state] =
      reporters.length === 0 ? 0 : Math.round((counts[state] * 1000) / reporters.length) / 10
  }
  return { expected: reporters.length, counts, percentages, clients }
}
