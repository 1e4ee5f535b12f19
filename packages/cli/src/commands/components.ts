import { listComponentSummaries, routePath } from '@sitrep/api'
import type { ComponentSummaryView } from '@sitrep/api'
import type { Command } from 'commander'
import { cellText, getSiteJson } from '../site-api.ts'
import type { CliIo } from '../cli-io.ts'
import { EXIT } from '../cli-io.ts'

/** Options of `sitrep components`. */
export interface ComponentsOptions {
  readonly site?: string
  readonly interval?: string
  readonly json?: boolean
  readonly token?: string
  readonly dataDir?: string
}

const STATUS_WORDS: Readonly<Record<string, string>> = { ok: 'OK', warning: 'Warning', critical: 'Critical' }

/**
 * The fields of a component row the table shows, typed by the `@sitrep/api` contract (a field
 * renamed there fails here); `--json` passes each row through as sent. Partial: read defensively.
 */
type ComponentRow = Partial<
  Pick<
    ComponentSummaryView,
    'siteCode' | 'machine' | 'component' | 'infos' | 'warnings' | 'errors' | 'status'
  >
>

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
  const path = routePath(listComponentSummaries, {}, { interval: options.interval })
  const reply = await getSiteJson('components', path, options, io)
  if (!reply.ok) return reply.exitCode
  const { body, siteUrl } = reply
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
    cellText(r.siteCode),
    cellText(r.machine),
    cellText(r.component),
    cellText(r.infos),
    cellText(r.warnings),
    cellText(r.errors),
    STATUS_WORDS[cellText(r.status)] ?? cellText(r.status),
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
