/**
 * A client of the management point's policy and content routes (docs/protocol.md "Policy and
 * content"): poll assignments, fetch and verify bodies, find and download content with ranges,
 * resuming a partial download. The agent and tests use it; every request is signed.
 */
import { createHash } from 'node:crypto'
import { createReadStream } from 'node:fs'
import { appendFile, rm, stat } from 'node:fs/promises'
import { PolicyAssignmentsReplySchema, ContentLocationReplySchema } from '@sitrep/protocol'
import type { ClientFacts, ContentLocationReply, PolicyAssignmentsReply, PolicyBody } from '@sitrep/protocol'
import { SitrepError } from '../errors.ts'
import type { RequestSigner } from '../identity/sign-request.ts'
import { signRequest } from '../identity/sign-request.ts'
import type { PolicyKey } from './verify-policy.ts'
import { verifySignedPolicy } from './verify-policy.ts'

/** Options of {@link createPolicyClient}. */
export interface PolicyClientOptions {
  /** The MP's base URL, e.g. `http://127.0.0.1:8080`. */
  readonly mpUrl: string
  readonly signer: RequestSigner
  /** The site's policy key from the registration reply. */
  readonly policyKey: PolicyKey
  readonly clock?: () => number
}

/** What {@link PolicyClient.download} did. */
export interface DownloadResult {
  readonly file: string
  readonly size: number
  /** Bytes that were already there and kept (a resumed download). */
  readonly resumedFrom: number
  /** The HTTP status of the last request: 206 for a range, 200 for the whole file. */
  readonly status: number
}

/** The policy client. */
export interface PolicyClient {
  requestAssignments(request?: {
    readonly knownVersion?: string
    readonly facts?: ClientFacts
  }): Promise<PolicyAssignmentsReply>
  /** Fetches one body and verifies it; throws `invalid_policy` for a body that does not check out. */
  fetchPolicy(policyId: string, version?: string): Promise<PolicyBody>
  locateContent(sha256: readonly string[]): Promise<ContentLocationReply>
  /** Fetches `bytes=start-end` (inclusive) of a content file. */
  fetchRange(sha256: string, start: number, end: number): Promise<Buffer>
  /**
   * Downloads content to `file`, continuing from the bytes already in it with a range request
   * (`If-Range` on the hash), and checks the hash; a file that does not hash right is deleted.
   */
  download(sha256: string, file: string): Promise<DownloadResult>
}

/** Creates a policy client. */
export function createPolicyClient(options: PolicyClientOptions): PolicyClient {
  const clock = options.clock ?? Date.now
  const base = options.mpUrl.replace(/\/+$/, '')

  const call = async (
    method: 'GET' | 'POST',
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<Response> => {
    const bytes = body === undefined ? Buffer.alloc(0) : Buffer.from(JSON.stringify(body), 'utf8')
    const signed = signRequest(options.signer, { method, path, body: bytes }, clock())
    let response: Response
    try {
      response = await fetch(`${base}${path}`, {
        method,
        headers: {
          ...signed,
          ...headers,
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        ...(body === undefined ? {} : { body: bytes }),
      })
    } catch (error) {
      throw new SitrepError('network_error', `${method} ${base}${path} failed: ${String(error)}`, {
        cause: error,
      })
    }
    if (response.status >= 400) {
      const text = await response.text()
      throw new SitrepError(
        'http_error',
        `${method} ${path} answered ${response.status}: ${text.slice(0, 300)}`,
      )
    }
    return response
  }

  const client: PolicyClient = {
    async requestAssignments(request = {}) {
      const response = await call('POST', '/mp/v1/policy/assignments', request)
      const parsed = PolicyAssignmentsReplySchema.safeParse(await response.json())
      if (!parsed.success)
        throw new SitrepError('invalid_reply', 'the assignments reply is not of the documented form')
      return parsed.data
    },

    async fetchPolicy(policyId, version) {
      const response = await call('GET', `/mp/v1/policy/bodies/${encodeURIComponent(policyId)}`)
      return verifySignedPolicy(await response.json(), options.policyKey, {
        clientId: options.signer.clientId,
        policyId,
        ...(version === undefined ? {} : { version }),
      })
    },

    async locateContent(sha256) {
      const response = await call('POST', '/mp/v1/location/content', { sha256 })
      const parsed = ContentLocationReplySchema.safeParse(await response.json())
      if (!parsed.success)
        throw new SitrepError('invalid_reply', 'the content location reply is not of the documented form')
      return parsed.data
    },

    async fetchRange(sha256, start, end) {
      const response = await call('GET', `/mp/v1/content/${sha256}`, undefined, {
        range: `bytes=${start}-${end}`,
      })
      return Buffer.from(await response.arrayBuffer())
    },

    async download(sha256, file) {
      const have = (await stat(file).catch(() => undefined))?.size ?? 0
      const headers: Record<string, string> =
        have > 0 ? { range: `bytes=${have}-`, 'if-range': `"${sha256}"` } : {}
      const response = await call('GET', `/mp/v1/content/${sha256}`, undefined, headers)
      const bytes = Buffer.from(await response.arrayBuffer())
      if (response.status === 200) {
        await rm(file, { force: true })
        await appendFile(file, bytes)
      } else {
        await appendFile(file, bytes)
      }
      const hash = createHash('sha256')
      for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer)
      const actual = hash.digest('hex')
      if (actual !== sha256) {
        await rm(file, { force: true })
        throw new SitrepError(
          'content_mismatch',
          `the downloaded file hashes to ${actual}, not ${sha256}; deleted`,
        )
      }
      const size = (await stat(file)).size
      return { file, size, resumedFrom: response.status === 206 ? have : 0, status: response.status }
    },
  }
  return client
}
