/**
 * Site status routes: storage objects of the site systems, the roll-up per site and the severity
 * histogram (docs/api.md "Summaries"). The roll-up and the histogram are computed by pure
 * functions of `summarizers/`; these handlers read the store and hand over.
 */
import { getSeverityHistogram, listSiteSummaries, listSiteSystems } from '@sitrep/api'
import type { StorageObjectView } from '@sitrep/api'
import type { SummaryStatus } from '@sitrep/core'
import { hourStartOf } from '@sitrep/core'
import { formatIsoTime } from '@sitrep/protocol'
import type { FastifyInstance } from 'fastify'
import { readChildStorage } from '../links/child-summaries.ts'
import type { StorageSummaryJson } from '../links/link-messages.ts'
import { subtreeSites } from '../links/subtree-summaries.ts'
import { readComponentSummaries } from '../summarizers/component-summaries.ts'
import { severityHistogram } from '../summarizers/severity-histogram.ts'
import { siteSummaryViews } from '../summarizers/site-summary-views.ts'
import { SUMMARY_KINDS, parseStorageStates } from '../summarizers/summary-state-codec.ts'
import { mountRoute } from './mount-route.ts'
import type { SummaryRouteDeps } from './summary-route-deps.ts'

const HOUR_MS = 3_600_000

/** A storage object as `GET /api/v1/summaries/site-systems` shows it. */
function storageObjectView(
  siteCode: string,
  s: Pick<StorageSummaryJson, 'reading' | 'checkedAt' | 'thresholds'> & { readonly status: SummaryStatus },
): StorageObjectView {
  const { bytesFree, bytesTotal } = s.reading
  return {
    siteCode,
    siteSystem: s.reading.siteSystem,
    object: s.reading.object,
    kind: s.reading.kind,
    bytesFree,
    bytesTotal,
    percentFree:
      bytesFree === null || bytesTotal === null || bytesTotal <= 0
        ? null
        : Math.round((bytesFree / bytesTotal) * 1000) / 10,
    status: s.status,
    accessible: s.reading.accessible,
    thresholds: {
      warningBytes: s.thresholds.warningFreeKb * 1024,
      criticalBytes: s.thresholds.criticalFreeKb * 1024,
    },
    checkedAt: formatIsoTime(s.checkedAt),
  }
}

/** Registers the site status routes on the API scope. */
export function registerSiteSummaryRoutes(api: FastifyInstance, deps: SummaryRouteDeps): void {
  const clock = deps.clock ?? Date.now

  mountRoute(api, listSiteSystems, async () => {
    const own = parseStorageStates(await deps.store.listSummaries(SUMMARY_KINDS.storageState))
    // This site's objects, then those its children sent up for themselves and their subtrees.
    const ownCode = deps.settings.siteCode.toUpperCase()
    return {
      objects: [
        ...own.map((s) => storageObjectView(ownCode, s)),
        ...(await readChildStorage(deps.store)).flatMap((c) =>
          c.entries.map((s) => storageObjectView(c.siteCode, s)),
        ),
      ],
    }
  })

  mountRoute(api, listSiteSummaries, async () => {
    const { rows } = await readComponentSummaries(deps.store, deps.settings, {
      window: deps.settings.thresholdPeriod,
      now: clock(),
    })
    const siteCode = deps.settings.siteCode.toUpperCase()
    return {
      sites: siteSummaryViews({
        siteCode,
        parentSiteCode: deps.parentSiteCode,
        components: rows,
        storage: parseStorageStates(await deps.store.listSummaries(SUMMARY_KINDS.storageState)),
        childStorage: new Map((await readChildStorage(deps.store)).map((c) => [c.siteCode, c.entries])),
        below: subtreeSites(await deps.store.listSiteLinks(), siteCode),
      }),
    }
  })

  mountRoute(api, getSeverityHistogram, async (request) => {
    const q = request.query
    const last = hourStartOf(clock())
    const first = last - (q.hours - 1) * HOUR_MS
    const counters = await deps.store.componentCounts({
      since: first,
      ...(q.siteCode === undefined ? {} : { siteCode: q.siteCode }),
    })
    return { buckets: severityHistogram(counters, first, last) }
  })
}
