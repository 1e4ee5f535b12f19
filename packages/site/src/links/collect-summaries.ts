/**
 * What a child sends up as summaries (docs/hierarchy.md "Summaries up"): its component counter
 * rows of the last eight days, for its own site code and every site under it, the shape of its
 * subtree (so the parent can mark the whole subtree when the child goes silent), and the storage
 * objects and deployment counts of itself and every site under it, per site code.
 */
import type { SiteLinkOperations, SummaryStore } from '@sitrep/store'
import { readDeploymentSummaries } from '../summarizers/deployment-summary.ts'
import { SUMMARY_KINDS, parseStorageStates } from '../summarizers/summary-state-codec.ts'
import { readChildDeployments, readChildStorage } from './child-summaries.ts'
import type { SummariesRequest } from './link-messages.ts'

const WINDOW_MS = 8 * 86_400_000

/** Reads the summaries this site sends to its parent. */
export async function collectSummaries(
  store: SiteLinkOperations & SummaryStore,
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
  const own = siteCode.toUpperCase()
  const storage = parseStorageStates(await store.listSummaries(SUMMARY_KINDS.storageState))
  const { summaries } = await readDeploymentSummaries(store)
  const childStorage = await readChildStorage(store)
  const childDeployments = await readChildDeployments(store)
  return {
    sites,
    componentCounts: rows.filter((r) => known.has(r.siteCode)),
    storage: [
      {
        siteCode: own,
        objects: storage.map((s) => ({
          reading: s.reading,
          checkedAt: s.checkedAt,
          status: s.status,
          thresholds: s.thresholds,
        })),
      },
      ...childStorage
        .filter((c) => known.has(c.siteCode))
        .map((c) => ({ siteCode: c.siteCode, objects: c.entries })),
    ],
    deployments: [
      {
        siteCode: own,
        deployments: summaries.map((s) => ({ ...s, notYetReported: s.notYetReported.length })),
      },
      ...childDeployments
        .filter((c) => known.has(c.siteCode))
        .map((c) => ({ siteCode: c.siteCode, deployments: c.entries })),
    ],
  }
}
