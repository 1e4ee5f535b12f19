/**
 * The agent's local API on a Unix socket (docs/agent.md): the activity as JSON and as a
 * server-sent event stream, user actions (request an install, cancel one's own request, snooze
 * or accept a restart), the SDK's `/mp/v1` routes so local reporters spool through the agent,
 * and administration for root. Peer credentials decide: root (and the agent's own account)
 * administers; a logged-on user or a member of the allowed group acts for itself; any other
 * local user reads and reports; an unknown peer only reads. Refusals answer 403 and are reported
 * to the site (42010).
 */
import { chmod, mkdir, rm } from 'node:fs/promises'
import type { IncomingMessage, ServerResponse } from 'node:http'
import { createServer } from 'node:http'
import path from 'node:path'
import type { AgentActivity, StatusMessageJson } from '@sitrep/protocol'
import {
  AGENT_MESSAGE_RANGES,
  InstallRequestSchema,
  parseStatusBatch,
  SnoozeRequestSchema,
  encodeStatusMessageJson,
} from '@sitrep/protocol'
import { z } from 'zod'
import type { Agent } from '../agent.ts'
import { agentReport } from '../core/agent-reports.ts'
import type { AgentErrorCode } from '../errors.ts'
import { AgentError } from '../errors.ts'
import type { ActingRights } from './local-rights.ts'
import { mayAct } from './local-rights.ts'
import type { Peer } from './peer-credentials.ts'
import { groupIdOf, readPeer } from './peer-credentials.ts'
import { LOGIND_SESSIONS_DIR, readLoginSessions, sessionUserIds } from './session-users.ts'

/** HTTP status of each agent error code, for the local API's one error handler. */
const STATUS_OF: Record<AgentErrorCode, number> = {
  invalid_config: 500,
  state_dir_unsafe: 500,
  not_registered: 503,
  policy_refused: 502,
  content_refused: 502,
  forbidden: 403,
  not_found: 404,
  invalid_request: 400,
  agent_unreachable: 503,
  agent_stopped: 503,
}

/** Largest request body the local API reads: 1 MiB. */
export const LOCAL_API_MAX_BODY_BYTES = 1024 * 1024

/** Options of {@link startLocalApi}. */
export interface LocalApiOptions {
  readonly agent: Agent
  /** e.g. `/run/sitrep/agent.sock`; the directory is made 0755, the socket 0666 (rights come from peer credentials). */
  readonly socketPath: string
  /** Who the peer is; tests may pass their own. */
  readonly identify?: (request: IncomingMessage) => Promise<Peer | null>
  /** The uid that administers besides root (the agent's own account). */
  readonly adminUid?: number
  /**
   * A group whose members may act (request installs, answer restarts) without a login
   * session, e.g. `sitrep-users`; by default only root and logged-on users may.
   */
  readonly allowGroup?: string
  /** Where logind keeps its session files (tests point it elsewhere). */
  readonly sessionsDir?: string
}

/** A listening local API. */
export interface LocalApi {
  readonly socketPath: string
  /** Sends a new snapshot to every open stream. */
  publish(activity: AgentActivity): void
  close(): Promise<void>
}

interface Caller {
  readonly peer: Peer | null
  readonly admin: boolean
}

const IndicatorReportSchema = z.object({
  messageId: z.number().int().min(AGENT_MESSAGE_RANGES.indicator.from).max(AGENT_MESSAGE_RANGES.indicator.to),
  insertionStrings: z.array(z.string().max(255)).max(10).default([]),
})

function readBody(request: IncomingMessage): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    let size = 0
    request.on('data', (chunk: Buffer) => {
      size += chunk.length
      if (size > LOCAL_API_MAX_BODY_BYTES) {
        reject(new AgentError('invalid_request', `the body is larger than ${LOCAL_API_MAX_BODY_BYTES} bytes`))
        request.destroy()
        return
      }
      chunks.push(chunk)
    })
    request.on('end', () => {
      if (size === 0) return resolve(undefined)
      try {
        resolve(JSON.parse(Buffer.concat(chunks).toString('utf8')))
      } catch {
        reject(new AgentError('invalid_request', 'the body is not JSON'))
      }
    })
    request.on('error', reject)
  })
}

function parse<T>(schema: z.ZodType<T>, value: unknown): T {
  const result = schema.safeParse(value ?? {})
  if (!result.success) throw new AgentError('invalid_request', z.prettifyError(result.error))
  return result.data
}

function send(response: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body)
  response.writeHead(status, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(text),
  })
  response.end(text)
}

/** Starts the local API; resolves once it listens. */
export async function startLocalApi(options: LocalApiOptions): Promise<LocalApi> {
  const { agent, socketPath } = options
  const identify = options.identify ?? ((request: IncomingMessage) => readPeer(request.socket))
  const adminUid = options.adminUid ?? process.getuid?.() ?? 0
  const streams = new Set<ServerResponse>()
  let allowedGroup: ActingRights['allowedGroup'] = null
  if (options.allowGroup !== undefined) {
    const gid = await groupIdOf(options.allowGroup)
    if (gid === null) {
      throw new AgentError(
        'invalid_config',
        `--allow-group ${options.allowGroup}: there is no such group on this machine; create it (groupadd ${options.allowGroup}) or leave the option out`,
      )
    }
    allowedGroup = { name: options.allowGroup, gid }
  }

  const refuse = async (caller: Caller, route: string, detail: string): Promise<never> => {
    await agent.raise(
      agentReport({
        kind: 'local_request_refused',
        route,
        userName: caller.peer?.userName ?? 'unknown',
        uid: caller.peer?.uid ?? -1,
        detail,
      }),
    )
    throw new AgentError('forbidden', detail)
  }

  const requireUser = async (caller: Caller, route: string): Promise<Peer> => {
    if (caller.peer === null)
      return refuse(caller, route, 'the agent cannot tell who is calling, so it only answers reads')
    return caller.peer
  }

  /** A caller who may act for itself: root, a logged-on user, or a member of the allowed group. */
  const requireActor = async (caller: Caller, route: string): Promise<Peer> => {
    const peer = await requireUser(caller, route)
    const sessions = await readLoginSessions(options.sessionsDir ?? LOGIND_SESSIONS_DIR)
    const verdict = mayAct(peer, caller.admin, { sessionUids: sessionUserIds(sessions), allowedGroup })
    if (!verdict.ok) return refuse(caller, route, verdict.detail)
    return peer
  }

  const route = async (request: IncomingMessage, response: ServerResponse, caller: Caller): Promise<void> => {
    const url = new URL(request.url ?? '/', 'http://agent')
    const key = `${request.method ?? 'GET'} ${url.pathname}`
    const cancelMatch = /^\/v1\/requests\/([^/]+)$/.exec(url.pathname)
    if (request.method === 'DELETE' && cancelMatch?.[1] !== undefined) {
      const peer = await requireUser(caller, key)
      try {
        await agent.cancel(decodeURIComponent(cancelMatch[1]), { uid: peer.uid, admin: caller.admin })
      } catch (error) {
        if (error instanceof AgentError && error.code === 'forbidden')
          await refuse(caller, key, error.message)
        throw error
      }
      return send(response, 200, { cancelled: true })
    }
    switch (key) {
      case 'GET /v1/activity':
        return send(response, 200, agent.activity())
      case 'GET /v1/activity/stream': {
        response.writeHead(200, {
          'content-type': 'text/event-stream',
          'cache-control': 'no-cache',
          connection: 'keep-alive',
        })
        response.write(`event: activity\ndata: ${JSON.stringify(agent.activity())}\n\n`)
        streams.add(response)
        const ping = setInterval(() => response.write(': ping\n\n'), 15_000)
        request.on('close', () => {
          clearInterval(ping)
          streams.delete(response)
        })
        return
      }
      case 'POST /v1/requests': {
        const peer = await requireActor(caller, key)
        const body = parse(InstallRequestSchema, await readBody(request))
        const reply = await agent.request({ ...body, userName: peer.userName, userUid: peer.uid })
        return send(response, 202, reply)
      }
      case 'POST /v1/restart/snooze': {
        await requireActor(caller, key)
        const body = parse(SnoozeRequestSchema, await readBody(request))
        return send(response, 200, { restart: await agent.snooze(body.minutes) })
      }
      case 'POST /v1/restart/accept': {
        const peer = await requireActor(caller, key)
        await agent.acceptRestart(peer.userName)
        return send(response, 202, { accepted: true })
      }
      case 'POST /v1/report': {
        const peer = await requireUser(caller, key)
        const body = parse(IndicatorReportSchema, await readBody(request))
        await agent.raise({
          severity: 'informational',
          messageId: body.messageId,
          module: 'Sitrep Agent',
          component: 'Sitrep Indicator',
          insertionStrings: body.insertionStrings,
          attributes: [{ id: 403, value: peer.userName }],
        })
        return send(response, 202, { accepted: true })
      }
      case 'GET /v1/jobs':
        if (!caller.admin) await refuse(caller, key, 'job details (with installer output) are for root')
        return send(response, 200, { jobs: agent.jobs() })
      case 'POST /v1/poll':
        if (!caller.admin) await refuse(caller, key, 'polling policy on demand is for root')
        await agent.pollNow()
        return send(response, 202, { polling: true })
      // The SDK's routes: local reporters hand their messages to the agent's spool.
      case 'GET /mp/v1/location':
        return send(response, 200, { siteCode: agent.activity().agent.siteCode ?? '', managementPoints: [] })
      case 'POST /mp/v1/registration': {
        const clientId = agent.activity().agent.clientId
        return send(response, 200, { status: 0, clientId: clientId ?? 'GUID:local-agent' })
      }
      case 'POST /mp/v1/status': {
        await requireUser(caller, key)
        const batch = parseStatusBatch(await readBody(request))
        const accepted: StatusMessageJson[] = batch.accepted.map((item) =>
          encodeStatusMessageJson(item.value),
        )
        await agent.relay(accepted)
        return send(response, 202, {
          results: [
            ...batch.accepted.map((item) => ({ index: item.index, id: item.value.id, status: 'accepted' })),
            ...batch.rejected.map((item) => ({ index: item.index, status: 'rejected', issues: item.issues })),
          ].sort((a, b) => a.index - b.index),
        })
      }
      default:
        throw new AgentError('not_found', `${key} is not a route of the agent's local API; see docs/agent.md`)
    }
  }

  const server = createServer((request, response) => {
    void (async () => {
      const peer = await identify(request)
      const caller: Caller = { peer, admin: peer !== null && (peer.uid === 0 || peer.uid === adminUid) }
      try {
        await route(request, response, caller)
      } catch (error) {
        if (response.headersSent) {
          response.end()
          return
        }
        if (error instanceof AgentError) {
          send(response, STATUS_OF[error.code], { error: { code: error.code, message: error.message } })
        } else {
          send(response, 500, {
            error: { code: 'internal', message: 'the agent failed to answer; see its log' },
          })
        }
      }
    })()
  })

  await mkdir(path.dirname(socketPath), { recursive: true, mode: 0o755 })
  await rm(socketPath, { force: true })
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(socketPath, () => resolve())
  })
  // Anyone local may connect; what they may do is decided per request from peer credentials.
  await chmod(socketPath, 0o666)

  return {
    socketPath,
    publish(activity) {
      const frame = `event: activity\ndata: ${JSON.stringify(activity)}\n\n`
      for (const stream of streams) stream.write(frame)
    },
    async close() {
      for (const stream of streams) stream.end()
      streams.clear()
      await new Promise<void>((resolve) => server.close(() => resolve()))
      server.closeAllConnections()
      await rm(socketPath, { force: true })
    },
  }
}
