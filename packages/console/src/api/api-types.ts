/**
 * The shapes of the REST API the console reads (docs/api.md). Routes in the `@sitrep/api`
 * contract give their types from there, so a reply field changed in the contract fails the
 * console's type check.
 */
import { DEPLOYMENT_COUNTERS } from '@sitrep/api'
import type {
  ComponentSummaryView,
  DeploymentSummaryView,
  Role,
  RouteReply,
  SiteSummaryView,
  StorageObjectView,
  dryRunRules,
} from '@sitrep/api'
import type { FilterRule, SummaryStatus } from '@sitrep/core'
import type { Severity } from '@sitrep/protocol'

export { ROLES } from '@sitrep/api'
export type {
  ClientView,
  HistogramBucket,
  LossRow,
  MessagePage,
  MessageView,
  Role,
  SiteLinkView,
} from '@sitrep/api'

/** Who is signed in, and the CSRF token their changes carry (`null` for token sign-in). */
export interface Session {
  readonly user: { readonly username: string; readonly role: Role }
  readonly csrfToken: string | null
}

export type ComponentStatus = SummaryStatus

export type ComponentSummary = ComponentSummaryView
export type StorageObject = StorageObjectView

/** The deployment counters of `GET /api/v1/summaries/deployments`, in the order shown. */
export const DEPLOYMENT_STATES = DEPLOYMENT_COUNTERS
export type DeploymentState = (typeof DEPLOYMENT_STATES)[number]
export type DeploymentSummary = DeploymentSummaryView
export type SiteSummary = SiteSummaryView

export type { FilterRule, Severity }

/** What `POST /api/v1/rules/dry-run` counts. */
export type DryRunReport = RouteReply<typeof dryRunRules>
