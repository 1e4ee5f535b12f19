/**
 * The roll-up of `GET /api/v1/summaries/sites`, computed from what the store holds: this site's
 * component rows and storage objects, those of the sites below it, and where each site hangs in
 * the hierarchy. Pure: the route reads the store and formats nothing but times.
 */
import type { SiteSummaryView } from '@sitrep/api'
import type { SeverityCounts, SummaryStatus } from '@sitrep/core'
import { rollUpSite, rollUpSites } from '@sitrep/core'
import { formatIsoTime } from '@sitrep/protocol'
import type { SubtreeSiteView } from '../links/subtree-summaries.ts'

/** What the roll-up is computed from. */
export interface SiteRollUpSources {
  /** This site's code. */
  readonly siteCode: string
  /** This site's parent, `null` at the top. */
  readonly parentSiteCode: string | null
  /** Component rows of this site and of the sites below it (each row names its site). */
  readonly components: readonly (SeverityCounts & {
    readonly siteCode: string
    readonly status: SummaryStatus
  })[]
  /** This site's own storage objects. */
  readonly storage: readonly { readonly status: SummaryStatus }[]
  /** Storage objects of the sites below, by upper-case site code. */
  readonly childStorage: ReadonlyMap<string, readonly { readonly status: SummaryStatus }[]>
  /** The sites below this one and their parents. */
  readonly below: readonly SubtreeSiteView[]
}

/**
 * One row per known site, sorted by code: its own status and counts, the worst status of its
 * subtree, and the tallies of its components and storage objects by status.
 */
export function siteSummaryViews(sources: SiteRollUpSources): SiteSummaryView[] {
  const own = sources.siteCode.toUpperCase()
  const codes = [
    ...new Set([
      own,
      ...sources.below.map((b) => b.siteCode),
      ...sources.childStorage.keys(),
      ...sources.components.map((r) => r.siteCode.toUpperCase()),
    ]),
  ].sort()
  const place = new Map(sources.below.map((b) => [b.siteCode, b]))
  const parentOf = (code: string): string | null =>
    code === own ? sources.parentSiteCode : (place.get(code)?.parentSiteCode ?? own)
  const perSite = codes.map((code) => {
    const components = sources.components.filter((r) => r.siteCode.toUpperCase() === code)
    const objects = code === own ? sources.storage : (sources.childStorage.get(code) ?? [])
    return {
      code,
      components,
      objects,
      summary: rollUpSite({ siteCode: code, components, storage: objects }),
    }
  })
  // The tree stops at this site: its own parent is above what this site can see.
  const tree = codes.map((code) => ({ siteCode: code, parentSiteCode: code === own ? null : parentOf(code) }))
  const rolled = rollUpSites(
    perSite.map((p) => p.summary),
    tree,
  )
  return perSite.map(({ code, components, objects, summary }) => {
    const unknownSince = place.get(code)?.unknownSince ?? null
    return {
      siteCode: code,
      parentSiteCode: parentOf(code),
      status: summary.status,
      rolledUpStatus: rolled.sites.get(code)?.rolledUpStatus ?? summary.status,
      infos: summary.infos,
      warnings: summary.warnings,
      errors: summary.errors,
      components: tallyStatuses(components.map((c) => c.status)),
      storage: tallyStatuses(objects.map((o) => o.status)),
      unknownSince: unknownSince === null ? null : formatIsoTime(unknownSince),
    }
  })
}

/** How many of `statuses` are ok, warning and critical. */
export function tallyStatuses(statuses: readonly SummaryStatus[]): Record<SummaryStatus, number> {
  return {
    ok: statuses.filter((s) => s === 'ok').length,
    warning: statuses.filter((s) => s === 'warning').length,
    critical: statuses.filter((s) => s === 'critical').length,
  }
}
