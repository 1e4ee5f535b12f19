/** What the summary routes need (docs/api.md "Summaries"). */
import type { Catalogue } from '@sitrep/protocol'
import type { SiteStore } from '@sitrep/store'
import type { SiteReporter } from '../reporting/site-reporter.ts'
import type { SummarizerSettings } from '../summarizers/summarizer-settings.ts'

/** What the summary routes need. */
export interface SummaryRouteDeps {
  readonly store: SiteStore
  readonly catalogue: Catalogue
  readonly settings: SummarizerSettings
  readonly reporter: Pick<SiteReporter, 'raise'>
  readonly parentSiteCode: string | null
  readonly clock?: () => number
}
