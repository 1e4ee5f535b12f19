/**
 * `GET /api/v1/links` (each link's state, backlog per lane, last acknowledged entry, throughput)
 * and `POST /api/v1/links/:siteCode/approve` / `…/reject` for children waiting for approval
 * (docs/api.md "Site links", docs/hierarchy.md).
 */
import { approveLink, listLinks, rejectLink } from '@sitrep/api'
import type { SiteLinkView } from '@sitrep/api'
import { formatIsoTime } from '@sitrep/protocol'
import type { SiteLink, SiteLinkStatus, SiteStore } from '@sitrep/store'
import type { FastifyInstance } from 'fastify'
import { mountRoute } from './mount-route.ts'
import { RequestError } from './request-error.ts'

/** What the running parent link tells the API (absent on a site without a parent). */
export interface LinkRuntime {
  /** The sender's state: `enrolling`, `pending`, `rejected`, `connected`, `retrying`. */
  state(): string
  throughputPerMinute(): number
  /** Told when an approval through the API changed the sites under this one. */
  subtreeChanged?(): void
}

/** Registers the link routes on the API scope. */
export function registerLinksApiRoutes(
  api: FastifyInstance,
  deps: { readonly store: SiteStore; readonly parentLink?: LinkRuntime },
): void {
  mountRoute(api, listLinks, async () => {
    const links = await deps.store.listSiteLinks()
    const views = await Promise.all(links.map((link) => toView(link, deps)))
    return { links: views }
  })

  const setStatus = async (siteCode: string, status: SiteLinkStatus) => {
    const link = await deps.store.setSiteLinkStatus('child', siteCode.toUpperCase(), status)
    if (link === undefined)
      throw new RequestError('not_found', `no child site ${siteCode.slice(0, 8)} has enrolled here`)
    deps.parentLink?.subtreeChanged?.()
    return { link: await toView(link, deps) }
  }
  mountRoute(api, approveLink, (request) => setStatus(request.params.siteCode, 'approved'))
  mountRoute(api, rejectLink, (request) => setStatus(request.params.siteCode, 'rejected'))
}

async function toView(
  link: SiteLink,
  deps: { readonly store: SiteStore; readonly parentLink?: LinkRuntime },
): Promise<SiteLinkView> {
  const isParent = link.direction === 'parent'
  const backlog = isParent
    ? await deps.store.replicationBacklog(link.siteCode)
    : { high: 0, medium: 0, low: 0 }
  const childState =
    link.unknownSince !== null ? 'unknown' : link.status === 'approved' ? 'connected' : link.status
  return {
    direction: link.direction,
    siteCode: link.siteCode,
    url: link.url,
    state: isParent ? (deps.parentLink?.state() ?? link.status) : childState,
    approval: link.status,
    backlog: { high: backlog.high, medium: backlog.medium, low: backlog.low },
    lastAckedSeq: link.lastAckedSeq,
    lastContactAt: link.lastContactAt === null ? null : formatIsoTime(link.lastContactAt),
    throughputPerMinute: isParent ? (deps.parentLink?.throughputPerMinute() ?? 0) : 0,
    sent: link.sentCount,
    deferredOverBudget: link.deferredCount,
    unknownSince: link.unknownSince === null ? null : formatIsoTime(link.unknownSince),
    subtree: link.subtree.map((s) => s.siteCode),
  }
}
