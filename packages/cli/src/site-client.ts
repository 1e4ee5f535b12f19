/**
 * The site's REST API for the commands that change things (`app`, `collection`, `deploy`):
 * typed calls through the `@sitrep/api` contract with the token found once, a streamed content
 * upload, and one way to print a refusal — the code, the message and each field the site named.
 */
import { createReadStream } from 'node:fs'
import http from 'node:http'
import https from 'node:https'
import { ApiError, callRoute, routePath, toApiError, uploadContent } from '@sitrep/api'
import type { ApiTransport, ContentView, RouteContract, RouteInput, RouteReply } from '@sitrep/api'
import { toVisibleText } from '@sitrep/protocol'
import { resolveSiteUrl } from './client-settings.ts'
import type { CliIo } from './cli-io.ts'
import { EXIT } from './cli-io.ts'
import { resolveSiteToken } from './site-api.ts'
import type { SiteApiOptions } from './site-api.ts'

const REQUEST_TIMEOUT_MS = 30_000
/** An upload of gigabytes may take long; only a silent connection is given up on. */
const UPLOAD_IDLE_TIMEOUT_MS = 120_000

/** A content upload's answer: the stored file, and whether the site had the bytes already. */
export interface UploadReply {
  readonly content: ContentView
  readonly created: boolean
}

/** Typed calls to one site with one token; every failure is an {@link ApiError} (status 0: unreachable). */
export interface SiteClient {
  readonly siteUrl: string
  call<C extends RouteContract>(route: C, input: RouteInput<C>): Promise<RouteReply<C>>
  /** Streams `file` (of `size` bytes) to `PUT /api/v1/content/:sha256`. */
  upload(file: string, sha256: string, size: number): Promise<UploadReply>
}

/**
 * A client for the site of `--site` with the token of `--token` / `SITREP_TOKEN` /
 * `<dataDir>/admin-token`; `undefined` (the reason printed) when there is no token.
 */
export async function openSiteClient(
  command: string,
  options: SiteApiOptions,
  io: CliIo,
): Promise<SiteClient | undefined> {
  const siteUrl = resolveSiteUrl(options.site, io).replace(/\/+$/, '')
  const token = await resolveSiteToken(command, options, io)
  if (token === undefined) return undefined
  const transport = createFetchTransport(siteUrl, token)
  return {
    siteUrl,
    call: (route, input) => callRoute(transport, route, input),
    upload: (file, sha256, size) =>
      uploadFile(new URL(`${siteUrl}${routePath(uploadContent, { sha256 })}`), token, file, size),
  }
}

function createFetchTransport(siteUrl: string, token: string): ApiTransport {
  return async (request) => {
    const url = `${siteUrl}${request.path}`
    let response: Response
    try {
      response = await fetch(url, {
        method: request.method,
        headers: {
          accept: 'application/json',
          authorization: `Bearer ${token}`,
          ...(request.body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        ...(request.body === undefined ? {} : { body: JSON.stringify(request.body) }),
        signal: request.signal ?? AbortSignal.timeout(REQUEST_TIMEOUT_MS),
      })
    } catch (cause) {
      throw unreachable(request.method, url, cause)
    }
    return { status: response.status, body: parseJson(await response.text()) }
  }
}

function uploadFile(url: URL, token: string, file: string, size: number): Promise<UploadReply> {
  return new Promise((resolve, reject) => {
    const request = (url.protocol === 'https:' ? https : http).request(url, {
      method: 'PUT',
      headers: {
        accept: 'application/json',
        authorization: `Bearer ${token}`,
        'content-type': 'application/octet-stream',
        // Declared up front, so a site whose limit is smaller refuses before a byte is sent.
        'content-length': String(size),
      },
      timeout: UPLOAD_IDLE_TIMEOUT_MS,
    })
    let answered = false
    request.on('response', (response) => {
      answered = true
      const chunks: Buffer[] = []
      response.on('data', (chunk: Buffer) => chunks.push(chunk))
      response.on('error', (cause) => reject(unreachable('PUT', url.href, cause)))
      response.on('end', () => {
        const body = parseJson(Buffer.concat(chunks).toString('utf8'))
        const status = response.statusCode ?? 0
        if (status === 200 || status === 201)
          resolve(body as UploadReply) // The contract's 200/201 body.
        else reject(toApiError(status, body))
      })
    })
    request.on('timeout', () => request.destroy(new Error('no answer for 120 s')))
    request.on('error', (cause) => {
      // A site that refuses early may close while the file is still being sent; its answer counts.
      if (!answered) reject(unreachable('PUT', url.href, cause))
    })
    const source = createReadStream(file)
    source.on('error', (cause) => request.destroy(cause))
    source.pipe(request)
  })
}

function parseJson(text: string): unknown {
  if (text === '') return undefined
  try {
    return JSON.parse(text)
  } catch {
    return { error: { code: 'not_json', message: `the answer is not JSON: ${text.slice(0, 200)}` } }
  }
}

function unreachable(method: string, url: string, cause: unknown): ApiError {
  return new ApiError(0, 'network_error', `${method} ${url} did not answer: ${reason(cause)}`)
}

/** A short reason for a network failure: fetch hides the system error in `cause`. */
function reason(error: unknown): string {
  if (!(error instanceof Error)) return String(error)
  const cause: unknown = error.cause
  if (cause instanceof Error && 'code' in cause && typeof cause.code === 'string')
    return `${cause.code} ${cause.message}`
  if ('code' in error && typeof error.code === 'string') return `${error.code} ${error.message}`
  if (error.name === 'TimeoutError') return 'timed out'
  return error.message
}

/**
 * Prints an {@link ApiError} as the command's failure and returns the exit code: the site's
 * code and message, then one line per field it named; 3 when the site could not be reached.
 * Anything else is a bug and is thrown on.
 */
export function printSiteFailure(command: string, siteUrl: string, error: unknown, io: CliIo): number {
  if (!(error instanceof ApiError)) throw error
  if (error.status === 0) {
    io.stderr(`sitrep ${command}: ${error.message}\n`)
    return EXIT.notDelivered
  }
  const hint =
    error.status === 401 || error.status === 403 ? ' (check the token: `sitrep token`, and its role)' : ''
  // Site text is untrusted: no line break or terminal escape in it may reach the terminal.
  const headline = `sitrep ${command}: ${siteUrl} refused it (${error.status} ${toVisibleText(error.code)})`
  if (error.issues.length === 0) {
    io.stderr(`${headline}: ${toVisibleText(error.message)}${hint}\n`)
    return EXIT.failure
  }
  // The site's message repeats its first issue; each issue gets its own line, field first.
  const lines = [`${headline}:`]
  for (const issue of error.issues) {
    const message = toVisibleText(issue.message)
    const field = toVisibleText(issue.field)
    lines.push(message.startsWith(field) ? `  ${message}` : `  ${field}: ${message}`)
  }
  io.stderr(`${lines.join('\n')}\n`)
  return EXIT.failure
}
