/**
 * How a site's summary routes take in the sites below it (docs/hierarchy.md "Summaries up"):
 * deployment counts summed over the subtree, and the sites of the subtree with their parents and
 * the time their branch was marked unknown.
 */
import type { SiteLink } from '@sitrep/store'
import type { DeploymentSummaryJson } from './link-messages.ts'

const COUNTERS = [
  'targeted',
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

/**
 * Adds up per-site deployment counts by deployment ID (ignoring case; the first spelling wins),
 * sorted by ID. `notYetReported` is counted per site, so a target named at two sites counts twice.
 */
export function sumDeploymentCounts(
  perSite: readonly (readonly DeploymentSummaryJson[])[],
): DeploymentSummaryJson[] {
  const sums = new Map<string, DeploymentSummaryJson>()
  for (const summaries of perSite) {
    for (const s of summaries) {
      const key = s.deploymentId.toUpperCase()
      const before = sums.get(key)
      if (before === undefined) {
        sums.set(key, { ...s })
        continue
      }
      const next = { ...before }
      for (const c of COUNTERS) next[c] = before[c] + s[c]
      sums.set(key, next)
    }
  }
  return [...sums].sort(([a], [b]) => a.localeCompare(b)).map(([, s]) => s)
}

/** A site below this one, as the roll-up places it. */
export interface SubtreeSiteView {
  readonly siteCode: string
  readonly parentSiteCode: string
  /** Since when its branch is unknown (epoch ms), from the approved child link above it. */
  readonly unknownSince: number | null
}

/** Every site below `siteCode` from its approved child links and the subtrees they reported. */
export function subtreeSites(links: readonly SiteLink[], siteCode: string): SubtreeSiteView[] {
  return links
    .filter((l) => l.direction === 'child' && l.status === 'approved')
    .flatMap((l) => [
      {
        siteCode: l.siteCode.toUpperCase(),
        parentSiteCode: siteCode.toUpperCase(),
        unknownSince: l.unknownSince,
      },
      ...l.subtree.map((s) => ({
        siteCode: s.siteCode.toUpperCase(),
        parentSiteCode: s.parentSiteCode.toUpperCase(),
        unknownSince: l.unknownSince,
      })),
    ])
}
