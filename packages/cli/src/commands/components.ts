import type { Command } from 'commander'
import { createHttpTransport, SitrepError } from '@sitrep/sdk'
import { resolveDataDir, resolveSiteUrl } from '../client-settings.ts'
import type { CliIo } from '../run-cli.ts'
import { EXIT } from '../run-cli.ts'
import { readAdminToken } from './token.ts'

/** Options of `sitrep components`. */
export interface ComponentsOptions {
  readonly site?: string
  readonly interval?: string
  readonly json?: boolean
  readonly token?: string
  readonly dataDir?: string
}

const REQUEST_TIMEOUT_MS = 30_000
const STATUS_WORDS: Readonly<Record<string, string>> = { ok: 'OK', warning: 'Warning', critical: 'Critical' }

/** The fields of a component row the table shows; `--json` passes each row through as sent. */
interface ComponentRow {
  readonly siteCode?: unknown
  readonly machine?: unknown
  readonly component?: unknown
  readonly infos?: unknown
  readonly warnings?: unknown
  readonly errors?: unknown
  readonly status?: unknown
}

/**
 * `sitrep components`: component status per site, machine and component from
 * `GET /api/v1/summaries/components` (token: `--token`, else `SITREP_TOKEN`, else
 * `<dataDir>/admin-token`), as a table or, with `--json`, one JSON object per line.
 *
 * @example
 * // sitrep components --interval since-4am --json
 * await componentsCommand({ interval: 'since-4am', json: true }, io)
 */
export async function componentsCommand(options: ComponentsOptions, io: CliIo): Promise<number> {
  const siteUrl = resolveSiteUrl(options.site, io)
  let bearer = options.token ?? (io.env.SITREP_TOKEN === '' ? undefined : io.env.SITREP_TOKEN)
  if (bearer === undefined) {
    const found = await readAdminToken(resolveDataDir(options.dataDir, io))
    if (!found.ok) {
      io.stderr(`sitrep components: ${found.message}; or pass --token / set SITREP_TOKEN\n`)
      return EXIT.failure
    }
    bearer = found.token
  }
  const query = new URLSearchParams()
  if (options.interval !== undefined) query.set('interval', options.interval)
  const path = `/api/v1/summaries/components${query.size > 0 ? `?${query.toString()}` : ''}`
  let body: unknown
  try {
    const response = await createHttpTransport(siteUrl).send({
      method: 'GET',
      path,
      headers: { accept: 'application/json', authorization: `Bearer ${bearer}` },
      timeoutMs: REQUEST_TIMEOUT_MS,
    })
    body = JSON.parse(Buffer.from(response.body).toString('utf8'))
    if (response.status !== 200) {
      const hint =
        response.status === 401 || response.status === 403 ? ' (check the token: `sitrep token`)' : ''
      io.stderr(
        `sitrep components: ${siteUrl} answered ${response.status}: ${describeError(body) ?? `HTTP ${response.status}`}${hint}\n`,
      )
      return EXIT.failure
    }
  } catch (error) {
    if (error instanceof SyntaxError) {
      io.stderr(`sitrep components: ${siteUrl}${path} did not answer JSON\n`)
      return EXIT.failure
    }
    if (!(error instanceof SitrepError)) throw error
    io.stderr(`sitrep components: ${error.message}\n`)
    return EXIT.notDelivered
  }
  const rows =
    typeof body === 'object' && body !== null && 'components' in body && Array.isArray(body.components)
      ? body.components.filter((r): r is ComponentRow => typeof r === 'object' && r !== null)
      : undefined
  if (rows === undefined) {
    io.stderr(`sitrep components: the reply of ${siteUrl}${path} has no "components" array\n`)
    return EXIT.failure
  }
  if (options.json === true) {
    for (const row of rows) io.stdout(`${JSON.stringify(row)}\n`)
  } else io.stdout(formatComponentTable(rows))
  return EXIT.ok
}

/** Renders component rows as an aligned table: site, machine, component, counts and status. */
export function formatComponentTable(rows: readonly ComponentRow[]): string {
  if (rows.length === 0) return 'no components have reported in this interval\n'
  const header = ['SITE', 'MACHINE', 'COMPONENT', 'INFOS', 'WARNINGS', 'ERRORS', 'STATUS']
  const cells = rows.map((r) => [
    text(r.siteCode),
    text(r.machine),
    text(r.component),
    text(r.infos),
    text(r.warnings),
    text(r.errors),
    STATUS_WORDS[text(r.status)] ?? text(r.status),
  ])
  const numeric = new Set([3, 4, 5])
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => (c[i] ?? '').length)))
  const line = (row: readonly string[]): string =>
    row
      .map((cell, i) => (numeric.has(i) ? cell.padStart(widths[i] ?? 0) : cell.padEnd(widths[i] ?? 0)))
      .join('  ')
      .trimEnd()
  return `${[header, ...cells].map(line).join('\n')}\n`
}

function text(value: unknown): string {
  if (value === undefined || value === null) return ''
  return typeof value === 'string' ? value : JSON.stringify(value)
}

function describeError(body: unknown): string | undefined {
  if (typeof body !== 'object' || body === null || !('error' in body)) return undefined
  const error = body.error
  if (typeof error !== 'object' || error === null) return undefined
  const code = 'code' in error && typeof error.code === 'string' ? error.code : ''
  const message = 'message' in error && typeof error.message === 'string' ? error.message : ''
  return `${code} ${message}`.trim()
}

/** Adds `sitrep components` to the program; `done` receives the exit code. */
export function registerComponentsCommand(program: Command, io: CliIo, done: (code: number) => void): void {
  program
    .command('components')
    .description('component status per site, machine and component, with counts and OK / Warning / Critical')
    .option('--site <url>', 'site URL (default $SITREP_SITE_URL or http://127.0.0.1:8080)')
    .option(
      '--interval <name>',
      'tally interval name or token, last-hour or last-24-hours (default since-12am)',
    )
    .option('--json', 'one JSON object per line, as the API returns them')
    .option('--token <token>', 'API token (default $SITREP_TOKEN, else <data-dir>/admin-token)')
    .option(
      '--data-dir <dir>',
      'the local site data directory holding admin-token (default $SITREP_DATA_DIR or .sitrep)',
    )
    .action(async (options: ComponentsOptions) => {
      done(await componentsCommand(options, io))
    })
}
