/**
 * What a child sends up as summaries (docs/hierarchy.md "Summaries up"): its component counter
 * rows of the last eight days, for its own site code and every site under it, and the shape of
 * its subtree, so the parent can mark the whole subtree when the child goes silent.
 */
import type { SiteStore } from '@sitrep/store'
import type { SummariesRequest } from './link-messages.ts'

const WINDOW_MS = 8 * 86_400_000

/** Reads the summaries this site sends to its parent. */
export async function collectSummaries(
  store: Pick<SiteStore, 'listSiteLinks' | 'componentCounts'>,
  siteCode: string,
  now: number,
): Promise<SummariesRequest> {
  const links = await store.listSiteLinks()
  const sites = links
    .filter((l) => l.direction === 'child' && l.status === 'approved')
    .flatMap((l) => [{ siteCode: l.siteCode, parentSiteCode: siteCode }, ...l.subtree])
  const known = new Set([siteCode, ...sites.map((s) => s.siteCode)])
  const hourStart = Math.floor((now - WINDOW_MS) / 3_600_000) * 3_600_000
  const rows = await store.componentCounts({ since: hourStart })
  return { sites, componentCounts: rows.filter((r) => known.has(r.siteCode)) }
}
