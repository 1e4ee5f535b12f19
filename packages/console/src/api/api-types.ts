/**
 * The shapes of the REST API the console reads (docs/api.md). They are declared here rather
 * than imported from `@sitrep/site`, which runs on Node: the console only knows the contract.
 */
import type { FilterRule } from '@sitrep/core'
import type { Severity, StatusMessageJson } from '@sitrep/protocol'

/** The roles of docs/api.md, least first. */
export const ROLES = [
  'reporter',
  'read-only-analyst',
  'operations-administrator',
  'full-administrator',
] as const
export type Role = (typeof ROLES)[number]

/** Who is signed in, and the CSRF token their changes carry (`null` for token sign-in). */
export interface Session {
  readonly user: { readonly username: string; readonly role: Role }
  readonly csrfToken: string | null
}

/** One stored message as `GET /api/v1/messages` answers it. */
export interface MessageView extends StatusMessageJson {
  readonly recordId: number
  readonly receivedAt: string
  readonly deleteAfter: string | null
  readonly trusted: boolean
  readonly text: string
  readonly known: boolean
  readonly attributeNames?: Readonly<Record<string, string>>
}

export interface MessagePage {
  readonly messages: readonly MessageView[]
  readonly nextCursor: string | number | null
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

/** A site link as `GET /api/v1/links` lists it (the fields the console reads). */
export interface SiteLinkView {
  readonly direction: 'parent' | 'child'
  readonly siteCode: string
  readonly state: string
  readonly unknownSince: string | null
  readonly subtree: readonly string[]
}

export interface HistogramBucket {
  readonly hourStart: string
  readonly informational: number
  readonly warning: number
  readonly error: number
}

export type PromptType = 'text' | 'time' | 'siteCode' | 'component' | 'machine' | 'severity' | 'number'

export interface SavedQuery {
  readonly id: string
  readonly name: string
  readonly builtIn: boolean
  readonly filter: Readonly<Record<string, unknown>>
  readonly prompts: readonly { readonly name: string; readonly label: string; readonly type: PromptType }[]
}

export type { FilterRule, Severity }

export interface DryRunReport {
  readonly messages: number
  readonly writtenToDatabase: number
  readonly notKept: number
  readonly reportedToOsLog: number
  readonly replicated: Readonly<Record<'low' | 'medium' | 'high', number>>
  readonly forwardedToSummarizers: number
  readonly programRuns: number
  readonly rules: readonly {
    readonly id: string
    readonly name: string
    readonly matched: number
    readonly stopped: number
  }[]
  readonly retention: readonly { readonly daysToKeep: number; readonly count: number }[]
}

export interface ClientView {
  readonly clientId: string
  readonly machine: string
  readonly fqdn?: string | null
  readonly status: 'approved' | 'pending' | 'rejected'
  readonly registeredAt: string
  readonly lastSeenAt: string | null
  readonly agent?: string | null
}

export interface LossRow {
  readonly siteCode: string
  readonly origin: string
  readonly reason: string
  readonly count: number
  readonly firstAt: string | null
  readonly lastAt: string | null
}
