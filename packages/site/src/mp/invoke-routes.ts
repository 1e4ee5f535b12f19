/**
 * Routes of the Invoke endpoints: `POST /mp/v1/registration` (JSON or `ClientRegistrationRequest`
 * XML, answered in the same format), `GET /mp/v1/location` and the plain MP resource
 * `GET /SMS_MP/.sms_aut?MPLIST`.
 */
import { writeXml, xmlElement, xmlTextElement } from '@sitrep/protocol'
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import type { RateLimiter } from './create-rate-limiter.ts'
import type { MpDeps } from './mp-deps.ts'
import { MpError } from './mp-error.ts'
import { bodyFormat, parseJsonBody, refuseBody, requireBody } from './read-body.ts'
import { handleRegistration } from './registration-endpoint.ts'
import { parseRegistrationRequest } from './registration-request.ts'
import { encodeRegistrationResponseXml } from './registration-xml.ts'

/** One management point in a location answer. */
export interface ManagementPointInfo {
  readonly name: string
  readonly url: string
  readonly version: string
}

/** The JSON location answer. */
export interface LocationReply {
  readonly siteCode: string
  readonly managementPoints: readonly ManagementPointInfo[]
}

/** Registers the Invoke routes on `app`; registration is rate-limited per source address. */
export function registerInvokeRoutes(app: FastifyInstance, deps: MpDeps, perAddress: RateLimiter): void {
  app.post('/mp/v1/registration', async (request, reply) => {
    perAddress.check(request.ip)
    const body = requireBody(request.body)
    const format = bodyFormat(request.headers['content-type'])
    let json: unknown
    if (format === 'json') json = parseJsonBody(body)
    else {
      const decoded = await deps.bodyDecoder.decode('registration', body)
      if (!decoded.ok) refuseBody(decoded.issues)
      json = decoded.value
    }
    const parsed = parseRegistrationRequest(json)
    if (!parsed.ok) refuseBody(parsed.issues)
    const result = await handleRegistration(parsed.value, {
      store: deps.store,
      approval: deps.config.approval,
      enrolmentTokens: deps.config.enrolmentTokens,
      clock: deps.clock,
    })
    // A newly approved client lands in its collections at once, before its first policy poll.
    if (
      deps.distribution !== undefined &&
      result.statusName === 'accepted' &&
      result.clientId !== undefined
    ) {
      const client = await deps.store.getClient(result.clientId)
      if (client?.status === 'approved') await deps.distribution.clientReported(client, undefined)
    }
    // The policy key lets the client verify policy bodies (docs/protocol.md "Policy and content").
    const policyKey =
      deps.distribution === undefined
        ? {}
        : {
            siteKeyId: deps.distribution.signer.keyId,
            sitePublicKey: deps.distribution.signer.publicKey,
          }
    if (format === 'json') return reply.code(200).send({ ...result, ...policyKey })
    return reply
      .code(200)
      .type('application/xml; charset=utf-8')
      .send(encodeRegistrationResponseXml({ ...result, timestamp: deps.clock() }))
  })

  const location = (request: FastifyRequest): LocationReply => ({
    siteCode: deps.siteCode,
    managementPoints: [
      { name: deps.mpName, url: `${request.protocol}://${request.host}`, version: deps.version },
    ],
  })

  // Fastify's default query parser yields a string per name, or an array for a repeated name.
  app.get<{ Querystring: Readonly<Record<string, string | string[] | undefined>> }>(
    '/mp/v1/location',
    (request, reply) => {
      const { resource } = request.query
      if (resource === undefined) return reply.send(location(request))
      if (resource === 'MPLIST') return sendMpList(reply, location(request))
      throw new MpError(
        'invalid_query',
        `resource ${JSON.stringify(resource)} is not known; use resource=MPLIST`,
      )
    },
  )

  app.get('/SMS_MP/.sms_aut', (request, reply) => {
    const query = request.url.split('?')[1] ?? ''
    if (query !== 'MPLIST')
      throw new MpError('not_found', `.sms_aut?${query.slice(0, 40)} is not served; use ?MPLIST`)
    return sendMpList(reply, location(request))
  })
}

/** `<MPList><MP Name="…" FQDN="…"><Version>…</Version></MP></MPList>` (reference §5.1). */
function sendMpList(reply: FastifyReply, answer: LocationReply): FastifyReply {
  const xml = writeXml(
    xmlElement(
      'MPList',
      {},
      answer.managementPoints.map((mp) =>
        xmlElement('MP', { Name: mp.name, FQDN: new URL(mp.url).hostname }, [
          xmlTextElement('Version', mp.version),
        ]),
      ),
    ),
  )
  return reply.type('application/xml; charset=utf-8').send(xml)
}
