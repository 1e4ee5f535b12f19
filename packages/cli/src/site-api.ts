/**
 * Reading the local or a remote site's REST API for the `messages`, `components` and `links`
 * commands: finds the token, sends the GET, and turns every failure into one line on stderr
 * and an exit code, so the commands only deal with the reply they asked for.
 */
import { toVisibleText } from '@sitrep/protocol'
import { createHttpTransport, SitrepError } from '@sitrep/sdk'
import { resolveDataDir, resolveSiteUrl } from './client-settings.ts'
import { readAdminToken } from './commands/token.ts'
import type { CliIo } from './cli-io.ts'
import { EXIT } from './cli-io.ts'
import { withHint } from './hint.ts'

const REQUEST_TIMEOUT_MS = 30_000

/** Where to read: the site URL, and the token or the data directory holding it. */
export interface SiteApiOptions {
  readonly site?: string
  readonly token?: string
  readonly dataDir?: string
}

/** The JSON reply, or the exit code the command should end with (the error is already printed). */
export type SiteApiResult =
  | { readonly ok: true; readonly body: unknown; readonly siteUrl: string }
  | { readonly ok: false; readonly exitCode: number }

/**
 * GETs `path` from the site with `Authorization: Bearer <token>`; the token is `--token`, else
 * `SITREP_TOKEN`, else `<dataDir>/admin-token`. A refused token or a non-200 answer exits 2, an
 * unreachable site exits 3.
 */
export async function getSiteJson(
  command: string,
  path: string,
  options: SiteApiOptions,
  io: CliIo,
): Promise<SiteApiResult> {
  const siteUrl = resolveSiteUrl(options.site, io)
  const bearer = await resolveSiteToken(command, options, io)
  if (bearer === undefined) return { ok: false, exitCode: EXIT.failure }
  try {
    const response = await createHttpTransport(siteUrl).send({
      method: 'GET',
      path,
      headers: { accept: 'application/json', authorization: `Bearer ${bearer}` },
      timeoutMs: REQUEST_TIMEOUT_MS,
    })
    const body: unknown = JSON.parse(Buffer.from(response.body).toString('utf8'))
    if (response.status !== 200) {
      const message = describeApiError(body) ?? `HTTP ${response.status}`
      const told =
        response.status === 401 || response.status === 403
          ? withHint(message, 'check the token: `sitrep token`')
          : message
      io.stderr(`sitrep ${command}: ${siteUrl} answered ${response.status}: ${told}\n`)
      return { ok: false, exitCode: EXIT.failure }
    }
    return { ok: true, body, siteUrl }
  } catch (error) {
    if (error instanceof SyntaxError) {
      io.stderr(`sitrep ${command}: ${siteUrl}${path.split('?')[0] ?? ''} did not answer JSON\n`)
      return { ok: false, exitCode: EXIT.failure }
    }
    if (!(error instanceof SitrepError)) throw error
    io.stderr(`sitrep ${command}: ${error.message}\n`)
    return { ok: false, exitCode: EXIT.notDelivered }
  }
}

/**
 * The API token for a site command: `--token`, else `SITREP_TOKEN`, else `<dataDir>/admin-token`;
 * `undefined` (with the reason printed) when none is found.
 */
export async function resolveSiteToken(
  command: string,
  options: Pick<SiteApiOptions, 'token' | 'dataDir'>,
  io: CliIo,
): Promise<string | undefined> {
  const given = options.token ?? (io.env.SITREP_TOKEN === '' ? undefined : io.env.SITREP_TOKEN)
  if (given !== undefined) return given
  const found = await readAdminToken(resolveDataDir(options.dataDir, io))
  if (found.ok) return found.token
  io.stderr(`sitrep ${command}: ${found.message}; or pass --token / set SITREP_TOKEN\n`)
  return undefined
}

/** `code message` of an API error body, or `undefined` when the body is not one. */
export function describeApiError(body: unknown): string | undefined {
  if (typeof body !== 'object' || body === null || !('error' in body)) return undefined
  const error = body.error
  if (typeof error !== 'object' || error === null) return undefined
  const code = 'code' in error && typeof error.code === 'string' ? error.code : ''
  const message = 'message' in error && typeof error.message === 'string' ? error.message : ''
  return code === '' ? message : message === '' ? code : `${code}: ${message}`
}

/** A table cell for any JSON value: strings as they are, others as JSON, `empty` for null. */
export function cellText(value: unknown, empty = ''): string {
  if (value === undefined || value === null) return empty
  // Site data is untrusted: no line break or terminal escape in it may reach the terminal.
  return toVisibleText(typeof value === 'string' ? value : JSON.stringify(value))
}
