import type { SeverityCounts, SummaryStatus } from './status-level.ts'
import { worstStatus } from './status-level.ts'

/** What a site's roll-up reads: its component summaries and its storage objects' states. */
export interface SiteRollUpInput {
  readonly siteCode: string
  readonly components: readonly (SeverityCounts & { readonly status: SummaryStatus })[]
  readonly storage?: readonly { readonly status: SummaryStatus }[]
}

/** One site's own status (`SMS_SummarizerSiteStatus`) with its totals (`SMS_SiteDetailSummarizer`). */
export interface SiteSummary extends SeverityCounts {
  readonly siteCode: string
  /** Worst of its components and storage objects. */
  readonly status: SummaryStatus
  readonly componentStatus: SummaryStatus
  readonly storageStatus: SummaryStatus
}

/** Sums a site's component counts and takes the worst of its components and storage objects. */
export function rollUpSite(input: SiteRollUpInput): SiteSummary {
  const totals = { infos: 0, warnings: 0, errors: 0 }
  for (const c of input.components) {
    totals.infos += c.infos
    totals.warnings += c.warnings
    totals.errors += c.errors
  }
  const componentStatus = worstStatus(input.components.map((c) => c.status))
  const storageStatus = worstStatus((input.storage ?? []).map((s) => s.status))
  return {
    siteCode: input.siteCode,
    ...totals,
    status: worstStatus([componentStatus, storageStatus]),
    componentStatus,
    storageStatus,
  }
}

/** A site's place in the hierarchy: its parent, or `null` for a top-level site. */
export interface SiteTreeNode {
  readonly siteCode: string
  readonly parentSiteCode: string | null
}

/** A site's own summary plus what its parent sees: the worst of it and every site below it. */
export interface RolledUpSite extends SiteSummary {
  /** False for a site of the tree that has sent no summary yet: its own status shows OK, counts 0. */
  readonly reported: boolean
  /** Direct child sites, from the tree, upper-case. */
  readonly childSiteCodes: readonly string[]
  /** Worst status of this site and all its descendants. */
  readonly rolledUpStatus: SummaryStatus
  /** Counts summed over this site and all its descendants. */
  readonly rolledUpCounts: SeverityCounts
}

/** The hierarchy seen from the top (`SMS_SummarizerRootStatus`). */
export interface HierarchyRollUp {
  /** Keyed by upper-case site code. */
  readonly sites: ReadonlyMap<string, RolledUpSite>
  /** Worst status of any site in the hierarchy. */
  readonly rootStatus: SummaryStatus
}

/**
 * Rolls site summaries up a hierarchy, so each parent sees the worst of its children. Site codes
 * compare ignoring case. A site in the tree without a summary still passes its children's status
 * up (`reported: false`); a summary whose site is not in the tree is treated as top-level. A
 * cycle in the tree is cut where it closes, so no site counts twice under one parent.
 */
export function rollUpSites(
  summaries: readonly SiteSummary[],
  tree: readonly SiteTreeNode[],
): HierarchyRollUp {
  const own = new Map(summaries.map((s) => [s.siteCode.toUpperCase(), s]))
  const children = new Map<string, string[]>()
  for (const node of tree) {
    const site = node.siteCode.toUpperCase()
    if (!children.has(site)) children.set(site, [])
    if (node.parentSiteCode === null) continue
    const parent = node.parentSiteCode.toUpperCase()
    children.set(parent, [...(children.get(parent) ?? []), site])
  }
  const sites = new Map<string, RolledUpSite>()
  const visit = (site: string, path: ReadonlySet<string>): RolledUpSite => {
    const done = sites.get(site)
    if (done !== undefined) return done
    const childSiteCodes = children.get(site) ?? []
    const below = childSiteCodes
      .filter((child) => !path.has(child))
      .map((child) => visit(child, new Set([...path, child])))
    const summary = own.get(site) ?? emptySummary(site)
    const rolled: RolledUpSite = {
      ...summary,
      reported: own.has(site),
      childSiteCodes,
      rolledUpStatus: worstStatus([summary.status, ...below.map((b) => b.rolledUpStatus)]),
      rolledUpCounts: {
        infos: summary.infos + sum(below, 'infos'),
        warnings: summary.warnings + sum(below, 'warnings'),
        errors: summary.errors + sum(below, 'errors'),
      },
    }
    sites.set(site, rolled)
    return rolled
  }
  for (const site of new Set([...children.keys(), ...own.keys()])) visit(site, new Set([site]))
  return { sites, rootStatus: worstStatus([...sites.values()].map((s) => s.status)) }
}

function emptySummary(siteCode: string): SiteSummary {
  return {
    siteCode,
    infos: 0,
    warnings: 0,
    errors: 0,
    status: 'ok',
    componentStatus: 'ok',
    storageStatus: 'ok',
  }
}

function sum(rolled: readonly RolledUpSite[], field: keyof SeverityCounts): number {
  return rolled.reduce((total, r) => total + r.rolledUpCounts[field], 0)
}
