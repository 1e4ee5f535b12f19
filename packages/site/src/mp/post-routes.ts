/**
 * Routes of the Post endpoints: `POST /mp/v1/status`, `POST /mp/v1/status/unsigned` (only when
 * `mp.allowUnsigned`) and `POST /mp/v1/relay`. Each route authenticates, rate-limits, decodes
 * the body into a typed request, calls the endpoint handler and answers `202` with its reply.
 */
import { parseStateBatch, statusXmlToMessage, newMessageId } from '@sitrep/protocol'
import type { StateMessage } from '@sitrep/protocol'
import type { ClientRecord, StateMessageReport } from '@sitrep/store'
import type { FastifyInstance, FastifyRequest } from 'fastify'
import { authenticateRequest } from './authenticate-request.ts'
import type { RateLimiter } from './create-rate-limiter.ts'
import type { MpDeps } from './mp-deps.ts'
import type { MpSender, ParsedItem } from './post-reply.ts'
import {
  batchItems,
  bodyFormat,
  checkBatchSize,
  parseJsonBody,
  refuseBody,
  requireBody,
} from './read-body.ts'
import { handleRelay } from './relay-endpoint.ts'
import { stateMessageIdFor } from './state-message-id.ts'
import { handleStatus } from './status-endpoint.ts'
import { decodeStatusJsonBody, statusItemsOrThrow, toStatusCandidate } from './status-candidates.ts'
import type { StatusCandidate } from './status-candidates.ts'
import { mpIssue } from './field-issues.ts'
import { createSequenceAllocator } from './create-sequence-allocator.ts'

/** JSON status bodies of this size or more decode on a worker thread (docs/protocol.md). */
export const OFF_THREAD_JSON_BYTES = 16 * 1024

/** Per-client and per-address limiters of the Post routes. */
export interface PostRouteLimiters {
  readonly perClient: RateLimiter
  readonly perAddress: RateLimiter
}

/** Registers the Post routes on `app`. */
export function registerPostRoutes(app: FastifyInstance, deps: MpDeps, limiters: PostRouteLimiters): void {
  const sequences = createSequenceAllocator(deps.store)
  const authenticate = async (request: FastifyRequest, body: Buffer): Promise<ClientRecord> => {
    const header = (name: string): string | undefined => {
      const value = request.headers[name]
      return typeof value === 'string' ? value : undefined
    }
    const client = await authenticateRequest(
      {
        method: request.method,
        path: request.url.split('?')[0] ?? '',
        clientId: header('x-sitrep-client-id'),
        timestamp: header('x-sitrep-timestamp'),
        signature: header('x-sitrep-signature'),
        body,
      },
      { store: deps.store, clock: deps.clock, maxClockSkewMs: deps.config.maxClockSkewSeconds * 1000 },
    )
    limiters.perClient.check(client.clientId)
    deps.onClientSeen?.(client.clientId)
    return client
  }

  const decodeStatus = async (
    request: FastifyRequest,
    body: Buffer,
    sender: MpSender,
  ): Promise<readonly ParsedItem<StatusCandidate>[]> => {
    if (bodyFormat(request.headers['content-type']) === 'json') {
      // Large batches decode on a worker thread, so their parsing and field checks use the
      // other cores; small ones decode here, where a thread hop would cost more than it saves.
      const decoded =
        body.length >= OFF_THREAD_JSON_BYTES
          ? await deps.bodyDecoder.decodeStatusJson(body, deps.config.maxBatch)
          : decodeStatusJsonBody(body, deps.config.maxBatch)
      return statusItemsOrThrow(decoded)
    }
    const decoded = await deps.bodyDecoder.decode('status', body)
    if (!decoded.ok) refuseBody(decoded.issues)
    const now = deps.clock()
    const qualifier = (name: string): string | undefined =>
      decoded.value.qualifiers.find((q) => q.attributes.Name === name)?.text
    const client = sender.kind === 'client' ? sender.client : undefined
    const result = statusXmlToMessage(decoded.value, {
      id: newMessageId(now),
      origin: {
        kind: 'client',
        id: client?.clientId ?? `unsigned:${sender.kind === 'unsigned' ? sender.address : ''}`,
      },
      // Status XML carries no sequence; the MP numbers such messages per client.
      sequence: client === undefined ? 1 : await sequences.next(`xml:${client.clientId}`),
      machine: client?.machine ?? qualifier('MachineName') ?? 'unknown',
      siteCode: deps.siteCode,
      createdAt: now,
      component: qualifier('ApplicationName') ?? 'unknown',
    })
    return [
      result.ok
        ? { index: 0, ok: true, value: toStatusCandidate(result.value) }
        : { index: 0, ok: false, issues: result.issues },
    ]
  }

  app.post('/mp/v1/status', async (request, reply) => {
    const body = requireBody(request.body)
    const client = await authenticate(request, body)
    const sender: MpSender = { kind: 'client', client }
    const items = await decodeStatus(request, body, sender)
    const result = await handleStatus({ sender, items, fieldPrefix: statusPrefix(request) }, deps)
    return reply.code(202).send(result)
  })

  if (deps.config.allowUnsigned) {
    app.post('/mp/v1/status/unsigned', async (request, reply) => {
      limiters.perAddress.check(request.ip)
      const body = requireBody(request.body)
      const sender: MpSender = { kind: 'unsigned', address: request.ip }
      const items = await decodeStatus(request, body, sender)
      const result = await handleStatus({ sender, items, fieldPrefix: statusPrefix(request) }, deps)
      return reply.code(202).send(result)
    })
  }

  app.post('/mp/v1/relay', async (request, reply) => {
    const body = requireBody(request.body)
    const client = await authenticate(request, body)
    let items: ParsedItem<StateMessage>[]
    let fieldPrefix: (index: number) => string
    let report: StateMessageReport | undefined
    if (bodyFormat(request.headers['content-type']) === 'json') {
      const value = parseJsonBody(body)
      checkBatchSize(value, 'stateMessages', deps.config.maxBatch)
      items = batchItems(parseStateBatch(value))
      fieldPrefix = (i) => `stateMessages[${i}]`
    } else {
      const decoded = await decodeReport(body, client, deps)
      items = decoded.items
      report = decoded.report
      fieldPrefix = (i) => `Report.ReportBody.StateMessage[${i}]`
    }
    const result = await handleRelay(
      { client, items, fieldPrefix, ...(report === undefined ? {} : { report }) },
      deps,
    )
    return reply.code(202).send(result)
  })
}

function statusPrefix(request: FastifyRequest): (index: number) => string {
  return bodyFormat(request.headers['content-type']) === 'json' ? (i) => `messages[${i}]` : () => 'Status'
}

async function decodeReport(
  body: Buffer,
  client: ClientRecord,
  deps: MpDeps,
): Promise<{ items: ParsedItem<StateMessage>[]; report: StateMessageReport }> {
  const decoded = await deps.bodyDecoder.decode('report', body)
  if (!decoded.ok) refuseBody(decoded.issues)
  const { header, stateMessages } = decoded.value
  if (header.clientId.toLowerCase() !== client.clientId.toLowerCase()) {
    const field = 'Report.ReportHeader.Identification.Machine.ClientID'
    refuseBody([mpIssue(field, 'format', `${field} must be the signing client's ID ${client.clientId}`)])
  }
  if (stateMessages.length > deps.config.maxBatch)
    checkBatchSize({ stateMessages }, 'stateMessages', deps.config.maxBatch)
  const items = stateMessages.map((message, index): ParsedItem<StateMessage> => ({
    index,
    ok: true,
    value: {
      ...message,
      id: stateMessageIdFor(client.clientId, message),
      origin: { kind: 'client', id: client.clientId },
    },
  }))
  // What the client said about itself in the header is kept with each of its state messages.
  const report: StateMessageReport = {
    machine: header.netBiosName,
    clientVersion: header.clientVersion,
    codePage: header.codePage,
    localeId: header.systemDefaultLcid,
    priority: header.priority,
    reportedAt: header.date,
  }
  return { items, report }
}
