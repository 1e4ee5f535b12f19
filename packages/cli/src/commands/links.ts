import { listLinks, routePath } from '@sitrep/api'
import type { SiteLinkView } from '@sitrep/api'
import type { Command } from 'commander'
import { cellText, getSiteJson } from '../site-api.ts'
import type { CliIo } from '../cli-io.ts'
import { EXIT } from '../cli-io.ts'

/** Options of `sitrep links`. */
export interface LinksOptions {
  readonly site?: string
  readonly json?: boolean
  readonly token?: string
  readonly dataDir?: string
}

/** The fields of a link the table shows, typed by the contract; `--json` passes the API's objects through. */
type ApiLink = Partial<
  Pick<
    SiteLinkView,
    | 'direction'
    | 'siteCode'
    | 'url'
    | 'state'
    | 'approval'
    | 'backlog'
    | 'lastAckedSeq'
    | 'lastContactAt'
    | 'throughputPerMinute'
    | 'deferredOverBudget'
    | 'unknownSince'
    | 'subtree'
  >
>

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
  const reply = await getSiteJson('links', routePath(listLinks), options, io)
  if (!reply.ok) return reply.exitCode
  const { body, siteUrl } = reply
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
    cellText(link.direction),
    cellText(link.siteCode),
    cellText(link.url),
    cellText(link.state),
    cellText(link.approval),
    backlog(link.backlog),
    cellText(link.lastAckedSeq),
    cellText(link.lastContactAt, 'never'),
    cellText(link.throughputPerMinute),
    cellText(link.deferredOverBudget),
    cellText(link.unknownSince, '-'),
    Array.isArray(link.subtree) && link.subtree.length > 0
      ? link.subtree.map((s) => cellText(s)).join(',')
      : '-',
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
  const high = 'high' in value ? cellText(value.high) : '?'
  const medium = 'medium' in value ? cellText(value.medium) : '?'
  const low = 'low' in value ? cellText(value.low) : '?'
  return `${high}/${medium}/${low}`
}

function linkList(body: unknown): ApiLink[] | undefined {
  const list: unknown = typeof body === 'object' && body !== null && 'links' in body ? body.links : undefined
  if (!Array.isArray(list)) return undefined
  // Each link is printed as the API sent it; the table reads fields defensively.
  return list.filter((l): l is ApiLink => typeof l === 'object' && l !== null)
}
