/**
 * The management point's software-distribution routes (docs/protocol.md "Policy and content"):
 * policy assignments with a version fast path, signed policy bodies, content by hash with
 * ranges, and content location. Every route is signed by a registered, approved client, and a
 * client sees only its own assignments, bodies and content.
 */
import { createReadStream } from 'node:fs'
import { ContentLocationRequestSchema, PolicyAssignmentsRequestSchema } from '@sitrep/protocol'
import type { ContentLocationReply, PolicyAssignmentsReply } from '@sitrep/protocol'
import type { ClientRecord } from '@sitrep/store'
import type { FastifyInstance, FastifyRequest } from 'fastify'
import { authenticateRequest } from '../mp/authenticate-request.ts'
import type { RateLimiter } from '../mp/create-rate-limiter.ts'
import { zodToFieldIssues } from '../mp/field-issues.ts'
import type { MpDeps } from '../mp/mp-deps.ts'
import { MpError } from '../mp/mp-error.ts'
import { parseJsonBody, refuseBody, requireBody } from '../mp/read-body.ts'
import { answerRange } from './content-range.ts'
import type { DistributionRuntime } from './distribution-runtime.ts'

/** Registers the policy, content and content-location routes. */
export function registerPolicyRoutes(
  app: FastifyInstance,
  deps: MpDeps,
  distribution: DistributionRuntime,
  perClient: RateLimiter,
): void {
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
    perClient.check(client.clientId)
    deps.onClientSeen?.(client.clientId)
    return client
  }

  app.post('/mp/v1/policy/assignments', async (request, reply) => {
    const body = requireBody(request.body)
    const client = await authenticate(request, body)
    const parsed = PolicyAssignmentsRequestSchema.safeParse(parseJsonBody(body))
    if (!parsed.success) refuseBody(zodToFieldIssues(parsed.error))
    await distribution.clientReported(client, parsed.data.facts)
    const entry = distribution.cache.assignmentsOf(client.clientId)
    const unchanged = parsed.data.knownVersion === entry.version
    const answer: PolicyAssignmentsReply = {
      siteCode: deps.siteCode,
      assignmentsVersion: entry.version,
      unchanged,
      ...(unchanged ? {} : { assignments: [...entry.assignments] }),
      nextPollSeconds: distribution.settings.pollSeconds,
      jitterSeconds: distribution.settings.jitterSeconds,
    }
    return reply.send(answer)
  })

  app.get<{ Params: { policyId: string } }>('/mp/v1/policy/bodies/:policyId', async (request, reply) => {
    const client = await authenticate(request, Buffer.alloc(0))
    const text = distribution.cache.bodyOf(client.clientId, request.params.policyId)
    if (text === undefined) {
      throw new MpError(
        'not_found',
        `policy ${request.params.policyId.slice(0, 16)} is not assigned to client ${client.clientId}; ask /mp/v1/policy/assignments for yours`,
      )
    }
    return reply.send(distribution.signer.sign(text))
  })

  app.get<{ Params: { sha256: string } }>('/mp/v1/content/:sha256', async (request, reply) => {
    const client = await authenticate(request, Buffer.alloc(0))
    const { sha256 } = request.params
    const allowed = distribution.cache.assignmentsOf(client.clientId).content.has(sha256)
    const located = allowed ? await distribution.content.locate(sha256) : undefined
    if (located === undefined) {
      throw new MpError(
        'not_found',
        `content ${sha256.slice(0, 64)} is not part of a deployment assigned to client ${client.clientId}`,
      )
    }
    const etag = `"${sha256}"`
    reply
      .header('etag', etag)
      .header('accept-ranges', 'bytes')
      .header('cache-control', 'private, max-age=31536000, immutable')
    if (request.headers['if-none-match'] === etag) return reply.code(304).send()
    const header = (name: string): string | undefined => {
      const value = request.headers[name]
      return typeof value === 'string' ? value : undefined
    }
    const answer = answerRange(located.size, etag, header('range'), header('if-range'))
    reply.type('application/octet-stream')
    switch (answer.kind) {
      case 'unsatisfiable':
        return reply.code(416).header('content-range', `bytes */${located.size}`).send()
      case 'partial':
        return reply
          .code(206)
          .header('content-range', `bytes ${answer.start}-${answer.end}/${located.size}`)
          .header('content-length', answer.end - answer.start + 1)
          .send(createReadStream(located.file, { start: answer.start, end: answer.end }))
      case 'full':
        return reply.code(200).header('content-length', located.size).send(createReadStream(located.file))
    }
  })

  app.post('/mp/v1/location/content', async (request, reply) => {
    const body = requireBody(request.body)
    const client = await authenticate(request, body)
    const parsed = ContentLocationRequestSchema.safeParse(parseJsonBody(body))
    if (!parsed.success) refuseBody(zodToFieldIssues(parsed.error))
    const allowed = distribution.cache.assignmentsOf(client.clientId).content
    const base = `${request.protocol}://${request.host}`
    const locations: ContentLocationReply['locations'] = []
    for (const sha256 of parsed.data.sha256) {
      const here = allowed.has(sha256) ? await distribution.content.locate(sha256) : undefined
      locations.push({
        sha256,
        urls: here === undefined ? [] : [{ url: `${base}/mp/v1/content/${sha256}`, metric: 0 }],
      })
    }
    return reply.send({ locations } satisfies ContentLocationReply)
  })
}
