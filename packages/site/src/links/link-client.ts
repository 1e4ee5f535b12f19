/**
 * HTTP calls of the child to its parent: enrol, upload messages, upload summaries. Requests are
 * signed with the site key; replies must carry the parent's signature (docs/hierarchy.md).
 */
import type { z } from 'zod'
import type { SiteKey } from './site-key.ts'
import { checkLinkSignature, LINK_HEADERS, signLink } from './link-signature.ts'
import { EnrolReply, MessagesReply } from './link-messages.ts'
import type { SummariesRequest } from './link-messages.ts'
import type { SiteConfig } from '../config.ts'

/** The `parent` section of the site configuration: where this site reports to. */
export type ParentConfig = NonNullable<SiteConfig['parent']>

/** A failed link call; `status` is the HTTP status, or 0 when the parent was not reached. */
export class LinkCallError extends Error {
  override name = 'LinkCallError'
  readonly status: number
  constructor(status: number, message: string, options?: ErrorOptions) {
    super(message, options)
    this.status = status
  }
}

/** The calls a child makes. */
export interface LinkClient {
  enrol(): Promise<EnrolReply>
  /** Uploads message JSON texts; resolves one result per message. */
  sendMessages(payloads: readonly string[], parentKey: string): Promise<MessagesReply['results']>
  sendSummaries(summaries: SummariesRequest, parentKey: string): Promise<void>
}

const MAX_SKEW_MS = 5 * 60_000
const TIMEOUT_MS = 30_000

/** Creates the client of the link to `deps.parent`. */
export function createLinkClient(deps: {
  readonly siteCode: string
  readonly siteUrl: string
  readonly key: SiteKey
  readonly parent: ParentConfig
  readonly clock: () => number
  readonly fetch?: typeof fetch
}): LinkClient {
  const doFetch = deps.fetch ?? fetch
  const base = deps.parent.url.replace(/\/+$/, '')

  const call = async <T>(
    path: string,
    body: Buffer,
    schema: z.ZodType<T>,
    parentKey: string | undefined,
  ): Promise<T> => {
    const headers = signLink(
      deps.key,
      deps.siteCode,
      { direction: 'request', method: 'POST', path, body },
      deps.clock(),
    )
    let response: Response
    try {
      response = await doFetch(`${base}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: new Uint8Array(body),
        signal: AbortSignal.timeout(TIMEOUT_MS),
      })
    } catch (cause) {
      throw new LinkCallError(0, `parent ${deps.parent.siteCode} at ${base} is not reachable`, { cause })
    }
    const bytes = Buffer.from(await response.arrayBuffer())
    if (!response.ok) {
      throw new LinkCallError(
        response.status,
        `parent answered ${response.status}: ${bytes.toString('utf8').slice(0, 300)}`,
      )
    }
    const json: unknown = JSON.parse(bytes.toString('utf8'))
    const parsed = schema.safeParse(json)
    if (!parsed.success) throw new LinkCallError(502, `parent's reply to ${path} is not of its form`)
    // The enrol reply names the key it is signed with; every later reply uses the stored key.
    const key = parentKey ?? (parsed.data as { publicKey?: string }).publicKey ?? ''
    const refusal = checkLinkSignature(
      key,
      {
        direction: 'reply',
        method: 'POST',
        path,
        body: bytes,
        timestamp: response.headers.get(LINK_HEADERS.timestamp) ?? undefined,
        signature: response.headers.get(LINK_HEADERS.signature) ?? undefined,
      },
      deps.clock(),
      MAX_SKEW_MS,
    )
    if (refusal !== null)
      throw new LinkCallError(502, `parent's reply to ${path} failed its signature check: ${refusal}`)
    return parsed.data
  }

  return {
    async enrol() {
      const body = Buffer.from(
        JSON.stringify({
          siteCode: deps.siteCode,
          url: deps.siteUrl,
          publicKey: deps.key.publicKey,
          ...(deps.parent.secret === undefined ? {} : { secret: deps.parent.secret }),
        }),
      )
      const reply = await call('/link/v1/enrol', body, EnrolReply, undefined)
      if (reply.siteCode !== deps.parent.siteCode) {
        throw new LinkCallError(
          502,
          `the site at ${base} is ${reply.siteCode}, not the configured parent ${deps.parent.siteCode}`,
        )
      }
      return reply
    },
    async sendMessages(payloads, parentKey) {
      const body = Buffer.from(`{"messages":[${payloads.join(',')}]}`)
      const reply = await call('/link/v1/messages', body, MessagesReply, parentKey)
      return reply.results
    },
    async sendSummaries(summaries, parentKey) {
      const body = Buffer.from(JSON.stringify(summaries))
      await call('/link/v1/summaries', body, SummaryAck, parentKey)
    },
  }
}

const SummaryAck = EnrolReply.pick({ siteCode: true })
