/**
 * The create-deployment form's values and the request body they make. Times come from
 * `datetime-local` inputs (the reader's local time) and go to the site as ISO 8601 in UTC.
 */
import type { DeploymentIntent, DeploymentPurpose, NotificationLevel } from '@sitrep/protocol'
import type { NewDeployment } from './queries.ts'

export interface DeploymentDraft {
  readonly applicationId: string
  /** `''`: the newest revision. */
  readonly revision: string
  readonly collectionId: string
  readonly purpose: DeploymentPurpose
  readonly intent: DeploymentIntent
  /** `YYYY-MM-DDTHH:MM` local time; `''`: now. */
  readonly availableAt: string
  /** `YYYY-MM-DDTHH:MM` local time; `''`: as soon as possible. Required deployments only. */
  readonly deadline: string
  readonly notifications: NotificationLevel
  readonly restartGraceMinutes: string
  readonly restartOutsideWindows: boolean
  readonly installOutsideWindows: boolean
}

export const EMPTY_DEPLOYMENT: DeploymentDraft = {
  applicationId: '',
  revision: '',
  collectionId: '',
  purpose: 'install',
  intent: 'required',
  availableAt: '',
  deadline: '',
  notifications: 'all',
  restartGraceMinutes: '90',
  restartOutsideWindows: false,
  installOutsideWindows: false,
}

/**
 * Local `datetime-local` text as ISO 8601 UTC; text the browser would not take is passed on
 * unchanged so the site's answer names the field.
 */
export function localToIso(local: string): string {
  const date = new Date(local)
  return Number.isNaN(date.getTime()) ? local : date.toISOString()
}

/** The body of `POST /api/v1/deployments`; blank optional fields are left to the site's defaults. */
export function deploymentBody(draft: DeploymentDraft): NewDeployment {
  const grace = draft.restartGraceMinutes.trim()
  return {
    applicationId: draft.applicationId,
    ...(draft.revision === '' ? {} : { revision: Number(draft.revision) }),
    collectionId: draft.collectionId,
    settings: {
      purpose: draft.purpose,
      intent: draft.intent,
      ...(draft.availableAt === '' ? {} : { availableAt: localToIso(draft.availableAt) }),
      ...(draft.intent === 'required' && draft.deadline !== ''
        ? { deadline: localToIso(draft.deadline) }
        : {}),
      notifications: draft.notifications,
      ...(grace === '' ? {} : { restartGraceMinutes: Number(grace) }),
      restartOutsideWindows: draft.restartOutsideWindows,
      installOutsideWindows: draft.installOutsideWindows,
    },
  }
}
