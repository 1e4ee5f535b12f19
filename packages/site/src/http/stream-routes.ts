/**
 * `GET /api/v1/messages/stream?…filters`: server-sent events, one `message` event per newly
 * stored message that matches the filters of `GET /api/v1/messages` (`data:` is the same
 * message view), plus a `: ping` comment every 15 s so proxies keep the connection. The stream
 * ends when the client goes away or the site stops.
 */
import { streamMessages } from '@sitrep/api'
import type { StoredMessage } from '@sitrep/store'
import type { FastifyInstance } from 'fastify'
import { matchesMessageQuery } from './matches-message-query.ts'
import { toMessageListQuery } from './message-list-query.ts'
import { mountRoute } from './mount-route.ts'
import type { StoredMessageFeed } from './stored-message-feed.ts'

/** Default interval between `ping` comments: 15 s. */
export const STREAM_PING_MS = 15_000

/** What the stream route needs. */
export interface StreamRouteDeps {
  readonly feed: StoredMessageFeed
  /** The message view of `GET /api/v1/messages`. */
  readonly toView: (message: StoredMessage, locale: string | undefined) => unknown
  readonly pingIntervalMs?: number
}

/** Registers the live tail on the API scope. */
export function registerStreamRoutes(api: FastifyInstance, deps: StreamRouteDeps): void {
  const open = new Set<() => void>()
  // Open streams would keep `app.close()` waiting forever; end them as the site stops.
  api.addHook('preClose', (done) => {
    for (const end of [...open]) end()
    done()
  })

  mountRoute(api, streamMessages, (request, reply) => {
    const { query, locale } = toMessageListQuery(request.query, request.headers['accept-language'])
    const { beforeRecordId: _cursor, limit: _limit, ...filter } = query
    void reply.hijack()
    const raw = reply.raw
    raw.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache, no-transform',
      connection: 'keep-alive',
      'x-accel-buffering': 'no',
    })
    raw.write(': connected\n\n')
    const unsubscribe = deps.feed.subscribe((messages) => {
      for (const message of messages) {
        if (!matchesMessageQuery(filter, message)) continue
        raw.write(
          `event: message\nid: ${message.recordId}\ndata: ${JSON.stringify(deps.toView(message, locale))}\n\n`,
        )
      }
    })
    const ping = setInterval(() => raw.write(': ping\n\n'), deps.pingIntervalMs ?? STREAM_PING_MS)
    const end = (): void => {
      if (!open.delete(end)) return
      clearInterval(ping)
      unsubscribe()
      raw.end()
    }
    open.add(end)
    request.raw.on('close', end)
    raw.on('close', end)
  })
}
