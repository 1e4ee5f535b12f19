/**
 * `sitrep report --site URL` against a real site on SQLite: the message is raised on the site
 * server through the provider endpoint with the site's admin token or an API token, and
 * `sitrep messages` reads it back rendered.
 */
import { parseSiteConfig, startSite } from '@sitrep/site'
import type { RunningSite } from '@sitrep/site'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { makeTempDir } from '../../sdk/test/helpers/temp-dir.ts'
import { runCli } from '../src/run-cli.ts'
import { fakeIo } from './cli-io.ts'

describe('sitrep report --site against a running site', () => {
  let site: RunningSite
  let dataDir: string
  let cleanup: () => Promise<void>

  beforeAll(async () => {
    const temp = await makeTempDir('report-site')
    dataDir = temp.dir
    cleanup = temp.cleanup
    site = await startSite(
      parseSiteConfig({ dataDir, http: { port: 0 }, osLog: { mode: 'off' }, logLevel: 'silent' }),
    )
  })
  afterAll(async () => {
    await site.stop()
    await cleanup()
  })

  it('raises a generic warning with the admin token from the data directory and reads it back rendered', async () => {
    const io = fakeIo({ homeDir: dataDir })
    const code = await runCli(
      [
        'report',
        '--site',
        site.url,
        '--data-dir',
        dataDir,
        '--severity',
        'warning',
        '--component',
        'Backup',
        '--insert',
        'Disk D: is nearly full',
        '--attr',
        '400=PS100001',
        '--json',
      ],
      io,
    )
    expect(io.err()).toBe('')
    expect(code).toBe(0)
    const raised = JSON.parse(io.out()) as { status: string; id: string; module: string; messageId: number }
    expect(raised).toMatchObject({ status: 'accepted', module: 'SMS Provider', messageId: 39998 })

    await site.statusManager.drain()
    const read = fakeIo({ homeDir: dataDir })
    expect(
      await runCli(
        ['messages', '--site', site.url, '--data-dir', dataDir, '--component', 'Backup', '--json'],
        read,
      ),
    ).toBe(0)
    const lines = read
      .out()
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { id: string; text: string; origin: { kind: string } })
    const message = lines.find((m) => m.id === raised.id)
    expect(message).toMatchObject({ text: 'Disk D: is nearly full', origin: { kind: 'site' } })
  })

  it('raises the informational and error generic messages as SMS Provider 39997 and 39999', async () => {
    for (const [severity, messageId] of [
      ['informational', 39997],
      ['error', 39999],
    ] as const) {
      const io = fakeIo({ homeDir: dataDir })
      const args = ['report', '--site', site.url, '--data-dir', dataDir, '--severity', severity]
      const code = await runCli(
        [...args, '--component', 'Nightly', '--insert', `${severity} text`, '--json'],
        io,
      )
      expect(io.err()).toBe('')
      expect(code).toBe(0)
      expect(JSON.parse(io.out())).toMatchObject({
        status: 'accepted',
        module: 'SMS Provider',
        messageId,
        severity,
      })
    }
    await site.statusManager.drain()
    const read = fakeIo({ homeDir: dataDir })
    const list = ['messages', '--site', site.url, '--data-dir', dataDir, '--component', 'Nightly', '--json']
    expect(await runCli(list, read)).toBe(0)
    const texts = read
      .out()
      .trim()
      .split('\n')
      .map((line) => (JSON.parse(line) as { text: string }).text)
    expect(texts.sort()).toEqual(['error text', 'informational text'])
  })

  it('raises a raw message of a vendor module with --id, --module and SITREP_TOKEN', async () => {
    const io = fakeIo({ homeDir: dataDir, env: { SITREP_TOKEN: site.adminToken } })
    const code = await runCli(
      [
        'report',
        '--site',
        site.url,
        '--severity',
        'error',
        '--module',
        'Contoso Agent',
        '--id',
        '12',
        '--component',
        'ContosoSvc',
        '--insert',
        'queue stuck',
      ],
      io,
    )
    expect(io.err()).toBe('')
    expect(code).toBe(0)
    expect(io.out()).toMatch(/^accepted \S+ \(Contoso Agent 12, error\) by site http/)
  })

  it('says which token it needs when the site refuses the caller, and exits 2', async () => {
    const io = fakeIo({ homeDir: dataDir })
    const code = await runCli(
      [
        'report',
        '--site',
        site.url,
        '--token',
        'not-a-token',
        '--severity',
        'error',
        '--component',
        'X',
        '--insert',
        'x',
      ],
      io,
    )
    expect(code).toBe(2)
    expect(io.err()).toMatch(/refused the message: unauthorized/)
    expect(io.err()).toMatch(/reporter token/)
    expect(io.err().match(/`sitrep token`/g)).toHaveLength(1)
  })

  it('names a field the site refuses once, not again in the field list, and exits 2', async () => {
    const io = fakeIo({ homeDir: dataDir })
    const code = await runCli(
      [
        'report',
        '--site',
        site.url,
        '--data-dir',
        dataDir,
        '--severity',
        'error',
        '--component',
        'c'.repeat(300),
        '--insert',
        'x',
      ],
      io,
    )
    expect(code).toBe(2)
    expect(io.err()).toMatch(/refused the message: invalid_body: messages\[0\]\.component: /)
    expect(io.err().match(/component/g)).toHaveLength(1)
  })

  it('refuses --wait together with --site as a usage error (exit 1), naming both', async () => {
    const io = fakeIo({ homeDir: dataDir })
    const code = await runCli(
      ['report', '--site', site.url, '--wait', '--severity', 'error', '--component', 'X', '--insert', 'x'],
      io,
    )
    expect(code).toBe(1)
    expect(io.err()).toMatch(/--wait is for reporting through an MP; --site raises on the site server itself/)
  })
})
