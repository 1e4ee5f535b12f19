// The CLI through runCli with fake io, against a real HTTP management point on 127.0.0.1:0
// (the SDK's test MP, which implements docs/protocol.md's registration and status contract).
import { mkdir, readFile, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { makeTempDir } from '../../sdk/test/helpers/temp-dir.ts'
import { startTestMp, type TestMp } from '../../sdk/test/helpers/test-mp.ts'
import { runCli } from '../src/run-cli.ts'
import { fakeIo } from './cli-io.ts'

let mp: TestMp
let home: string
let cleanup: () => Promise<void>
beforeEach(async () => {
  mp = await startTestMp()
  const temp = await makeTempDir('cli')
  home = temp.dir
  cleanup = temp.cleanup
})
afterEach(async () => {
  await mp.close()
  await cleanup()
})

/** io whose client state lives in the temp home and whose MP is the test MP. */
function io(env: Record<string, string> = {}): ReturnType<typeof fakeIo> {
  return fakeIo({ homeDir: home, env: { SITREP_MP_URL: mp.url, SITREP_SITE_URL: mp.url, ...env } })
}

describe('sitrep --help', () => {
  it.each(['report', 'register', 'messages', 'token', 'up'])(
    'prints usage for %s and exits 0',
    async (command) => {
      const cli = io()
      expect(await runCli([command, '--help'], cli)).toBe(0)
      expect(cli.out()).toContain(`Usage: sitrep ${command}`)
    },
  )
})

describe('sitrep report --help', () => {
  it('marks the options it cannot do without as required, and only those', async () => {
    const cli = io()
    expect(await runCli(['report', '--help'], cli)).toBe(0)
    const lines = cli.out().split('\n')
    const required = lines.filter((l) => l.includes('(required)')).map((l) => l.trim().split(/\s+/)[0])
    expect(required).toEqual(['--severity', '--component'])
  })
  it.each([
    [
      ['app', 'create'],
      ['--name', '--install', '--detect-file', '--detect-package', '--detect-script'],
    ],
    [['app', 'revise'], []],
    [['collection', 'create'], ['--name']],
    [
      ['deploy', 'create'],
      ['--app', '--collection', '--intent'],
    ],
  ])(
    'sitrep %j --help marks what it needs, also where --file can give it instead',
    async (command, needed) => {
      const cli = io()
      expect(await runCli([...command, '--help'], cli)).toBe(0)
      const marked = cli
        .out()
        .split('\n')
        .filter((l) => /^\s+--\S+ .*\((one --detect-… )?required/.test(l))
        .map((l) => l.trim().split(/\s+/)[0])
      expect(marked).toEqual(needed)
    },
  )
})

describe('sitrep --version', () => {
  it('prints the version of the package and exits 0', async () => {
    const cli = io()
    expect(await runCli(['--version'], cli)).toBe(0)
    const { version } = JSON.parse(
      await readFile(path.join(import.meta.dirname, '../package.json'), 'utf8'),
    ) as { version: string }
    expect(cli.out()).toBe(`${version}\n`)
  })
})

describe('sitrep report', () => {
  it('raises a generic error message, registering on first use, and exits 0 once the MP accepted it', async () => {
    const cli = io()
    const code = await runCli(
      ['report', '--severity', 'error', '--component', 'Demo', '--insert', 'disk full'],
      cli,
    )
    expect(cli.err()).toBe('')
    expect(code).toBe(0)
    expect(cli.out()).toMatch(
      /^accepted [0-9a-f-]{36} \(SMS Provider 39999, error\) by http:\/\/127\.0\.0\.1:\d+\n$/,
    )
    expect(mp.stored[0]).toMatchObject({
      module: 'SMS Provider',
      messageId: 39999,
      severity: 'error',
      component: 'Demo',
      insertionStrings: ['disk full'],
    })
  })

  it('takes --id, --module, --attr, --site-code and --machine', async () => {
    const cli = io()
    const args = [
      'report',
      '--severity',
      'warning',
      '--id',
      '1001',
      '--module',
      'Contoso',
      '--component',
      'Agent',
    ]
    args.push('--attr', '400=PS100001', '--site-code', 'PS1', '--machine', 'WKS-9', '--json')
    expect(await runCli(args, cli)).toBe(0)
    expect(JSON.parse(cli.out())).toMatchObject({ status: 'accepted', sequence: 1 })
    expect(mp.stored[0]).toMatchObject({
      messageId: 1001,
      module: 'Contoso',
      siteCode: 'PS1',
      machine: 'WKS-9',
      attributes: [{ id: 400, value: 'PS100001' }],
    })
  })

  it('spools and exits 0 when the MP is unreachable, and a later report to that MP delivers the spooled one too', async () => {
    const url = mp.url
    await mp.close()
    const offline = io({ SITREP_MP_URL: url })
    expect(
      await runCli(
        ['report', '--severity', 'informational', '--component', 'Demo', '--insert', 'first'],
        offline,
      ),
    ).toBe(0)
    expect(offline.out()).toMatch(/^spooled /)
    // The network error names its code once (Node's message already carries it).
    expect(offline.out().match(/ECONNREFUSED/g)).toHaveLength(1)
    // The same MP comes back on the same URL.
    mp = await startTestMp({ port: Number(new URL(url).port) })
    const online = io()
    expect(
      await runCli(
        ['report', '--severity', 'informational', '--component', 'Demo', '--insert', 'second'],
        online,
      ),
    ).toBe(0)
    expect(online.err()).toBe('also delivered 1 spooled message\n')
    expect(mp.stored.map((m) => m.insertionStrings[0]).sort()).toEqual(['first', 'second'])
  })

  it('exits 3 with --wait when the message is not delivered in time', async () => {
    const url = mp.url
    await mp.close()
    const cli = io({ SITREP_MP_URL: url })
    const args = ['report', '--severity', 'error', '--component', 'Demo', '--wait', '--wait-timeout', '0']
    expect(await runCli(args, cli)).toBe(3)
    expect(cli.out()).toMatch(/not delivered within 0 s/)
    mp = await startTestMp()
  })

  it('exits 0 with --wait once the spool delivered after a Retry-After', async () => {
    mp.failNext({ status: 503, code: 'unavailable', retryAfterSeconds: 0 })
    const cli = io()
    expect(await runCli(['report', '--severity', 'error', '--component', 'Demo', '--wait'], cli)).toBe(0)
    expect(cli.out()).toMatch(/^delivered /)
    expect(mp.stored).toHaveLength(1)
  })

  it('exits 1 naming the flag for a bad severity, a bad --attr and a too-long --insert', async () => {
    const bad = io()
    expect(await runCli(['report', '--severity', 'fatal', '--component', 'Demo'], bad)).toBe(1)
    expect(bad.err()).toBe('sitrep: --severity must be one of informational, warning, error, got "fatal"\n')
    const attr = io()
    expect(await runCli(['report', '--severity', 'error', '--component', 'Demo', '--attr', 'x'], attr)).toBe(
      1,
    )
    expect(attr.err()).toContain('--attr must look like ID=VALUE')
    const long = io()
    expect(
      await runCli(
        ['report', '--severity', 'error', '--component', 'Demo', '--insert', 'x'.repeat(256)],
        long,
      ),
    ).toBe(1)
    expect(long.err()).toContain('--insert #1: insertionStrings[0] is 256 characters long; the limit is 255')
  })

  it('exits 1 when --component is missing', async () => {
    const cli = io()
    expect(await runCli(['report', '--severity', 'error'], cli)).toBe(1)
    expect(cli.err()).toContain("required option '--component <name>' not specified")
  })

  it('exits 2 when the MP rejects the message', async () => {
    mp.rejectWhenInsertion = 'bad'
    const cli = io()
    expect(
      await runCli(['report', '--severity', 'error', '--component', 'Demo', '--insert', 'bad'], cli),
    ).toBe(2)
    expect(cli.err()).toContain('the MP rejected')
  })
})

describe('sitrep register', () => {
  it('prints the client ID and status, and the same ID on a second run', async () => {
    const first = io()
    expect(await runCli(['register'], first)).toBe(0)
    const id = /registered (GUID:[0-9a-f-]+) with/.exec(first.out())?.[1]
    expect(first.out()).toContain('status 0 (accepted)')
    const second = io()
    expect(await runCli(['register', '--json'], second)).toBe(0)
    expect(JSON.parse(second.out())).toMatchObject({ status: 0, statusName: 'accepted', clientId: id })
  })

  it('exits 2 when the site rejects the registration', async () => {
    mp.registrationStatus = 3
    const cli = io()
    expect(await runCli(['register', '--token', 'wrong'], cli)).toBe(2)
    expect(cli.out()).toContain('status 3 (rejected)')
  })
})

describe('sitrep messages', () => {
  it('prints what report raised, one JSON object per line, with the token from the data directory', async () => {
    const dataDir = path.join(home, 'site-data')
    await mkdir(dataDir)
    await writeFile(path.join(dataDir, 'admin-token'), `${mp.adminToken}\n`)
    expect(
      await runCli(['report', '--severity', 'error', '--component', 'Demo', '--insert', 'disk full'], io()),
    ).toBe(0)
    const cli = io({ SITREP_DATA_DIR: dataDir })
    expect(await runCli(['messages', '--severity', 'error', '--json'], cli)).toBe(0)
    const lines = cli.out().trim().split('\n')
    expect(lines).toHaveLength(1)
    expect(JSON.parse(lines[0] ?? '')).toMatchObject({
      component: 'Demo',
      messageId: 39999,
      insertionStrings: ['disk full'],
    })
  })

  it('prints a table with time, severity, component, machine, ID and text', async () => {
    await runCli(
      ['report', '--severity', 'warning', '--component', 'Demo', '--machine', 'WKS-1', '--insert', 'low'],
      io(),
    )
    const cli = io({ SITREP_TOKEN: mp.adminToken })
    expect(await runCli(['messages'], cli)).toBe(0)
    const [header, row] = cli.out().split('\n')
    expect(header).toMatch(/^TIME\s+SEVERITY\s+COMPONENT\s+MACHINE\s+ID\s+TEXT$/)
    expect(row).toMatch(/^\d{4}-\d\d-\d\dT\S+Z\s+warning\s+Demo\s+WKS-1\s+39998\s+text of 39998$/)
  })

  it('exits 2 with a hint when the token is refused, and when there is none', async () => {
    const refused = io({ SITREP_TOKEN: 'nope' })
    expect(await runCli(['messages'], refused)).toBe(2)
    expect(refused.err()).toContain('answered 401: unauthorized: ')
    // The site's answer names `sitrep token` already; the CLI does not say it a second time.
    expect(refused.err().match(/`sitrep token`/g)).toHaveLength(1)
    const none = io({ SITREP_DATA_DIR: path.join(home, 'nowhere') })
    expect(await runCli(['messages'], none)).toBe(2)
    expect(none.err()).toContain('no admin token at')
  })

  it('exits 1 for a --since it cannot read', async () => {
    const cli = io({ SITREP_TOKEN: mp.adminToken })
    expect(await runCli(['messages', '--since', 'yesterday-ish'], cli)).toBe(1)
  })
})

describe('sitrep token', () => {
  it('prints the token from --data-dir', async () => {
    await writeFile(path.join(home, 'admin-token'), 'secret-token\n')
    const cli = io()
    expect(await runCli(['token', '--data-dir', home], cli)).toBe(0)
    expect(cli.out()).toBe('secret-token\n')
  })

  it('exits 2 and says how to create one when the file is missing', async () => {
    const cli = io()
    expect(await runCli(['token', '--data-dir', path.join(home, 'missing')], cli)).toBe(2)
    expect(cli.err()).toContain('start the site there first')
  })
})
