/**
 * The parent end of site links (docs/hierarchy.md): `POST /link/v1/enrol`,
 * `POST /link/v1/messages` and `POST /link/v1/summaries`. Outside `/api/v1`: children prove who
 * they are with their enrolled Ed25519 key, and every reply carries this site's signature.
 * Replicated messages enter this site's inbox through the group committer (duplicates dropped by
 * `id`), so this site's own rules run on them.
 */
import { timingSafeEqual } from 'node:crypto'
import { parseStatusBatch } from '@sitrep/protocol'
import type { SiteLink, SiteStore } from '@sitrep/store'
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import type { Logger } from 'pino'
import type { ZodType } from 'zod'
import { saveChildSummaries } from '../links/child-summaries.ts'
import { checkLinkSignature, LINK_HEADERS, signLink } from '../links/link-signature.ts'
import { EnrolRequest, MAX_LINK_BATCH, SummariesRequest } from '../links/link-messages.ts'
import { linkSource, takeLinkTrust } from '../links/link-trust.ts'
import type { SiteKey } from '../links/site-key.ts'
import { reportLinkRestored } from '../links/watch-children.ts'
import type { InboxCommitter } from '../mp/create-inbox-committer.ts'
import { ed25519PublicKey } from '../mp/ed25519.ts'
import { MpError } from '../mp/mp-error.ts'
import { checkBatchSize, parseJsonBody, requireBody } from '../mp/read-body.ts'
import type { SiteReporter } from '../reporting/site-reporter.ts'

/** What the link receiver needs. */
export interface LinkRouteDeps {
  readonly store: SiteStore
  readonly committer: Pick<InboxCommitter, 'enqueue'>
  readonly reporter: Pick<SiteReporter, 'raise'>
  readonly key: SiteKey
  readonly siteCode: string
  readonly clock: () => number
  /** Secrets that approve an enrolling child at once (config `links.enrolmentSecrets`). */
  readonly enrolmentSecrets: readonly string[]
  readonly maxClockSkewMs: number
  readonly logger?: Logger
  /** Told when the sites under this one changed: an approved enrolment or a new child subtree. */
  readonly onSubtreeChanged?: () => void
}

/** Registers the link receiver routes on `app`. */
export function registerLinkRoutes(app: FastifyInstance, deps: LinkRouteDeps): void {
  const sendSigned = (request: FastifyRequest, reply: FastifyReply, value: unknown): FastifyReply => {
    const body = Buffer.from(JSON.stringify(value))
    const path = request.url.split('?')[0] ?? ''
    const headers = signLink(
      deps.key,
      deps.siteCode,
      { direction: 'reply', method: 'POST', path, body },
      deps.clock(),
    )
    return reply.code(200).headers(headers).type('application/json').send(body)
  }

  const verify = (request: FastifyRequest, body: Buffer, publicKey: string): void => {
    const header = (name: string): string | undefined => {
      const value = request.headers[name]
      return typeof value === 'string' ? value : undefined
    }
    const refusal = checkLinkSignature(
      publicKey,
      {
        direction: 'request',
        method: request.method,
        path: request.url.split('?')[0] ?? '',
        body,
        timestamp: header(LINK_HEADERS.timestamp),
        signature: header(LINK_HEADERS.signature),
      },
      deps.clock(),
      deps.maxClockSkewMs,
    )
    if (refusal === 'bad_signature') {
      throw new MpError(
        'bad_signature',
        'X-Sitrep-Signature does not verify with the site key enrolled for this child',
      )
    }
    if (refusal === 'stale_timestamp') {
      throw new MpError(
        'stale_timestamp',
        "X-Sitrep-Timestamp is too far from this site's clock; fix the child's clock",
      )
    }
  }

  /** The approved child that signed the request, with its unknown mark cleared. */
  const authenticateChild = async (request: FastifyRequest, body: Buffer): Promise<SiteLink> => {
    const code = request.headers[LINK_HEADERS.siteCode]
    const siteCode = typeof code === 'string' ? code.toUpperCase() : ''
    const link = await deps.store.getSiteLink('child', siteCode)
    if (link === undefined) {
      throw new MpError(
        'unknown_client',
        `site ${siteCode.slice(0, 8)} has not enrolled here; it enrols at POST /link/v1/enrol`,
      )
    }
    verify(request, body, link.publicKey)
    if (link.status === 'pending') {
      throw new MpError(
        'client_not_approved',
        `site ${siteCode} waits for approval (POST /api/v1/links/${siteCode}/approve)`,
      )
    }
    if (link.status === 'rejected') throw new MpError('client_rejected', `site ${siteCode} was rejected here`)
    const now = deps.clock()
    const cleared = await deps.store.touchSiteLink('child', siteCode, now)
    if (cleared !== null) {
      deps.logger?.info({ child: siteCode }, 'child site reports again; unknown mark cleared')
      await reportLinkRestored(deps.reporter, link, cleared, now)
    }
    return link
  }

  app.post('/link/v1/enrol', async (request, reply) => {
    const body = requireBody(request.body)
    const input = parse(EnrolRequest, parseJsonBody(body))
    if (ed25519PublicKey(input.publicKey) === undefined) {
      throw new MpError('invalid_body', 'publicKey must be the base64 of a raw 32-byte Ed25519 key')
    }
    if (input.siteCode === deps.siteCode) {
      throw new MpError(
        'invalid_body',
        `site code ${input.siteCode} is this site's own; a child needs its own code`,
      )
    }
    // Proof of possession: the request is signed by the key it enrols.
    verify(request, body, input.publicKey)
    const approved =
      input.secret !== undefined && deps.enrolmentSecrets.some((s) => sameSecret(s, input.secret ?? ''))
    const link = await deps.store.enrolChildLink({
      siteCode: input.siteCode,
      url: input.url,
      publicKey: input.publicKey,
      approved,
      at: deps.clock(),
    })
    deps.logger?.info({ child: link.siteCode, status: link.status }, 'child site enrolled')
    if (link.status === 'approved') deps.onSubtreeChanged?.()
    return sendSigned(request, reply, {
      status: link.status,
      siteCode: deps.siteCode,
      publicKey: deps.key.publicKey,
    })
  })

  app.post('/link/v1/messages', async (request, reply) => {
    const body = requireBody(request.body)
    const link = await authenticateChild(request, body)
    const value = parseJsonBody(body)
    checkBatchSize(value, 'messages', MAX_LINK_BATCH)
    const { batch: plain, untrusted } = takeLinkTrust(value)
    const batch = parseStatusBatch(plain)
    if (batch.issues.length > 0)
      throw new MpError('invalid_body', batch.issues[0]?.message ?? 'invalid body', {
        issues: batch.issues.slice(0, 100),
      })
    const now = deps.clock()
    const outcomes = await deps.committer.enqueue(
      batch.accepted.map((a) => ({
        id: a.value.id,
        // The child's JSON, as it sent it: the message keeps its own site code.
        body: JSON.stringify(messageJsonAt(plain, a.index)),
        receivedAt: now,
        source: linkSource(link.siteCode),
        // The child vouches for its own clients, not for what it took unsigned.
        trusted: !untrusted.has(a.index),
      })),
    )
    if (batch.rejected.length > 0) {
      deps.logger?.warn(
        { child: link.siteCode, refused: batch.rejected.length },
        'refused replicated messages',
      )
      await deps.store.transaction((tx) =>
        tx.addLoss([
          {
            siteCode: deps.siteCode,
            origin: `link:${link.siteCode}`,
            reason: 'refused',
            count: batch.rejected.length,
            at: now,
          },
        ]),
      )
    }
    const results = [
      ...batch.accepted.map((a, i) => ({ index: a.index, outcome: outcomes[i] ?? 'accepted' })),
      ...batch.rejected.map((r) => ({ index: r.index, outcome: 'refused' as const })),
    ].sort((a, b) => a.index - b.index)
    return sendSigned(request, reply, { results })
  })

  app.post('/link/v1/summaries', async (request, reply) => {
    const body = requireBody(request.body)
    const link = await authenticateChild(request, body)
    const input = parse(SummariesRequest, parseJsonBody(body))
    // A child speaks only for itself and the sites it reports under it.
    const subtree: { siteCode: string; parentSiteCode: string }[] = []
    const known = new Set([link.siteCode])
    for (const site of input.sites) {
      if (known.has(site.parentSiteCode) && site.siteCode !== deps.siteCode && !known.has(site.siteCode)) {
        known.add(site.siteCode)
        subtree.push(site)
      }
    }
    await deps.store.setSiteLinkSubtree(link.siteCode, subtree)
    if (JSON.stringify(subtree) !== JSON.stringify(link.subtree)) deps.onSubtreeChanged?.()
    await deps.store.setComponentCounts(input.componentCounts.filter((r) => known.has(r.siteCode)))
    await saveChildSummaries(
      deps.store,
      known,
      {
        storage: input.storage.filter((s) => known.has(s.siteCode)),
        deployments: input.deployments.filter((s) => known.has(s.siteCode)),
      },
      deps.clock(),
    )
    return sendSigned(request, reply, { siteCode: deps.siteCode })
  })
}

function parse<T>(schema: ZodType<T>, value: unknown): T {
  const result = schema.safeParse(value)
  if (result.success) return result.data
  const issue = result.error.issues[0]
  const field = issue?.path.join('.') ?? ''
  throw new MpError('invalid_body', `${field === '' ? 'the body' : field}: ${issue?.message ?? 'invalid'}`)
}

function messageJsonAt(value: unknown, index: number): unknown {
  // parseStatusBatch accepted `value.messages[index]`, so both exist.
  return (value as { messages: unknown[] }).messages[index]
}

function sameSecret(expected: string, given: string): boolean {
  const a = Buffer.from(expected)
  const b = Buffer.from(given)
  return a.length === b.length && timingSafeEqual(a, b)
}
