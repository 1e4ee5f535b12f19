/**
 * The hierarchy the Overview shows as an indented tree: this site's parent (if linked), this site,
 * and every site below it, placed by the roll-up's `parentSiteCode` and, for sites the roll-up does
 * not list yet, by the child links' subtrees.
 */
import type { ComponentStatus, SiteLinkView, SiteSummary } from '../../api/api-types.ts'

/** One site in the tree. */
export interface SiteTreeNode {
  readonly siteCode: string
  readonly relation: 'parent' | 'this site' | 'child'
  /** Worst status of the site and everything below it; `null` when this site has no summary of it. */
  readonly status: ComponentStatus | null
  /** Since when the site is marked unknown (ISO time), or `null`. */
  readonly unknownSince: string | null
  readonly children: readonly SiteTreeNode[]
}

/** Builds the tree seen from `siteCode` (compared ignoring case). */
export function buildSiteTree(
  siteCode: string,
  sites: readonly SiteSummary[],
  links: readonly SiteLinkView[],
): SiteTreeNode {
  const own = siteCode.toUpperCase()
  const summary = new Map(sites.map((s) => [s.siteCode.toUpperCase(), s]))
  const parentOf = new Map<string, string>()
  const unknown = new Map<string, string>()
  for (const link of links) {
    if (link.direction !== 'child') continue
    const child = link.siteCode.toUpperCase()
    if (link.unknownSince !== null) unknown.set(child, link.unknownSince)
    for (const below of link.subtree) {
      parentOf.set(below.toUpperCase(), child)
      if (link.unknownSince !== null) unknown.set(below.toUpperCase(), link.unknownSince)
    }
  }
  for (const s of sites) {
    const code = s.siteCode.toUpperCase()
    if (code !== own && s.parentSiteCode !== null) parentOf.set(code, s.parentSiteCode.toUpperCase())
  }
  // A direct child link is certain; the roll-up and subtrees only place the sites below.
  for (const link of links) if (link.direction === 'child') parentOf.set(link.siteCode.toUpperCase(), own)
  const childrenOf = (parent: string, path: ReadonlySet<string>): SiteTreeNode[] =>
    [...parentOf]
      .filter(([code, p]) => p === parent && !path.has(code))
      .map(([code]) => code)
      .sort()
      .map((code) => node(code, 'child', childrenOf(code, new Set([...path, code]))))
  const node = (code: string, relation: SiteTreeNode['relation'], children: SiteTreeNode[]): SiteTreeNode => {
    const s = summary.get(code)
    return {
      siteCode: code,
      relation,
      status: s === undefined ? null : s.rolledUpStatus,
      unknownSince: s?.unknownSince ?? unknown.get(code) ?? null,
      children,
    }
  }
  const self = node(own, 'this site', childrenOf(own, new Set([own])))
  const parent = links.find((l) => l.direction === 'parent')
  if (parent === undefined) return self
  return {
    siteCode: parent.siteCode.toUpperCase(),
    relation: 'parent',
    status: null,
    unknownSince: parent.unknownSince,
    children: [self],
  }
}
