/**
 * The REST API behind authentication: registers every route group in one encapsulated scope
 * whose hooks check the caller and the route's least role, plus `GET /api/v1/messages` (stored
 * messages with filters, cursor pagination and rendered text), `GET /api/v1/clients`, and
 * `POST /api/v1/clients/:id/approve` / `…/reject`. The console and `sitrep` use them.
 */
import { approveClient, listClients, listMessages, listStateMessages, rejectClient } from '@sitrep/api'
import type { ClientView } from '@sitrep/api'
import type { Catalogue } from '@sitrep/protocol'
import { formatIsoTime } from '@sitrep/protocol'
import type { ClientRecord, ClientStatus, SiteStore, StoredMessage } from '@sitrep/store'
import type { FastifyInstance } from 'fastify'
import { createLoginLimiter } from './auth/login-limiter.ts'
import { registerAuth } from './auth/register-auth.ts'
import { registerExportRoutes } from './export-routes.ts'
import type { LinkRuntime } from './links-api-routes.ts'
import { registerLinksApiRoutes } from './links-api-routes.ts'
import { registerLossRoutes } from './loss-routes.ts'
import { registerNotificationRoutes } from './notification-routes.ts'
import { toMessageListQuery } from './message-list-query.ts'
import { toMessagePage, toMessageView } from './message-view.ts'
import { mountRoute } from './mount-route.ts'
import { registerQueryRoutes } from './query-routes.ts'
import { RequestError } from './request-error.ts'
import { registerRulesRoutes } from './rules-routes.ts'
import { registerSessionRoutes } from './session-routes.ts'
import { toStateMessagePage, toStateMessageQuery } from './state-message-view.ts'
import { createStoredMessageFeed } from './stored-message-feed.ts'
import type { StoredMessageFeed } from './stored-message-feed.ts'
import { registerStreamRoutes } from './stream-routes.ts'
import { registerProviderRoutes } from './provider-routes.ts'
import type { ProviderRouteDeps } from './provider-routes.ts'
import { registerSummaryRoutes } from './summary-routes.ts'
import type { SummaryRouteDeps } from './summary-routes.ts'
import { registerTokensRoutes } from './tokens-routes.ts'
import { registerUsersRoutes } from './users-routes.ts'
import type { DistributionApiDeps } from '../distribution/distribution-api-deps.ts'
import { registerDistributionApiRoutes } from '../distribution/distribution-api-routes.ts'

/** What the API routes need. */
export interface ApiDeps {
  readonly store: SiteStore
  readonly catalogue: Catalogue
  /** The local administrator token (full administrator); users log in or use issued tokens. */
  readonly adminToken: string
  /** Epoch ms for sessions, tokens and users; default `Date.now`. */
  readonly clock?: () => number
  /** Newly stored messages, for the live tail; without it the stream only pings. */
  readonly storedMessages?: StoredMessageFeed
  /** Interval of the live tail's `ping` comments; default 15 s. */
  readonly streamPingMs?: number
  /** The running link to the parent site, for `GET /api/v1/links` (none at the top). */
  readonly parentLink?: LinkRuntime
  /** The summarizers' settings and reporter; without them the `/api/v1/summaries` routes are absent. */
  readonly summaries?: Omit<SummaryRouteDeps, 'store' | 'catalogue' | 'clock'>
  /** The site's reporter for the provider endpoint; without it `POST /api/v1/messages` is absent. */
  readonly provider?: ProviderRouteDeps
  /** Software distribution; without it the application, collection and deployment routes are absent. */
  readonly distribution?: Omit<DistributionApiDeps, 'store' | 'clock'>
}

/** Registers the API routes in an encapsulated context whose every route needs the token. */
export function registerApiRoutes(app: FastifyInstance, deps: ApiDeps): void {
  void app.register((api, _options, done) => {
    const clock = deps.clock ?? Date.now
    registerAuth(api, { store: deps.store, adminToken: deps.adminToken, clock })
    registerSessionRoutes(api, { store: deps.store, clock, loginLimiter: createLoginLimiter(clock) })
    registerRulesRoutes(api, deps)
    registerLossRoutes(api, deps)
    registerNotificationRoutes(api, deps)
    registerLinksApiRoutes(api, deps)
    registerUsersRoutes(api, { store: deps.store, clock })
    registerTokensRoutes(api, { store: deps.store, clock })
    const streamPing = deps.streamPingMs === undefined ? {} : { pingIntervalMs: deps.streamPingMs }
    const toView = (m: StoredMessage, locale: string | undefined) => toMessageView(m, deps.catalogue, locale)
    registerStreamRoutes(api, {
      feed: deps.storedMessages ?? createStoredMessageFeed(),
      toView,
      ...streamPing,
    })
    registerQueryRoutes(api, { ...deps, clock })
    registerExportRoutes(api, deps)
    if (deps.summaries !== undefined) registerSummaryRoutes(api, { ...deps, ...deps.summaries, clock })
    if (deps.provider !== undefined) registerProviderRoutes(api, deps.provider)
    if (deps.distribution !== undefined)
      registerDistributionApiRoutes(api, { ...deps.distribution, store: deps.store, clock })

    mountRoute(api, listMessages, async (request) => {
      const { query, locale } = toMessageListQuery(request.query, request.headers['accept-language'])
      const messages = await deps.store.listMessages(query)
      return toMessagePage(messages, request.query.limit, (m) => toView(m, locale))
    })

    mountRoute(api, listStateMessages, async (request) => {
      const stored = await deps.store.listStateMessages(toStateMessageQuery(request.query))
      return toStateMessagePage(stored, request.query.limit)
    })

    mountRoute(api, listClients, async () => ({
      clients: (await deps.store.listClients()).map(toClientView),
    }))

    const setStatus = async (id: string, status: ClientStatus) => {
      const client = await deps.store.setClientStatus(id, status)
      if (client === undefined)
        throw new RequestError('not_found', `client ${id.slice(0, 64)} is not registered here`)
      // An approved client joins its collections at once, as one approved at registration does.
      if (status === 'approved') await deps.distribution?.runtime.clientReported(client, undefined)
      return { client: toClientView(client) }
    }
    mountRoute(api, approveClient, (request) => setStatus(request.params.id, 'approved'))
    mountRoute(api, rejectClient, (request) => setStatus(request.params.id, 'rejected'))
    done()
  })
}

function toClientView(client: ClientRecord): ClientView {
  return {
    clientId: client.clientId,
    publicKey: client.publicKey,
    machine: client.machine,
    fqdn: client.fqdn,
    localeId: client.localeId,
    agentIdentity: client.agentIdentity,
    agentVersion: client.agentVersion,
    agentType: client.agentType,
    status: client.status,
    registeredAt: formatIsoTime(client.registeredAt),
    lastSeenAt: client.lastSeenAt === null ? null : formatIsoTime(client.lastSeenAt),
  }
}
