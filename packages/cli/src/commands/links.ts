import { createHttpTransport, SitrepError } from '@sitrep/sdk'
import type { Command } from 'commander'
import { resolveDataDir, resolveSiteUrl } from '../client-settings.ts'
import type { CliIo } from '../run-cli.ts'
import { EXIT } from '../run-cli.ts'
import { readAdminToken } from './token.ts'

/** Options of `sitrep links`. */
export interface LinksOptions {
  readonly site?: string
  readonly json?: boolean
  readonly token?: string
  readonly dataDir?: string
}

const REQUEST_TIMEOUT_MS = 30_000

/** The fields of a link the table shows; `--json` passes the API's objects through as they are. */
interface ApiLink {
  readonly direction?: unknown
  readonly siteCode?: unknown
  readonly url?: unknown
  readonly state?: unknown
  readonly approval?: unknown
  readonly backlog?: unknown
  readonly lastAckedSeq?: unknown
  readonly lastContactAt?: unknown
  readonly throughputPerMinute?: unknown
  readonly deferredOverBudget?: unknown
  readonly unknownSince?: unknown
  readonly subtree?: unknown
}

/**
 * `sitrep links`: reads `GET /api/v1/links` with the admin token (`--token`, else `SITREP_TOKEN`,
 * else `<dataDir>/admin-token`) and prints each site link — the parent first, then the children
 * — as a table, or one JSON object per line with `--json` (docs/hierarchy.md).
 *
 * @example
 * // sitrep links --site http://ps1.example.org:8080 --json
 * await linksCommand({ site: 'http://ps1.example.org:8080', json: true }, io)
 */
export async function linksCommand(options: LinksOptions, io: CliIo): Promise<number> {
  const siteUrl = resolveSiteUrl(options.site, io)
  let bearer = options.token ?? (io.env.SITREP_TOKEN === '' ? undefined : io.env.SITREP_TOKEN)
  if (bearer === undefined) {
    const found = await readAdminToken(resolveDataDir(options.dataDir, io))
    if (!found.ok) {
      io.stderr(`sitrep links: ${found.message}; or pass --token / set SITREP_TOKEN\n`)
      return EXIT.failure
    }
    bearer = found.token
  }
  let body: unknown
  try {
    const response = await createHttpTransport(siteUrl).send({
      method: 'GET',
      path: '/api/v1/links',
      headers: { accept: 'application/json', authorization: `Bearer ${bearer}` },
      timeoutMs: REQUEST_TIMEOUT_MS,
    })
    body = JSON.parse(Buffer.from(response.body).toString('utf8'))
    if (response.status !== 200) {
      const hint =
        response.status === 401 || response.status === 403 ? ' (check the token: `sitrep token`)' : ''
      io.stderr(`sitrep links: ${siteUrl} answered ${response.status}: ${describeError(body)}${hint}\n`)
      return EXIT.failure
    }
  } catch (error) {
    if (error instanceof SyntaxError) {
      io.stderr(`sitrep links: ${siteUrl}/api/v1/links did not answer JSON\n`)
      return EXIT.failure
    }
    if (!(error instanceof SitrepError)) throw error
    io.stderr(`sitrep links: ${error.message}\n`)
    return EXIT.notDelivered
  }
  const links = linkList(body)
  if (links === undefined) {
    io.stderr(`sitrep links: the reply of ${siteUrl}/api/v1/links has no "links" array\n`)
    return EXIT.failure
  }
  if (options.json === true) {
    for (const link of links) io.stdout(`${JSON.stringify(link)}\n`)
  } else io.stdout(formatLinksTable(links))
  return EXIT.ok
}

/** Adds `sitrep links` to the program; `done` receives the exit code. */
export function registerLinksCommand(program: Command, io: CliIo, done: (code: number) => void): void {
  program
    .command('links')
    .description('site links: state, backlog per lane, last acknowledged entry, throughput')
    .option('--site <url>', 'site URL (default $SITREP_SITE_URL or http://127.0.0.1:8080)')
    .option('--json', 'one JSON object per line, as the API returns them')
    .option('--token <token>', 'API token (default $SITREP_TOKEN, else <data-dir>/admin-token)')
    .option(
      '--data-dir <dir>',
      'the local site data directory holding admin-token (default $SITREP_DATA_DIR or .sitrep)',
    )
    .action(async (options: LinksOptions) => {
      done(await linksCommand(options, io))
    })
}

/**
 * Renders links as an aligned table: direction, site, URL, state, approval, backlog per lane
 * (high/medium/low), last acknowledged entry, last contact, throughput per minute, messages
 * deferred over the byte budget, unknown since, and the sites under a child.
 */
export function formatLinksTable(links: readonly ApiLink[]): string {
  if (links.length === 0) return 'no site links (this site has no parent and no child has enrolled)\n'
  const header = [
    'DIRECTION',
    'SITE',
    'URL',
    'STATE',
    'APPROVAL',
    'BACKLOG H/M/L',
    'LAST ACKED',
    'LAST CONTACT',
    'PER MIN',
    'DEFERRED',
    'UNKNOWN SINCE',
    'SUBTREE',
  ]
  const rows = links.map((link) => [
    text(link.direction),
    text(link.siteCode),
    text(link.url),
    text(link.state),
    text(link.approval),
    backlog(link.backlog),
    text(link.lastAckedSeq),
    text(link.lastContactAt, 'never'),
    text(link.throughputPerMinute),
    text(link.deferredOverBudget),
    text(link.unknownSince, '-'),
    Array.isArray(link.subtree) && link.subtree.length > 0 ? link.subtree.map((s) => text(s)).join(',') : '-',
  ])
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)))
  const line = (cells: readonly string[]): string =>
    cells
      .map((cell, i) => cell.padEnd(widths[i] ?? 0))
      .join('  ')
      .trimEnd()
  return `${[header, ...rows].map(line).join('\n')}\n`
}

function backlog(value: unknown): string {
  if (typeof value !== 'object' || value === null) return ''
  const high = 'high' in value ? text(value.high) : '?'
  const medium = 'medium' in value ? text(value.medium) : '?'
  const low = 'low' in value ? text(value.low) : '?'
  return `${high}/${medium}/${low}`
}

function linkList(body: unknown): ApiLink[] | undefined {
  const list: unknown = typeof body === 'object' && body !== null && 'links' in body ? body.links : undefined
  if (!Array.isArray(list)) return undefined
  // Each link is printed as the API sent it; the table reads fields defensively.
  return list.filter((l): l is ApiLink => typeof l === 'object' && l !== null)
}

function text(value: unknown, empty = ''): string {
  if (value === undefined || value === null) return empty
  return typeof value === 'string' ? value : JSON.stringify(value)
}

function describeError(body: unknown): string {
  if (typeof body !== 'object' || body === null || !('error' in body)) return 'no error body'
  const error = body.error
  if (typeof error !== 'object' || error === null) return 'no error body'
  const code = 'code' in error && typeof error.code === 'string' ? error.code : ''
  const message = 'message' in error && typeof error.message === 'string' ? error.message : ''
  return `${code} ${message}`.trim()
}
