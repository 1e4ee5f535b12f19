/**
 * `sitrep app`, `sitrep collection` and `sitrep deploy` against a real site (`startSite`, SQLite
 * in a temp data dir, port 0): content uploads and their refusals, applications from flags and
 * from a JSON file, collections with a query rule, includes, excludes, direct members and
 * maintenance windows, required and available deployments, and a deployment's status with test
 * clients (register, poll policy, report 100xx messages) in every state the CLI counts,
 * "not yet reported" and "unreachable" included.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { createPolicyClient, createSitrepClient } from '@sitrep/sdk'
import type { SitrepClient } from '@sitrep/sdk'
import { loadSiteConfig, startSite } from '@sitrep/site'
import type { RunningSite } from '@sitrep/site'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { runCli } from '../src/run-cli.ts'
import { fakeIo } from './cli-io.ts'

const CONTENT_LIMIT_BYTES = 64 * 1024

let dir: string
let site: RunningSite
/** Added to the site's clock, to make a silent client unreachable without waiting hours. */
let siteClockOffsetMs = 0
const clients: SitrepClient[] = []

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'sitrep-distribution-cli-'))
  const configFile = path.join(dir, 'site.json')
  await writeFile(configFile, JSON.stringify({ distribution: { maxContentBytes: CONTENT_LIMIT_BYTES } }))
  site = await startSite(
    loadSiteConfig({ file: configFile, env: {}, overrides: { dataDir: path.join(dir, 'site'), port: 0 } }),
    { clock: () => Date.now() + siteClockOffsetMs },
  )
  await writeFile(path.join(dir, 'editor.deb'), Buffer.alloc(5000, 7))
  await writeFile(path.join(dir, 'empty.deb'), Buffer.alloc(0))
  await writeFile(path.join(dir, 'huge.deb'), Buffer.alloc(CONTENT_LIMIT_BYTES + 1, 1))
  await writeFile(path.join(dir, 'tool.sh'), '#!/bin/sh\necho tool\n')
})

afterAll(async () => {
  for (const client of clients) await client.close()
  await site.stop()
  await rm(dir, { recursive: true, force: true })
})

/** Runs `sitrep …args` against the test site; resolves to the exit code and what was printed. */
async function sitrep(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  const io = fakeIo({
    homeDir: dir,
    env: { SITREP_SITE_URL: site.url, SITREP_DATA_DIR: path.join(dir, 'site') },
  })
  const code = await runCli(args, io)
  return { code, out: io.out(), err: io.err() }
}

async function json<T>(...args: string[]): Promise<T> {
  const result = await sitrep(...args, '--json')
  expect(result.err).toBe('')
  return JSON.parse(result.out) as T // The command's documented --json shape; the test reads what it needs.
}

const EDITOR_FLAGS = [
  '--name',
  'Editor',
  '--publisher',
  'Example Ltd',
  '--app-version',
  '2.0',
  '--platform',
  'linux',
  '--linux-family',
  'debian',
  '--content',
  'editor.deb',
  '--install',
  '/usr/bin/dpkg',
  '--install',
  '-i',
  '--install',
  'editor.deb',
  '--uninstall',
  '/usr/bin/dpkg',
  '--uninstall',
  '-r',
  '--uninstall',
  'editor',
  '--detect-package',
  'dpkg:editor@2.0',
]

describe('sitrep app', () => {
  it('refuses a 0-byte upload, an oversize upload and a wrong hash, naming the field, and stores none of them', async () => {
    const empty = await sitrep('app', 'upload', path.join(dir, 'empty.deb'))
    expect(empty.code).toBe(2)
    expect(empty.err).toContain('refused it (400 invalid_body):')
    expect(empty.err).toContain('  body: the upload is empty: a content file has at least one byte')

    const huge = await sitrep('app', 'upload', path.join(dir, 'huge.deb'))
    expect(huge.code).toBe(2)
    expect(huge.err).toContain('(413 payload_too_large)')
    expect(huge.err).toContain(`larger than the content limit of ${CONTENT_LIMIT_BYTES} bytes`)

    const wrong = await sitrep('app', 'upload', path.join(dir, 'editor.deb'), '--sha256', 'a'.repeat(64))
    expect(wrong.code).toBe(2)
    expect(wrong.err).toMatch(/ {2}sha256 is a{64} but the uploaded bytes hash to [0-9a-f]{64}/)

    const stored = await fetchJson<{ content: unknown[] }>('/api/v1/content')
    expect(stored.content).toEqual([])
  })

  it('refuses a command line given as a shell string, from flags and from a JSON file, and adds nothing', async () => {
    const flags = await sitrep(
      'app',
      'create',
      '--name',
      'Bad',
      '--install',
      'dpkg -i editor.deb',
      '--detect-file',
      '/x',
    )
    expect(flags.code).toBe(1)
    expect(flags.err).toContain('--install "dpkg -i editor.deb" is a shell command line')
    expect(flags.err).toContain('--install dpkg --install -i --install editor.deb')

    const file = path.join(dir, 'bad-app.json')
    await writeFile(
      file,
      JSON.stringify({
        name: 'Bad',
        deploymentTypes: [
          {
            id: 'deb',
            name: 'Bad',
            platform: 'linux',
            install: 'dpkg -i x.deb',
            detection: { kind: 'file_exists', path: '/x' },
          },
        ],
      }),
    )
    const manifest = await sitrep('app', 'create', '--file', file)
    expect(manifest.code).toBe(2)
    expect(manifest.err).toContain('  deploymentTypes[0].install: a command line is an argv array of strings')
    expect((await sitrep('app', 'list')).out).toBe('no applications yet; add one with `sitrep app create`\n')
  })

  it('creates an application from flags with its content, revises it, and shows both revisions', async () => {
    const flags = EDITOR_FLAGS.map((f, i) => (EDITOR_FLAGS[i - 1] === '--content' ? path.join(dir, f) : f))
    const added = await sitrep('app', 'create', ...flags)
    expect(added.err).toBe('')
    expect(added.code).toBe(0)
    expect(added.out).toMatch(
      /^uploaded editor\.deb \(5000 bytes, sha256 [0-9a-f]{64}\)\nadded APP-00001 "Editor" revision 1\n$/,
    )

    const revised = await sitrep(
      'app',
      'revise',
      'APP-00001',
      '--app-version',
      '2.1',
      '--detect-package',
      'dpkg:editor@2.1',
    )
    expect(revised.out).toBe('revised APP-00001 "Editor" revision 2\n')

    const show = await sitrep('app', 'show', 'APP-00001')
    expect(show.out).toContain('APP-00001  Editor 2.1 by Example Ltd\nrevision 2 of 2, made ')
    expect(show.out).toContain('deployment type linux: Editor (linux)\n  platform   linux/debian\n')
    expect(show.out).toContain('  install    /usr/bin/dpkg -i editor.deb\n')
    expect(show.out).toContain('  uninstall  /usr/bin/dpkg -r editor\n')
    expect(show.out).toMatch(/ {2}content {4}editor\.deb {2}5000 bytes {2}sha256 [0-9a-f]{64}\n/)
    expect(show.out).toContain('  detection  dpkg package editor 2.1 or later installed\n')
    expect(show.out).toMatch(/revisions: 1 \(.+, admin\), 2 \(.+, admin\)\n$/)

    const first = await json<{ application: { application: { version: string } } }>(
      'app',
      'show',
      'APP-00001',
      '--revision',
      '1',
    )
    expect(first.application.application.version).toBe('2.0')

    const again = await sitrep('app', 'upload', path.join(dir, 'editor.deb'))
    expect(again.out).toMatch(/^editor\.deb is on the site already \(5000 bytes, sha256 [0-9a-f]{64}\)\n$/)
  })

  it('creates an application from a JSON file whose content names a local file, lists it, and deletes it', async () => {
    const file = path.join(dir, 'tool.json')
    await writeFile(
      file,
      JSON.stringify({
        name: 'Tool',
        deploymentTypes: [
          {
            id: 'sh',
            name: 'Tool script',
            platform: 'any',
            install: ['/bin/sh', 'tool.sh'],
            content: [{ file: 'tool.sh', executable: true }],
            detection: { kind: 'file_exists', path: '/opt/tool' },
          },
        ],
      }),
    )
    const added = await sitrep('app', 'create', '--file', file)
    expect(added.out).toMatch(
      /uploaded tool\.sh \(20 bytes, sha256 [0-9a-f]{64}\)\nadded APP-00002 "Tool" revision 1\n$/,
    )

    const listed = (await sitrep('app', 'list', '--json')).out
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { id: string })
    expect(listed.map((a) => a.id).sort()).toEqual(['APP-00001', 'APP-00002'])
    const table = (await sitrep('app', 'list')).out
    expect(table.split('\n')[0]).toMatch(/^ID {9}NAME {4}VERSION {2}PUBLISHER {4}REVISION {2}PLATFORMS$/)

    expect((await sitrep('app', 'delete', 'APP-00002')).out).toBe('removed APP-00002\n')
    expect((await sitrep('app', 'show', 'APP-00404')).err).toContain('(404 not_found)')
  })
})

describe('sitrep collection', () => {
  it('creates a collection with a query rule and a maintenance window, and refuses an invalid schedule naming the field', async () => {
    const created = await sitrep(
      'collection',
      'create',
      '--name',
      'Debian machines',
      '--platform',
      'linux',
      '--linux-family',
      'debian',
      '--window',
      'daily 02:00 2h Europe/Berlin',
    )
    expect(created.err).toBe('')
    expect(created.out).toBe('created PS110001 "Debian machines": 0 members\n')

    const badZone = await sitrep(
      'collection',
      'create',
      '--name',
      'Night',
      '--window',
      'daily 25:00 2h Mars/Base',
    )
    expect(badZone.code).toBe(2)
    expect(badZone.err).toContain('  maintenanceWindows[0].timeZone: timeZone is not a known IANA time zone')
    expect(badZone.err).toContain('  maintenanceWindows[0].start: a start time is HH:MM, 00:00–23:59')

    const badRecurrence = await sitrep(
      'collection',
      'create',
      '--name',
      'Night',
      '--window',
      'fortnightly 02:00 2h UTC',
    )
    expect(badRecurrence.code).toBe(1)
    expect(badRecurrence.err).toContain(
      '--window "fortnightly 02:00 2h UTC": "fortnightly" is not a recurrence',
    )

    const show = await sitrep('collection', 'show', 'PS110001')
    expect(show.out).toContain('rule 1: platform linux and Linux family debian\n')
    expect(show.out).toContain('maintenance window: daily at 02:00 Europe/Berlin for 120 min, all programs\n')
    expect((await sitrep('collection', 'list')).out).not.toContain('Night')
  })

  it('refuses a collection that includes itself, naming the field, and leaves it as it was', async () => {
    const self = await sitrep('collection', 'update', 'PS110001', '--include', 'PS110001')
    expect(self.code).toBe(2)
    expect(self.err).toMatch(/refused it \(400 invalid_body\):\n {2}include.*PS110001/)
    const after = await json<{ collection: { definition: { include: string[] } } }>(
      'collection',
      'show',
      'PS110001',
    )
    expect(after.collection.definition.include).toEqual([])
  })

  it('creates a collection of direct members, includes and excludes, shows its members, and deletes it', async () => {
    await registerClient('LAB-01', { platform: 'linux', linuxFamily: 'rhel' })
    await registerClient('LAB-02', { platform: 'linux', linuxFamily: 'debian' })
    const created = await sitrep(
      'collection',
      'create',
      '--name',
      'Lab',
      '--member',
      'LAB-01',
      '--include',
      'SMS000LX',
      '--exclude',
      'PS110001',
    )
    expect(created.out).toMatch(/^created PS110002 "Lab": \d+ members?\n$/)
    const show = await json<{ members: { machine: string }[] }>('collection', 'show', 'PS110002')
    expect(show.members.map((m) => m.machine)).toContain('LAB-01')
    expect(show.members.map((m) => m.machine)).not.toContain('LAB-02') // A Debian machine: excluded.
    const text = (await sitrep('collection', 'show', 'PS110002')).out
    expect(text).toContain('direct members: LAB-01\nincludes: SMS000LX\nexcludes: PS110001\n')
    expect(text).toMatch(/CLIENT +MACHINE +SINCE\nGUID:\S+ +LAB-01 /)

    const list = (await sitrep('collection', 'list')).out
    expect(list).toMatch(/SMS00001 +All clients +\d+ +built-in/)
    expect(list).toMatch(/PS110002 +Lab +\d+ +custom/)
    expect((await sitrep('collection', 'delete', 'SMS00001')).err).toContain('(409 conflict)')
    expect((await sitrep('collection', 'delete', 'PS110002')).out).toBe('removed PS110002\n')
  })
})

describe('sitrep deploy', () => {
  it('creates required and available deployments, refusing a bad schedule with the field named', async () => {
    const required = await sitrep(
      'deploy',
      'create',
      '--app',
      'APP-00001',
      '--collection',
      'PS110001',
      '--intent',
      'required',
      '--deadline',
      '+1d',
    )
    expect(required.err).toBe('')
    expect(required.out).toMatch(
      /^created PS120001: install Editor \(APP-00001\) revision 2 on Debian machines \(PS110001\), required, available \S+, deadline \S+\n$/,
    )

    const friday = await sitrep(
      'deploy',
      'create',
      '--app',
      'APP-00001',
      '--collection',
      'PS110001',
      '--intent',
      'required',
      '--deadline',
      'friday',
    )
    expect(friday.code).toBe(1)
    expect(friday.err).toContain('--deadline must be an ISO 8601 time with a zone')

    const early = await sitrep(
      'deploy',
      'create',
      '--app',
      'APP-00001',
      '--collection',
      'PS110001',
      '--intent',
      'required',
      '--available-at',
      '+2d',
      '--deadline',
      '+1d',
    )
    expect(early.code).toBe(2)
    expect(early.err).toMatch(/\n {2}settings\.deadline/)

    const available = await sitrep(
      'deploy',
      'create',
      '--app',
      'APP-00001',
      '--revision',
      '1',
      '--collection',
      'PS110001',
      '--intent',
      'available',
    )
    expect(available.out).toMatch(
      /^created PS120002: install Editor \(APP-00001\) revision 1 on .*, available from /,
    )

    const listed = (await sitrep('deploy', 'list', '--json')).out
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { id: string })
    expect(listed.map((d) => d.id)).toEqual(['PS120002', 'PS120001'])
  })

  it('counts every expected reporter in its state, with not yet reported and unreachable', async () => {
    const done = await registerClient('DEB-001', { platform: 'linux', linuxFamily: 'debian' })
    const failed = await registerClient('DEB-002', { platform: 'linux', linuxFamily: 'debian' })
    const moving = await registerClient('DEB-003', { platform: 'linux', linuxFamily: 'debian' })
    await registerClient('DEB-004', { platform: 'linux', linuxFamily: 'debian' })
    const stateOf = async (machine: string): Promise<string | undefined> => {
      const { status } = await json<{ status: { clients: { machine: string; state: string }[] } }>(
        'deploy',
        'status',
        'PS120001',
      )
      return status.clients.find((c) => c.machine === machine)?.state
    }
    const steps: [number, string][] = [
      [10002, 'in_progress'],
      [10035, 'waiting_content'],
      [10073, 'waiting_maintenance_window'],
      [10037, 'waiting_another_installation'],
      [10018, 'requirements_not_met'],
      [10022, 'restart_pending'],
    ]
    for (const [messageId, state] of steps) {
      await report(moving, messageId)
      await waitFor(async () => (await stateOf('DEB-003')) === state, `${messageId} → ${state}`)
    }
    await report(done, 10008)
    await report(failed, 10006, ['Editor', '1603'])
    await waitFor(async () => (await stateOf('DEB-002')) === 'error', 'DEB-002 in error')
    await waitFor(async () => (await stateOf('DEB-001')) === 'success', 'DEB-001 in success')

    const text = (await sitrep('deploy', 'status', 'PS120001')).out
    // LAB-02, a Debian machine from the collection tests, is the fifth expected reporter.
    expect(text).toContain('5 expected reporters\n')
    expect(text).toMatch(/\nsuccess +1 +20\.0%\n/)
    expect(text).toMatch(/\nrestart pending +1 +20\.0%\n/)
    expect(text).toMatch(/\nerror +1 +20\.0%\n/)
    expect(text).toMatch(/\nnot yet reported +2 +40\.0%\n/)
    expect(text).toMatch(/\nunreachable +0 +0\.0%\n/)
    const errors = (await sitrep('deploy', 'status', 'PS120001', '--state', 'error')).out
    expect(errors).toMatch(/\nGUID:\S+ +DEB-002 +error +1603 +10006 /)

    // Silence past two poll intervals and the jitter, as the site's clock sees it: the client that
    // never reported becomes unreachable, and so does one whose restart is pending; settled states stay.
    siteClockOffsetMs = 3 * 3_600_000
    try {
      const later = await json<{ status: { expected: number; counts: Record<string, number> } }>(
        'deploy',
        'status',
        'PS120001',
      )
      expect(later.status.expected).toBe(5)
      expect(later.status.counts).toMatchObject({ success: 1, error: 1, unreachable: 3, not_reported: 0 })
    } finally {
      siteClockOffsetMs = 0
    }
  })

  it('cancels a deployment, which leaves the active list', async () => {
    expect((await sitrep('deploy', 'delete', 'PS120002')).out).toBe('cancelled PS120002\n')
    const table = (await sitrep('deploy', 'list')).out
    expect(table).toMatch(/PS120002 .* cancelled\n/)
    const active = (await sitrep('deploy', 'list', '--active', '--json')).out.trim().split('\n')
    expect(active.map((l) => (JSON.parse(l) as { id: string }).id)).toEqual(['PS120001'])
    expect((await sitrep('app', 'delete', 'APP-00001')).err).toContain('(409 conflict)')
  })
})

/** Registers a test client and polls policy once with its facts, so rules place it in collections. */
async function registerClient(
  machine: string,
  facts: { platform: 'linux'; linuxFamily: 'debian' | 'rhel' },
): Promise<SitrepClient> {
  const reporter = createSitrepClient({
    target: site.url,
    stateDir: await mkdtemp(path.join(dir, 'client-')),
    machine,
  })
  clients.push(reporter)
  const registration = await reporter.register()
  if (registration.clientId === undefined || registration.siteKey === undefined) {
    throw new Error(`registration of ${machine} gave no client ID or policy key`)
  }
  const policy = createPolicyClient({
    mpUrl: site.url,
    signer: { clientId: registration.clientId, privateKey: (await reporter.identity()).privateKey },
    policyKey: registration.siteKey,
  })
  await policy.requestAssignments({ facts })
  return reporter
}

async function report(
  client: SitrepClient,
  messageId: number,
  insertionStrings: string[] = [],
): Promise<void> {
  const message = await client.buildMessage({
    severity: messageId === 10006 ? 'error' : 'informational',
    messageId,
    module: 'SMS Client',
    component: 'Software Distribution',
    insertionStrings,
    attributes: [{ id: 401, value: 'PS120001' }],
  })
  expect((await client.submit(message)).status).toBe('accepted')
}

async function waitFor(check: () => Promise<boolean>, what: string): Promise<void> {
  const deadline = Date.now() + 10_000
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`)
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
}

async function fetchJson<T>(url: string): Promise<T> {
  const token = (await import('node:fs/promises')).readFile(path.join(dir, 'site', 'admin-token'), 'utf8')
  const response = await fetch(`${site.url}${url}`, {
    headers: { authorization: `Bearer ${(await token).trim()}` },
  })
  return (await response.json()) as T // The API's documented reply; the test reads what it needs.
}
