import type { Severity, StatusMessage } from '@sitrep/protocol'
import { ATTRIBUTE } from '@sitrep/protocol'
import type { DeploymentState } from './deployment-states.ts'
import { deploymentStateOfMessage, deploymentStateTrack } from './deployment-states.ts'

/** The last message seen on one track (`LastAcceptanceMessageID…` / `LastStatusMessageID…`). */
export interface DeploymentTrackEntry {
  readonly messageId: number
  readonly state: DeploymentState
  readonly severity: Severity
  /** The message's `createdAt`, epoch ms. */
  readonly time: number
  /** The message's per-origin sequence, to order messages created in the same millisecond. */
  readonly sequence: number
  /** The installer's exit code the message carried (10006, 10008, 10022). */
  readonly exitCode?: number
}

/** One client's status for one deployment (`SMS_ClientAdvertisementStatus`). */
export interface ClientDeploymentStatus {
  readonly deploymentId: string
  /** The client's machine name. */
  readonly client: string
  readonly acceptance?: DeploymentTrackEntry
  readonly delivery?: DeploymentTrackEntry
  /** `createdAt` of the newest message about this deployment from this client, mapped or not. */
  readonly lastReportedAt: number
}

/**
 * Returns the deployment and client a message reports on, or `undefined` when it is not a
 * software-distribution message: module `SMS Client`, component `Software Distribution` (both
 * compared ignoring case) and a non-empty attribute 401 (deployment ID).
 */
export function deploymentMessageKey(
  message: StatusMessage,
): { readonly deploymentId: string; readonly client: string } | undefined {
  if (message.module.toLowerCase() !== 'sms client') return undefined
  if (message.component.toLowerCase() !== 'software distribution') return undefined
  const deploymentId = message.attributes.find((a) => a.id === ATTRIBUTE.deploymentId)?.value
  if (deploymentId === undefined || deploymentId === '') return undefined
  return { deploymentId, client: message.machine }
}

/** Messages whose %2 is the installer's exit code: failed (10006), succeeded (10008), succeeded with a restart pending (10022). */
const EXIT_CODE_MESSAGES: ReadonlySet<number> = new Set([10006, 10008, 10022])

/**
 * Returns the installer's exit code a software-distribution message carries in %2 (10006,
 * 10008, 10022), or `null` when it carries none or %2 is not a whole number (an agent that
 * restarted mid-run writes words there).
 */
export function deploymentExitCode(
  message: Pick<StatusMessage, 'messageId' | 'insertionStrings'>,
): number | null {
  if (!EXIT_CODE_MESSAGES.has(message.messageId)) return null
  const text = message.insertionStrings[1]?.trim() ?? ''
  if (!/^-?\d{1,10}$/.test(text)) return null
  const code = Number(text)
  return code >= -2_147_483_648 && code <= 4_294_967_295 ? code : null
}

function isNewer(message: StatusMessage, entry: DeploymentTrackEntry | undefined): boolean {
  if (entry === undefined) return true
  return (
    message.createdAt > entry.time || (message.createdAt === entry.time && message.sequence > entry.sequence)
  )
}

/**
 * Folds one message into a client's status for a deployment. A message that maps to a state
 * (see `DEPLOYMENT_MESSAGE_TABLE`) replaces its track's entry only when it is newer, by
 * `createdAt` and then `sequence`: messages arriving out of order never move a track back.
 * Other software-distribution messages only mark the client as having reported. Returns
 * `previous` unchanged for a message that is not a software-distribution message.
 */
export function applyDeploymentMessage(
  previous: ClientDeploymentStatus | undefined,
  message: StatusMessage,
): ClientDeploymentStatus | undefined {
  const key = deploymentMessageKey(message)
  if (key === undefined) return previous
  if (previous !== undefined && !sameKey(previous, key)) {
    throw new RangeError(
      `message for deployment ${key.deploymentId} on ${key.client} folded into ${previous.deploymentId} on ${previous.client}`,
    )
  }
  const base: ClientDeploymentStatus = previous ?? { ...key, lastReportedAt: message.createdAt }
  const lastReportedAt = Math.max(base.lastReportedAt, message.createdAt)
  const state = deploymentStateOfMessage(message.messageId)
  const track = state === undefined ? undefined : deploymentStateTrack(state)
  if (state === undefined || track === undefined || !isNewer(message, base[track])) {
    return { ...base, lastReportedAt }
  }
  const entry: DeploymentTrackEntry = {
    messageId: message.messageId,
    state,
    severity: message.severity,
    time: message.createdAt,
    sequence: message.sequence,
  }
  return { ...base, lastReportedAt, [track]: entry }
}

function sameKey(
  a: { deploymentId: string; client: string },
  b: { deploymentId: string; client: string },
): boolean {
  return (
    a.deploymentId.toUpperCase() === b.deploymentId.toUpperCase() &&
    a.client.toUpperCase() === b.client.toUpperCase()
  )
}

/**
 * Folds many messages, in any order, into per-(deployment, client) statuses, starting from
 * `initial`. Deployment IDs and machine names group ignoring case.
 */
export function foldDeploymentMessages(
  messages: Iterable<StatusMessage>,
  initial: Iterable<ClientDeploymentStatus> = [],
): readonly ClientDeploymentStatus[] {
  const keyOf = (k: { deploymentId: string; client: string }): string =>
    `${k.deploymentId.toUpperCase()}\u0000${k.client.toUpperCase()}`
  const statuses = new Map<string, ClientDeploymentStatus>()
  for (const status of initial) statuses.set(keyOf(status), status)
  for (const message of messages) {
    const key = deploymentMessageKey(message)
    if (key === undefined) continue
    const next = applyDeploymentMessage(statuses.get(keyOf(key)), message)
    if (next !== undefined) statuses.set(keyOf(key), next)
  }
  return [...statuses.values()]
}

/**
 * Returns a client's current state for a deployment: the state of whichever track reported last
 * (delivery on a tie), with an acceptance of 1 shown as -1 "Accepted - No Further Status" and
 * no state-setting message at all as 0 "No Status".
 */
export function currentDeploymentState(status: ClientDeploymentStatus): DeploymentState {
  const { acceptance, delivery } = status
  const latest =
    acceptance !== undefined && (delivery === undefined || isLater(acceptance, delivery))
      ? acceptance
      : delivery
  if (latest === undefined) return 0
  return latest.state === 1 ? -1 : latest.state
}

function isLater(a: DeploymentTrackEntry, b: DeploymentTrackEntry): boolean {
  return a.time > b.time || (a.time === b.time && a.sequence > b.sequence)
}
