/**
 * The shapes of the REST API the console reads (docs/api.md). Routes in the `@sitrep/api`
 * contract give their types from there, so a reply field changed in the contract fails the
 * console's type check; the summary shapes below follow until their routes join the contract.
 */
import type { NamedQueryView, PROMPT_TYPES, RouteReply, dryRunRules } from '@sitrep/api'
import type { Role } from '@sitrep/api'
import type { FilterRule } from '@sitrep/core'
import type { Severity } from '@sitrep/protocol'

export { ROLES } from '@sitrep/api'
export type { ClientView, LossRow, MessagePage, MessageView, Role, SiteLinkView } from '@sitrep/api'

/** Who is signed in, and the CSRF token their changes carry (`null` for token sign-in). */
export interface Session {
  readonly user: { readonly username: string; readonly role: Role }
  readonly csrfToken: string | null
}

export type ComponentStatus = 'ok' | 'warning' | 'critical'

export interface ComponentSummary {
  readonly siteCode: string
  readonly machine: string
  readonly component: string
  readonly infos: number
  readonly warnings: number
  readonly errors: number
  readonly status: ComponentStatus
  readonly thresholds: Readonly<Record<'IW' | 'IE' | 'WW' | 'WE' | 'EW' | 'EE', number | null>>
  readonly lastMessageAt: string | null
}

export interface ComponentSummaryReply {
  readonly interval: { readonly token: string; readonly name: string; readonly since: string }
  readonly components: readonly ComponentSummary[]
}

export interface StorageObject {
  readonly siteCode: string
  readonly siteSystem: string
  readonly object: string
  readonly kind: 'database' | 'directory' | 'log'
  readonly bytesFree: number | null
  readonly bytesTotal: number | null
  readonly percentFree: number | null
  readonly status: ComponentStatus
  readonly accessible: boolean
  readonly thresholds: { readonly warningBytes: number | null; readonly criticalBytes: number | null }
  readonly checkedAt: string | null
}

/** The deployment counters of `GET /api/v1/summaries/deployments`. */
export const DEPLOYMENT_STATES = [
  'accepted',
  'running',
  'waiting',
  'retrying',
  'succeeded',
  'failed',
  'rebootPending',
  'noStatus',
  'notYetReported',
] as const
export type DeploymentState = (typeof DEPLOYMENT_STATES)[number]

export type DeploymentSummary = { readonly deploymentId: string; readonly targeted: number } & Readonly<
  Record<DeploymentState, number>
>

export interface DeploymentClient {
  readonly machine: string
  readonly state: string
  readonly stateName: string
  readonly track?: string
  readonly messageId?: number | null
  readonly at: string | null
}

export interface SiteSummary {
  readonly siteCode: string
  readonly parentSiteCode: string | null
  readonly status: ComponentStatus
  readonly infos: number
  readonly warnings: number
  readonly errors: number
  readonly components: Readonly<Record<ComponentStatus, number>>
  /** Worst status of the site and every site below it (absent from older sites). */
  readonly rolledUpStatus?: ComponentStatus
  readonly unknownSince: string | null
}

export interface HistogramBucket {
  readonly hourStart: string
  readonly informational: number
  readonly warning: number
  readonly error: number
}

export type PromptType = (typeof PROMPT_TYPES)[number]

/** A built-in or saved query of `GET /api/v1/queries`. */
export type SavedQuery = NamedQueryView

export type { FilterRule, Severity }

/** What `POST /api/v1/rules/dry-run` counts. */
export type DryRunReport = RouteReply<typeof dryRunRules>
