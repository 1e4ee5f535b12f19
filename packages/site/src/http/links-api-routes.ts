/**
 * `GET /api/v1/links` (each link's state, backlog per lane, last acknowledged entry, throughput)
 * and `POST /api/v1/links/:siteCode/approve` / `…/reject` for children waiting for approval
 * (docs/api.md "Site links", docs/hierarchy.md).
 */
import { formatIsoTime } from '@sitrep/protocol'
import type { SiteLink, SiteLinkStatus, SiteStore } from '@sitrep/store'
import type { FastifyInstance } from 'fastify'
import { MpError } from '../mp/mp-error.ts'

/** What the running parent link tells the API (absent on a site without a parent). */
export interface LinkRuntime {
  /** The sender's state: `enrolling`, `pending`, `rejected`, `connected`, `retrying`. */
  state(): string
  throughputPerMinute(): number
}

/** One link of `GET /api/v1/links`. */
export interface LinkView {
  readonly direction: SiteLink['direction']
  readonly siteCode: string
  readonly url: string
  readonly state: string
  readonly approval: SiteLinkStatus
  readonly backlog: { readonly high: number; readonly medium: number; readonly low: number }
  readonly lastAckedSeq: number
  readonly lastContactAt: string | null
  readonly throughputPerMinute: number
  readonly sent: number
  readonly deferredOverBudget: number
  readonly unknownSince: string | null
  readonly subtree: readonly string[]
}

/** Registers the link routes on the API scope. */
export function registerLinksApiRoutes(
  api: FastifyInstance,
  deps: { readonly store: SiteStore; readonly parentLink?: LinkRuntime },
): void {
  api.get('/api/v1/links', { config: { minRole: 'read-only-analyst' } }, async () => {
    const links = await deps.store.listSiteLinks()
    const views = await Promise.all(links.map((link) => toView(link, deps)))
    return { links: views }
  })

  const setStatus = (status: SiteLinkStatus) => async (request: { params: unknown }) => {
    const { siteCode } = request.params as { siteCode: string } // The route pattern guarantees :siteCode.
    const link = await deps.store.setSiteLinkStatus('child', siteCode.toUpperCase(), status)
    if (link === undefined)
      throw new MpError('not_found', `no child site ${siteCode.slice(0, 8)} has enrolled here`)
    return { link: await toView(link, deps) }
  }
  const operations = { config: { minRole: 'operations-administrator' } } as const
  api.post('/api/v1/links/:siteCode/approve', operations, setStatus('approved'))
  api.post('/api/v1/links/:siteCode/reject', operations, setStatus('rejected'))
}

async function toView(
  link: SiteLink,
  deps: { readonly store: SiteStore; readonly parentLink?: LinkRuntime },
): Promise<LinkView> {
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
    backlog,
    lastAckedSeq: link.lastAckedSeq,
    lastContactAt: link.lastContactAt === null ? null : formatIsoTime(link.lastContactAt),
    throughputPerMinute: isParent ? (deps.parentLink?.throughputPerMinute() ?? 0) : 0,
    sent: link.sentCount,
    deferredOverBudget: link.deferredCount,
    unknownSince: link.unknownSince === null ? null : formatIsoTime(link.unknownSince),
    subtree: link.subtree.map((s) => s.siteCode),
  }
}
