/**
 * The REST API behind the administrator token: `GET /api/v1/messages` (stored messages with
 * filters, cursor pagination and rendered text), `GET /api/v1/clients`, and
 * `POST /api/v1/clients/:id/approve` / `…/reject`. The console and `sitrep` use them.
 */
import { attributeName, encodeStatusMessageJson, formatIsoTime, renderMessage } from '@sitrep/protocol'
import type { Catalogue, StatusMessageJson } from '@sitrep/protocol'
import type { ClientRecord, ClientStatus, SiteStore, StoredMessage } from '@sitrep/store'
import type { FastifyInstance } from 'fastify'
import { MpError } from '../mp/mp-error.ts'
import { createLoginLimiter } from './auth/login-limiter.ts'
import { registerAuth } from './auth/register-auth.ts'
import type { LinkRuntime } from './links-api-routes.ts'
import { registerLinksApiRoutes } from './links-api-routes.ts'
import { registerLossRoutes } from './loss-routes.ts'
import { parseMessageListQuery } from './message-list-query.ts'
import { registerRulesRoutes } from './rules-routes.ts'
import { registerSessionRoutes } from './session-routes.ts'
import { createStoredMessageFeed } from './stored-message-feed.ts'
import type { StoredMessageFeed } from './stored-message-feed.ts'
import { registerStreamRoutes } from './stream-routes.ts'
import { registerExportRoutes } from './export-routes.ts'
import { registerQueryRoutes } from './query-routes.ts'
import { registerSummaryRoutes } from './summary-routes.ts'
import type { SummaryRouteDeps } from './summary-routes.ts'
import { registerTokensRoutes } from './tokens-routes.ts'
import { registerUsersRoutes } from './users-routes.ts'

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
}

/** One message of `GET /api/v1/messages`. */
export interface MessageView extends StatusMessageJson {
  readonly recordId: number
  readonly receivedAt: string
  readonly deleteAfter: string | null
  readonly trusted: boolean
  readonly text: string
  readonly known: boolean
  /** Names of the attribute IDs the message carries, e.g. `{ "401": "Advertisement / deployment ID" }`. */
  readonly attributeNames: Readonly<Record<string, string>>
}

/** One client of `GET /api/v1/clients`. */
export interface ClientView extends Omit<ClientRecord, 'registeredAt' | 'lastSeenAt'> {
  readonly registeredAt: string
  readonly lastSeenAt: string | null
}

/** Registers the API routes in an encapsulated context whose every route needs the token. */
export function registerApiRoutes(app: FastifyInstance, deps: ApiDeps): void {
  void app.register((api, _options, done) => {
    const clock = deps.clock ?? Date.now
    registerAuth(api, { store: deps.store, adminToken: deps.adminToken, clock })
    registerSessionRoutes(api, { store: deps.store, clock, loginLimiter: createLoginLimiter(clock) })
    registerRulesRoutes(api, deps)
    registerLossRoutes(api, deps)
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

    api.get('/api/v1/messages', { config: { minRole: 'read-only-analyst' } }, async (request) => {
      const acceptLanguage = request.headers['accept-language']
      const { query, locale } = parseMessageListQuery(request.query, acceptLanguage)
      const messages = await deps.store.listMessages(query)
      const last = messages.at(-1)
      return {
        messages: messages.map((m) => toMessageView(m, deps.catalogue, locale)),
        nextCursor: last !== undefined && messages.length === query.limit ? last.recordId : null,
      }
    })

    api.get('/api/v1/clients', { config: { minRole: 'read-only-analyst' } }, async () => ({
      clients: (await deps.store.listClients()).map(toClientView),
    }))

    const setStatus = (status: ClientStatus) => async (request: { params: unknown }) => {
      const { id } = request.params as { id: string } // The route pattern guarantees the :id parameter.
      const client = await deps.store.setClientStatus(id, status)
      if (client === undefined)
        throw new MpError('not_found', `client ${id.slice(0, 64)} is not registered here`)
      return { client: toClientView(client) }
    }
    const operations = { config: { minRole: 'operations-administrator' } } as const
    api.post('/api/v1/clients/:id/approve', operations, setStatus('approved'))
    api.post('/api/v1/clients/:id/reject', operations, setStatus('rejected'))
    done()
  })
}

/** Renders a stored message for the API (also used by the query, summary and export routes). */
export function toMessageView(
  message: StoredMessage,
  catalogue: Catalogue,
  locale: string | undefined,
): MessageView {
  const rendered = renderMessage(catalogue, message, locale === undefined ? {} : { locale })
  return {
    ...encodeStatusMessageJson(message),
    recordId: message.recordId,
    receivedAt: formatIsoTime(message.receivedAt),
    deleteAfter: message.deleteAfter === null ? null : formatIsoTime(message.deleteAfter),
    trusted: message.trusted,
    text: rendered.text,
    known: rendered.known,
    attributeNames: Object.fromEntries(
      message.attributes.flatMap((a) => {
        const name = attributeName(a.id)
        return name === undefined ? [] : [[String(a.id), name]]
      }),
    ),
  }
}

function toClientView(client: ClientRecord): ClientView {
  return {
    ...client,
    registeredAt: formatIsoTime(client.registeredAt),
    lastSeenAt: client.lastSeenAt === null ? null : formatIsoTime(client.lastSeenAt),
  }
}
