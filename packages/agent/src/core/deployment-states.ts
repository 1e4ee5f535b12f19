/**
 * The application enforcement state messages a job sets (topic type 1702, topic ID the
 * deployment ID), beside the 100xx status messages of the same events: the site's deployment
 * status reads them as soon as the relay stores them (docs/software-distribution.md). Pure: the
 * agent's store numbers and stamps them, and the state spool carries them to `/mp/v1/relay`.
 */
import type { StateMessageJson } from '@sitrep/protocol'
import { formatIsoTime } from '@sitrep/protocol'
import type { JobEvent } from './job-event.ts'
import type { Job } from './job.ts'

/** Topic type of application enforcement (`APP_CI_ENFORCEMENT`). */
export const APP_ENFORCEMENT_TOPIC = 1702
/** `Topic/@IDType` of a deployment: a CI assignment ID. */
export const DEPLOYMENT_TOPIC_ID_TYPE = 2

/** The state IDs the agent sends, inside the ranges the site reads (docs/agent.md). */
export const APP_ENFORCEMENT_STATES = {
  success: 1000,
  alreadyInstalled: 1001,
  inProgress: 2000,
  waitingContent: 2001,
  installing: 2002,
  waitingMaintenanceWindow: 2004,
  restartToComplete: 2008,
  waitingAnotherInstallation: 2014,
  requirementsNotMet: 3000,
  failed: 5000,
  contentFailed: 5003,
  timedOut: 5011,
} as const

/** One state a job reached, before the store gives it an ID, a serial number and a time. */
export interface AppStateReport {
  readonly deploymentId: string
  readonly stateId: number
  /** The installer's exit code, sent as the first user parameter. */
  readonly exitCode: number | null
  /** The user who asked for the job (`Topic/@User`), empty for the deployment's own jobs. */
  readonly user: string
}

function stateIdOf(job: Job, event: JobEvent): number | null {
  const S = APP_ENFORCEMENT_STATES
  switch (event.kind) {
    case 'received':
      return S.inProgress
    case 'download_failed':
    case 'waiting_content':
      return S.waitingContent
    case 'program_started':
      return S.installing
    case 'succeeded':
      return S.success
    case 'already_installed':
      return S.alreadyInstalled
    case 'succeeded_restart':
      return S.restartToComplete
    case 'failed':
      return S.failed
    case 'content_integrity_failed':
      return S.contentFailed
    case 'timed_out':
      return S.timedOut
    case 'requirements_not_met':
      return S.requirementsNotMet
    case 'waiting_maintenance_window':
      return S.waitingMaintenanceWindow
    case 'retry_another_installation':
    case 'waiting_another_program':
      return S.waitingAnotherInstallation
    // Interrupted and finished is a failure; interrupted and queued again is still in progress.
    case 'interrupted':
      return job.stage === 'finished' ? S.failed : S.inProgress
    // The download, a cancellation and the restart schedule set no new state: the state before
    // (in progress) or after (installing, the restart pending already sent) stands.
    case 'download_started':
    case 'download_completed':
    case 'cancelled_by_user':
    case 'restart_scheduled':
    case 'restart_requested':
      return null
  }
}

function exitCodeOf(event: JobEvent): number | null {
  return event.kind === 'succeeded' || event.kind === 'failed' || event.kind === 'succeeded_restart'
    ? event.exitCode
    : null
}

/** The state one job event sets, or `null` when it sets none. */
export function jobEventState(job: Job, event: JobEvent): AppStateReport | null {
  const stateId = stateIdOf(job, event)
  if (stateId === null) return null
  return {
    deploymentId: job.deploymentId,
    stateId,
    exitCode: exitCodeOf(event),
    user: job.userName ?? '',
  }
}

/**
 * The state message of one report. `origin.id` is a placeholder until delivery: the state
 * spool stamps the client ID the site knows this agent by, as the SDK does for status messages.
 */
export function buildStateMessage(
  report: AppStateReport,
  stamp: { readonly id: string; readonly messageTime: number; readonly serialNumber: number },
): StateMessageJson {
  return {
    id: stamp.id,
    origin: { kind: 'client', id: 'unregistered' },
    messageTime: formatIsoTime(stamp.messageTime),
    serialNumber: stamp.serialNumber,
    topic: {
      id: report.deploymentId,
      type: APP_ENFORCEMENT_TOPIC,
      idType: DEPLOYMENT_TOPIC_ID_TYPE,
      user: report.user.slice(0, 255),
      userSid: '',
    },
    state: { id: report.stateId, criticality: 0 },
    userParameters: { flags: 0, params: report.exitCode === null ? [] : [String(report.exitCode)] },
  }
}
