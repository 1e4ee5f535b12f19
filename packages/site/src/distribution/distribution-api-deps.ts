/** What the software-distribution REST routes need. */
import type { SiteStore } from '@sitrep/store'
import type { SiteReporter } from '../reporting/site-reporter.ts'
import type { DistributionRuntime } from './distribution-runtime.ts'

/** The store, the running distribution (cache, content, evaluation), the reporter for audits. */
export interface DistributionApiDeps {
  readonly store: SiteStore
  readonly runtime: DistributionRuntime
  /** Raises the audit message of every change. */
  readonly reporter: Pick<SiteReporter, 'raise'>
  /** The site code, the first three characters of new collection and deployment IDs. */
  readonly siteCode: string
  readonly clock: () => number
}
