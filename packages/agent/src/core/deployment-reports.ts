/**
 * The 100xx status messages a job raises, as a real client raises them (reference §10.5,
 * §16.1): module `SMS Client`, component `Software Distribution`, attribute 401 the deployment
 * ID, and the insertion strings the `SMS Client` catalogue's templates read (%1 deployment,
 * %4 application, %5 deployment type, %2/%3 per message). Pure: the agent hands the result to
 * the SDK's client, which stamps and spools it.
 */
import type { MessageType, Severity, StatusAttribute } from '@sitrep/protocol'
import { ATTRIBUTE } from '@sitrep/protocol'
import type { AppStateReport } from './deployment-states.ts'
import { jobEventState } from './deployment-states.ts'
import type { JobEvent } from './job-event.ts'
import type { Job } from './job.ts'

export type { JobEvent } from './job-event.ts'

/** Module and component of software distribution messages. */
export const DEPLOYMENT_REPORT_SOURCE = { module: 'SMS Client', component: 'Software Distribution' } as const

/** The part of a status message the agent chooses. */
export interface DeploymentReport {
  readonly severity: Severity
  /** Milestone unless the catalogue says otherwise (user actions are audit messages). */
  readonly messageType?: MessageType
  readonly messageId: number
  readonly module: string
  readonly component: string
  readonly insertionStrings: readonly string[]
  readonly attributes: readonly StatusAttribute[]
  /** The application enforcement state the event sets, sent as a state message beside it. */
  readonly appState?: AppStateReport
}

/** Message ID and severity of each event, as the `SMS Client` catalogue defines them. */
export const JOB_EVENT_MESSAGES = {
  received: { messageId: 10002, severity: 'informational' },
  download_started: { messageId: 10023, severity: 'informational' },
  download_completed: { messageId: 10024, severity: 'informational' },
  download_failed: { messageId: 10025, severity: 'error' },
  content_integrity_failed: { messageId: 10001, severity: 'error' },
  program_started: { messageId: 10005, severity: 'informational' },
  succeeded: { messageId: 10008, severity: 'informational' },
  succeeded_restart: { messageId: 10022, severity: 'informational' },
  failed: { messageId: 10006, severity: 'error' },
  timed_out: { messageId: 10070, severity: 'error' },
  already_installed: { messageId: 10040, severity: 'informational' },
  requirements_not_met: { messageId: 10080, severity: 'error' },
  retry_another_installation: { messageId: 10061, severity: 'warning' },
  waiting_maintenance_window: { messageId: 10073, severity: 'informational' },
  waiting_another_program: { messageId: 10037, severity: 'informational' },
  waiting_content: { messageId: 10035, severity: 'informational' },
  interrupted: { messageId: 10021, severity: 'error' },
  cancelled_by_user: { messageId: 10031, severity: 'warning' },
  restart_scheduled: { messageId: 10075, severity: 'informational' },
  restart_requested: { messageId: 10076, severity: 'informational' },
} as const satisfies Record<JobEvent['kind'], { messageId: number; severity: Severity }>

/** %2 and %3 of each event (the rest are the same for every message). */
function eventStrings(event: JobEvent): readonly [string, string] {
  switch (event.kind) {
    case 'received':
      return [event.siteCode, '']
    case 'download_started':
      return [event.source, '']
    case 'download_failed':
      return [event.source, '']
    case 'content_integrity_failed':
      return [event.file, '']
    case 'program_started':
      return [event.commandLine, event.folder]
    case 'succeeded':
      return [
        event.exitCode === null ? 'unknown (detected after the agent restarted)' : String(event.exitCode),
        '',
      ]
    case 'succeeded_restart':
      return [String(event.exitCode), '']
    case 'failed':
      return [event.exitCode === null ? 'none (ended by a signal)' : String(event.exitCode), event.detail]
    case 'timed_out':
      return [String(event.maxRunMinutes), '']
    case 'requirements_not_met':
      return [event.requirements, '']
    case 'waiting_another_program':
      return [event.program, '']
    case 'restart_scheduled':
      return [event.at, '']
    case 'download_completed':
    case 'already_installed':
    case 'retry_another_installation':
    case 'waiting_maintenance_window':
    case 'waiting_content':
    case 'interrupted':
    case 'cancelled_by_user':
    case 'restart_requested':
      return ['', '']
  }
}

const INSERTION_MAX = 255

function clip(text: string): string {
  return text.length <= INSERTION_MAX ? text : `${text.slice(0, INSERTION_MAX - 1)}…`
}

/**
 * The status message of one job event: insertion strings %1 deployment ID, %2/%3 per event,
 * %4 application name, %5 deployment type name, %9 the account it ran as (10005); attribute
 * 401 the deployment ID, 403 the user for user requests.
 */
export function jobEventReport(job: Job, event: JobEvent): DeploymentReport {
  const { messageId, severity } = JOB_EVENT_MESSAGES[event.kind]
  const [two, three] = eventStrings(event)
  const strings = [job.deploymentId, two, three, job.applicationName, job.deploymentTypeName]
  if (event.kind === 'program_started') strings.push('', '', '', event.runAs)
  const attributes: StatusAttribute[] = [{ id: ATTRIBUTE.deploymentId, value: job.deploymentId }]
  if (job.userName !== null) attributes.push({ id: ATTRIBUTE.userName, value: job.userName })
  const appState = jobEventState(job, event)
  return {
    severity,
    messageId,
    ...DEPLOYMENT_REPORT_SOURCE,
    insertionStrings: strings.map(clip),
    attributes,
    ...(appState === null ? {} : { appState }),
  }
}
