/**
 * The local page: the indicator's view as a web page on 127.0.0.1, for the logged-on user
 * only (a per-session token, handed over in an owner-only file and kept in an HttpOnly,
 * SameSite=Strict cookie), with the catalogue (install → queued with position), progress
 * bars, the restart countdown and screen-reader announcements. It is also the view for
 * desktops that show no tray icons.
 *
 * Routes: `GET /` (the page; `?token=` once, then the cookie), `/page.css`, `/page.js`,
 * `GET /api/view` (the view as JSON), `GET /api/events` (server-sent `view` events with the
 * content HTML and the announcement), `POST /api/install|cancel|snooze|restart`.
 */
import type { IncomingMessage, ServerResponse } from 'node:http'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { AgentRefusedError, IndicatorError } from '../errors.ts'
import type { IndicatorView } from '../presenter/indicator-view.ts'
import type { IndicatorLocale } from '../presenter/locale.ts'
import { createFormats } from '../presenter/formats.ts'
import { presentRequestReply, textsFor } from '../presenter/present-indicator.ts'
import type { IndicatorSession } from '../session/indicator-session.ts'
import type { UserActions } from '../session/user-actions.ts'
import { PAGE_CSS, PAGE_JS } from './page-assets.ts'
import { isPageToken } from './page-token.ts'
import { renderPageContent, renderPageDocument } from './render-page.ts'

/** The cookie that carries the token after the first visit. */
export const PAGE_COOKIE = 'sitrep_indicator'
/** Largest action body the page reads. */
const MAX_BODY_BYTES = 4096

/** Options of {@link startLocalPage}. */
export interface LocalPageOptions {
  readonly session: Pick<IndicatorSession, 'view' | 'subscribe'>
  readonly actions: UserActions
  readonly locale: IndicatorLocale
  readonly clock: () => number
  readonly token: string
  /** 0 picks a free port. */
  readonly port?: number
  /** How long the answer to an action stays on the page at most (default 20 s); a change of state clears it sooner. */
  readonly feedbackClearMs?: number
}

/** A listening page. */
export interface LocalPage {
  /** `http://127.0.0.1:<port>/?token=…`: the address to open once. */
  readonly url: string
  readonly port: number
  close(): Promise<void>
}

const SECURITY_HEADERS = {
  'content-security-policy':
    "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
  'x-content-type-options': 'nosniff',
  // The first address carries the token; it must not leak to another site.
  'referrer-policy': 'no-referrer',
  'cache-control': 'no-store',
}

function cookieToken(request: IncomingMessage): string | undefined {
  for (const part of (request.headers.cookie ?? '').split(';')) {
    const [name, ...rest] = part.trim().split('=')
    if (name === PAGE_COOKIE) return rest.join('=')
  }
  return undefined
}

function reply(
  response: ServerResponse,
  status: number,
  type: string,
  body: string,
  extra: Record<string, string> = {},
): void {
  response.writeHead(status, {
    ...SECURITY_HEADERS,
    'content-type': type,
    'content-length': Buffer.byteLength(body),
    ...extra,
  })
  response.end(body)
}

function json(response: ServerResponse, status: number, value: unknown): void {
  reply(response, status, 'application/json; charset=utf-8', JSON.stringify(value))
}

function readJson(request: IncomingMessage): Promise<Record<string, unknown>> {
  return new Promise((resolve, reject) => {
    let text = ''
    request.setEncoding('utf8')
    request.on('data', (chunk: string) => {
      text += chunk
      if (text.length > MAX_BODY_BYTES) request.destroy(new Error('the request body is too large'))
    })
    request.on('end', () => {
      try {
        const value: unknown = text === '' ? {} : JSON.parse(text)
        resolve(typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {})
      } catch (error) {
        reject(error instanceof Error ? error : new Error(String(error)))
      }
    })
    request.on('error', reject)
  })
}

/** The SSE frame of one view: the content HTML and what to announce. */
function viewFrame(view: IndicatorView): string {
  return `event: view\ndata: ${JSON.stringify({ html: renderPageContent(view), announcement: view.announcement })}\n\n`
}

/** Starts the page on 127.0.0.1; resolves once it listens. */
export async function startLocalPage(options: LocalPageOptions): Promise<LocalPage> {
  const { session, actions, locale, clock, token } = options
  const t = textsFor(locale)
  const streams = new Set<ServerResponse>()
  let port = 0

  const unsubscribe = session.subscribe((view) => {
    const frame = viewFrame(view)
    for (const stream of streams) stream.write(frame)
  })

  const allowedHosts = (): string[] => [`127.0.0.1:${port}`, `localhost:${port}`]

  const act = async (route: string, body: Record<string, unknown>): Promise<string> => {
    const view = session.view()
    switch (route) {
      case '/api/install': {
        const app = view.catalogue.find((a) => a.deploymentId === body.deploymentId)
        if (app === undefined)
          throw new IndicatorError('agent_refused', `no application ${String(body.deploymentId)} is offered`)
        const answer = await actions.requestInstall({ deploymentId: app.deploymentId, name: app.name })
        return presentRequestReply(answer, app.name, { locale, now: clock() })
      }
      case '/api/snooze': {
        const minutes = Number(body.minutes)
        if (view.restart === null || !view.restart.snoozeOptions.some((o) => o.minutes === minutes))
          throw new IndicatorError(
            'agent_refused',
            `snoozing by ${String(body.minutes)} minutes is not offered now`,
          )
        const restart = await actions.snooze(minutes, view.restart.deadline)
        return restart.snoozedUntil === null
          ? ''
          : t.restartSnoozed(createFormats(locale, t).time(restart.snoozedUntil, clock()))
      }
      case '/api/cancel': {
        const request = view.yourRequests.find((q) => q.jobId === body.jobId)
        if (request === undefined)
          throw new IndicatorError(
            'agent_refused',
            `no request ${String(body.jobId)} of yours is waiting; it may have started already`,
          )
        await actions.cancelRequest({ jobId: request.jobId, applicationName: request.applicationName })
        return t.outcome('cancelled', request.action, request.applicationName, null)
      }
      case '/api/restart':
        if (view.restart === null)
          throw new IndicatorError('agent_refused', 'no restart or logoff is pending')
        await actions.restartNow(view.restart.kind)
        return ''
      default:
        throw new IndicatorError('agent_refused', `${route} is not an action of the page`)
    }
  }

  const handle = async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    // A page on another site may point a name it controls at 127.0.0.1 (DNS rebinding): only
    // our own host names are answered.
    if (!allowedHosts().includes(request.headers.host ?? ''))
      return reply(response, 403, 'text/plain', 'wrong host\n')
    const url = new URL(request.url ?? '/', `http://127.0.0.1:${port}`)
    const queryToken = url.searchParams.get('token') ?? undefined
    if (request.method === 'GET' && url.pathname === '/' && isPageToken(token, queryToken)) {
      // Trade the address's token for a cookie and drop it from the address bar.
      return reply(response, 303, 'text/plain', 'see /\n', {
        location: '/',
        'set-cookie': `${PAGE_COOKIE}=${token}; HttpOnly; SameSite=Strict; Path=/`,
      })
    }
    if (!isPageToken(token, cookieToken(request))) {
      return reply(
        response,
        401,
        'text/plain; charset=utf-8',
        'This page belongs to the session of the user logged on at this computer. Open the address that `sitrep indicator` printed (also in $XDG_RUNTIME_DIR/sitrep/indicator-page.url).\n',
      )
    }
    const key = `${request.method ?? 'GET'} ${url.pathname}`
    switch (key) {
      case 'GET /':
        return reply(
          response,
          200,
          'text/html; charset=utf-8',
          renderPageDocument(session.view(), options.feedbackClearMs),
        )
      case 'GET /page.css':
        return reply(response, 200, 'text/css; charset=utf-8', PAGE_CSS)
      case 'GET /page.js':
        return reply(response, 200, 'text/javascript; charset=utf-8', PAGE_JS)
      case 'GET /api/view':
        return json(response, 200, session.view())
      case 'GET /api/events': {
        response.writeHead(200, {
          ...SECURITY_HEADERS,
          'content-type': 'text/event-stream',
          connection: 'keep-alive',
        })
        response.write(viewFrame(session.view()))
        streams.add(response)
        request.on('close', () => streams.delete(response))
        return
      }
      default:
        break
    }
    if (request.method === 'POST' && url.pathname.startsWith('/api/')) {
      // The cookie is SameSite=Strict; the origin check refuses any other page's request too.
      const origin = request.headers.origin
      if (origin !== undefined && !allowedHosts().some((h) => origin === `http://${h}`))
        return json(response, 403, { text: t.actionFailed(`requests from ${origin} are refused`) })
      if (!(request.headers['content-type'] ?? '').startsWith('application/json'))
        return json(response, 415, { text: t.actionFailed('the request must be JSON') })
      try {
        return json(response, 200, { text: await act(url.pathname, await readJson(request)) })
      } catch (error) {
        const status =
          error instanceof AgentRefusedError ? error.status : error instanceof IndicatorError ? 400 : 500
        const message = error instanceof Error ? error.message : String(error)
        return json(response, status === 500 ? 502 : status, { text: t.actionFailed(message) })
      }
    }
    return reply(response, 404, 'text/plain', `${key} is not a page of the indicator\n`)
  }

  const server = createServer((request, response) => {
    handle(request, response).catch(() => {
      if (!response.headersSent) reply(response, 500, 'text/plain', 'the indicator failed to answer\n')
      else response.end()
    })
  })
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve())
  })
  // A TCP listener's address is always an AddressInfo (a string only for pipes).
  port = (server.address() as AddressInfo).port
  return {
    url: `http://127.0.0.1:${port}/?token=${token}`,
    port,
    async close() {
      unsubscribe()
      for (const stream of streams) stream.end()
      streams.clear()
      server.closeAllConnections()
      await new Promise<void>((resolve) => server.close(() => resolve()))
    },
  }
}
