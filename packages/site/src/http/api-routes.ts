/**
 * The REST API behind the administrator token: `GET /api/v1/messages` (stored messages with
 * filters, cursor pagination and rendered text), `GET /api/v1/clients`, and
 * `POST /api/v1/clients/:id/approve` / `…/reject`. The console and `sitrep` use them.
 */
import { encodeStatusMessageJson, formatIsoTime, renderMessage } from '@sitrep/protocol'
import type { Catalogue, StatusMessageJson } from '@sitrep/protocol'
import type { ClientRecord, ClientStatus, SiteStore, StoredMessage } from '@sitrep/store'
import type { FastifyInstance } from 'fastify'
import { MpError } from '../mp/mp-error.ts'
import { isAdminAuthorized } from './admin-token.ts'
import { parseMessageListQuery } from './message-list-query.ts'

/** What the API routes need. */
export interface ApiDeps {
  readonly store: SiteStore
  readonly catalogue: Catalogue
  /** The administrator token every API route (except health) requires. */
  readonly adminToken: string
}

/** One message of `GET /api/v1/messages`. */
export interface MessageView extends StatusMessageJson {
  readonly recordId: number
  readonly receivedAt: string
  readonly deleteAfter: string | null
  readonly trusted: boolean
  readonly text: string
  readonly known: boolean
}

/** One client of `GET /api/v1/clients`. */
export interface ClientView extends Omit<ClientRecord, 'registeredAt' | 'lastSeenAt'> {
  readonly registeredAt: string
  readonly lastSeenAt: string | null
}

/** Registers the API routes in an encapsulated context whose every route needs the token. */
export function registerApiRoutes(app: FastifyInstance, deps: ApiDeps): void {
  void app.register((api, _options, done) => {
    api.addHook('onRequest', (request, _reply, next) => {
      if (isAdminAuthorized(request.headers.authorization, deps.adminToken)) {
        next()
        return
      }
      next(
        new MpError(
          'unauthorized',
          'send Authorization: Bearer <token>; `sitrep token` prints the local administrator token',
        ),
      )
    })

    api.get('/api/v1/messages', async (request) => {
      const acceptLanguage = request.headers['accept-language']
      const { query, locale } = parseMessageListQuery(request.query, acceptLanguage)
      const messages = await deps.store.listMessages(query)
      const last = messages.at(-1)
      return {
        messages: messages.map((m) => toMessageView(m, deps.catalogue, locale)),
        nextCursor: last !== undefined && messages.length === query.limit ? last.recordId : null,
      }
    })

    api.get('/api/v1/clients', async () => ({ clients: (await deps.store.listClients()).map(toClientView) }))

    const setStatus = (status: ClientStatus) => async (request: { params: unknown }) => {
      const { id } = request.params as { id: string } // The route pattern guarantees the :id parameter.
      const client = await deps.store.setClientStatus(id, status)
      if (client === undefined)
        throw new MpError('not_found', `client ${id.slice(0, 64)} is not registered here`)
      return { client: toClientView(client) }
    }
    api.post('/api/v1/clients/:id/approve', setStatus('approved'))
    api.post('/api/v1/clients/:id/reject', setStatus('rejected'))
    done()
  })
}

function toMessageView(
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
  }
}

function toClientView(client: ClientRecord): ClientView {
  return {
    ...client,
    registeredAt: formatIsoTime(client.registeredAt),
    lastSeenAt: client.lastSeenAt === null ? null : formatIsoTime(client.lastSeenAt),
  }
}
