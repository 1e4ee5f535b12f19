/**
 * `sitrep components` against a real site on SQLite: messages stored by the site's status manager
 * come back as component status rows, as a table and as JSON lines; the site summarizes from the
 * moment it starts (the storage poll runs at once).
 */
import { readFile } from 'node:fs/promises'
import path from 'node:path'
import type { Severity } from '@sitrep/protocol'
import { encodeStatusMessageJson, newMessageId } from '@sitrep/protocol'
import { parseSiteConfig, startSite } from '@sitrep/site'
import type { RunningSite } from '@sitrep/site'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { makeTempDir } from '../../sdk/test/helpers/temp-dir.ts'
import { formatComponentTable } from '../src/commands/components.ts'
import { runCli } from '../src/run-cli.ts'
import { fakeIo } from './cli-io.ts'

describe('sitrep components against a running site', () => {
  let site: RunningSite
  let dataDir: string
  let cleanup: () => Promise<void>
  let sequence = 0

  const send = async (component: string, severity: Severity, n: number): Promise<void> => {
    const at = Date.now() - 1000
    await site.store.enqueueInbox(
      Array.from({ length: n }, () => {
        sequence += 1
        const id = newMessageId(at)
        return {
          id,
          body: JSON.stringify(
            encodeStatusMessageJson({
              id,
              origin: { kind: 'client', id: 'GUID:00000000-0000-0000-0000-0000000000c1' },
              sequence,
              severity,
              messageType: 'milestone',
              messageId: severity === 'error' ? 39999 : severity === 'warning' ? 39998 : 39997,
              module: 'SMS Provider',
              component,
              machine: 'WKS-CLI',
              siteCode: 'PS1',
              topLevelSiteCode: null,
              processId: 0,
              threadId: 0,
              win32Error: 0,
              createdAt: at,
              perClient: false,
              reportFunction: 'report',
              transaction: false,
              successfulTransaction: false,
              insertionStrings: ['x'],
              attributes: [],
            }),
          ),
          receivedAt: at,
          source: 'mp' as const,
          trusted: true,
        }
      }),
    )
  }

  beforeAll(async () => {
    const temp = await makeTempDir('components')
    dataDir = temp.dir
    cleanup = temp.cleanup
    site = await startSite(
      parseSiteConfig({ dataDir, http: { port: 0 }, osLog: { mode: 'off' }, logLevel: 'silent' }),
    )
    await send('Backup', 'warning', 10)
    await send('Backup', 'informational', 3)
    await send('Patching', 'error', 5)
    await send('Inventory', 'informational', 2)
    await site.statusManager.drain()
  })
  afterAll(async () => {
    await site.stop()
    await cleanup()
  })

  it('prints a table with counts and OK / Warning / Critical per machine and component', async () => {
    const io = fakeIo({ homeDir: dataDir })
    const code = await runCli(['components', '--site', site.url, '--data-dir', dataDir], io)
    expect(io.err()).toBe('')
    expect(code).toBe(0)
    const lines = io.out().trimEnd().split('\n')
    expect(lines[0]).toMatch(/^SITE\s+MACHINE\s+COMPONENT\s+INFOS\s+WARNINGS\s+ERRORS\s+STATUS$/)
    const row = (component: string): string[] | undefined =>
      lines.map((l) => l.split(/\s+/)).find((cells) => cells[1] === 'WKS-CLI' && cells[2] === component)
    expect(row('Backup')).toEqual(['PS1', 'WKS-CLI', 'Backup', '3', '10', '0', 'Warning'])
    expect(row('Patching')).toEqual(['PS1', 'WKS-CLI', 'Patching', '0', '0', '5', 'Critical'])
    expect(row('Inventory')).toEqual(['PS1', 'WKS-CLI', 'Inventory', '2', '0', '0', 'OK'])
  })

  it('--json prints one API row per line and --interval picks the window', async () => {
    const token = (await readFile(path.join(dataDir, 'admin-token'), 'utf8')).trim()
    const io = fakeIo({ homeDir: dataDir, env: { SITREP_SITE_URL: site.url, SITREP_TOKEN: token } })
    expect(await runCli(['components', '--json', '--interval', 'last-hour'], io)).toBe(0)
    const rows = io
      .out()
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l) as { machine: string; component: string; warnings: number; status: string })
    expect(rows.find((r) => r.machine === 'WKS-CLI' && r.component === 'Backup')).toMatchObject({
      warnings: 10,
      status: 'warning',
      thresholds: { WW: 10, EE: 5 },
    })
  })

  it('a window the site does not know is refused with the API error, exit 2', async () => {
    const io = fakeIo({ homeDir: dataDir })
    const code = await runCli(
      ['components', '--site', site.url, '--data-dir', dataDir, '--interval', 'fortnight'],
      io,
    )
    expect(code).toBe(2)
    expect(io.err()).toContain('invalid_query')
  })

  it('the site polls its storage at start: GET /api/v1/summaries/site-systems lists the data directory', async () => {
    const token = (await readFile(path.join(dataDir, 'admin-token'), 'utf8')).trim()
    const objects = async (): Promise<{ kind: string; accessible: boolean }[]> => {
      const response = await fetch(`${site.url}/api/v1/summaries/site-systems`, {
        headers: { authorization: `Bearer ${token}` },
      })
      // The documented reply shape (docs/api.md).
      return ((await response.json()) as { objects: { kind: string; accessible: boolean }[] }).objects
    }
    // The first poll runs right after start, off the request path; wait for its result.
    await expect
      .poll(async () => (await objects()).map((o) => o.kind).sort())
      .toEqual(['database', 'directory', 'log'])
    expect((await objects()).every((o) => o.accessible)).toBe(true)
  })

  it('formats an empty interval as a sentence', () => {
    expect(formatComponentTable([])).toBe('no components have reported in this interval\n')
  })
})
