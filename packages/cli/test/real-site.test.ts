/**
 * End to end against the REAL site (`startSite` from @sitrep/site, SQLite in a temp data dir,
 * port 0): `sitrep report` then `sitrep messages --json`, and the spool crash test: a child
 * appends through submitPending() and is SIGKILLed mid-way, then this process sends the spool
 * to the site's MP and every acknowledged id must be stored exactly once.
 */
import { spawn } from 'node:child_process'
import { readdir, readFile } from 'node:fs/promises'
import { createServer } from 'node:net'
import type { AddressInfo } from 'node:net'
import { createRequire } from 'node:module'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { loadSiteConfig, startSite } from '@sitrep/site'
import type { RunningSite } from '@sitrep/site'
import { newMessageId } from '@sitrep/protocol'
import { createSitrepClient } from '@sitrep/sdk'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { makeTempDir } from '../../sdk/test/helpers/temp-dir.ts'
import { SITES_FOLDER } from '@sitrep/sdk'
import { runCli } from '../src/run-cli.ts'
import { fakeIo } from './cli-io.ts'

const CHILD = path.join(path.dirname(fileURLToPath(import.meta.url)), '../../sdk/test/helpers/crash-child.ts')
const TSX = createRequire(import.meta.url).resolve('tsx')

let site: RunningSite
let dataDir: string
let cleanup: () => Promise<void>
beforeEach(async () => {
  const temp = await makeTempDir('real-site')
  dataDir = temp.dir
  cleanup = temp.cleanup
  site = await startSite(loadSiteConfig({ env: {}, overrides: { dataDir, port: 0 } }))
})
afterEach(async () => {
  await site.stop()
  await cleanup()
})

function io(): ReturnType<typeof fakeIo> {
  return fakeIo({
    homeDir: dataDir,
    env: { SITREP_MP_URL: site.url, SITREP_SITE_URL: site.url, SITREP_DATA_DIR: dataDir },
  })
}

/** Every stored message id, through the API's cursor pagination. */
async function storedIds(): Promise<string[]> {
  const token = (await import('node:fs/promises')).readFile(path.join(dataDir, 'admin-token'), 'utf8')
  const ids: string[] = []
  let cursor: number | null = null
  do {
    const query: string = cursor === null ? 'limit=1000' : `limit=1000&cursor=${cursor}`
    const response = await fetch(`${site.url}/api/v1/messages?${query}`, {
      headers: { authorization: `Bearer ${(await token).trim()}` },
    })
    // The site's documented reply shape; the test fails loudly if it changes.
    const body = (await response.json()) as { messages: { id: string }[]; nextCursor: number | null }
    ids.push(...body.messages.map((m) => m.id))
    cursor = body.nextCursor
  } while (cursor !== null)
  return ids
}

/** A port nothing listens on now: taken from the OS, then let go. */
async function freePort(): Promise<number> {
  const server = createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo // listen(0, host) gives an AddressInfo
  await new Promise((resolve) => server.close(resolve))
  return port
}

/** Every stored message id of the site at `url`, with its admin token in `dir`. */
async function idsAt(url: string, dir: string): Promise<string[]> {
  const token = (await readFile(path.join(dir, 'admin-token'), 'utf8')).trim()
  const response = await fetch(`${url}/api/v1/messages?limit=1000`, {
    headers: { authorization: `Bearer ${token}` },
  })
  // The site's documented reply shape; the test fails loudly if it changes.
  return ((await response.json()) as { messages: { id: string }[] }).messages.map((m) => m.id)
}

describe('a message spooled for one site', () => {
  it('is delivered to that site once it answers, never to another site, with one identity per site', async () => {
    const port = await freePort()
    const firstUrl = `http://127.0.0.1:${port}`
    const report = async (mp: string, text: string): Promise<{ code: number; out: string; err: string }> => {
      const cli = io()
      const args = [
        'report',
        '--mp',
        mp,
        '--severity',
        'warning',
        '--component',
        'Spool',
        '--insert',
        text,
        '--json',
      ]
      const code = await runCli(args, cli)
      return { code, out: cli.out(), err: cli.err() }
    }
    const spooled = await report(firstUrl, 'for the first site')
    expect(spooled.code).toBe(0)
    // --json prints one JSON object and nothing else on stdout.
    const spooledReply = JSON.parse(spooled.out) as { id: string; status: string; mp: string }
    expect(spooledReply).toMatchObject({ status: 'spooled', mp: firstUrl })

    const second = await report(site.url, 'for the second site')
    expect(second.code).toBe(0)
    expect(JSON.parse(second.out)).toMatchObject({ status: 'accepted', mp: site.url })
    expect(second.err).toBe('')
    await vi.waitFor(async () => expect(await storedIds()).toHaveLength(1), { timeout: 10_000, interval: 50 })
    expect(await storedIds()).not.toContain(spooledReply.id)

    const first = await makeTempDir('first-site')
    const firstSite = await startSite(loadSiteConfig({ env: {}, overrides: { dataDir: first.dir, port } }))
    try {
      const again = await report(firstUrl, 'the first site is up')
      expect(again.code).toBe(0)
      expect(JSON.parse(again.out)).toMatchObject({ status: 'accepted', mp: firstUrl })
      expect(again.err).toBe('also delivered 1 spooled message\n')
      await vi.waitFor(async () => expect(await idsAt(firstUrl, first.dir)).toContain(spooledReply.id), {
        timeout: 10_000,
        interval: 50,
      })
      expect(await storedIds()).not.toContain(spooledReply.id)
      // Each site knows this client by a key of its own.
      const sites = path.join(dataDir, '.sitrep-client', SITES_FOLDER)
      const keys = await Promise.all(
        (await readdir(sites)).map((dir) => readFile(path.join(sites, dir, 'client-key.pem'), 'utf8')),
      )
      expect(keys).toHaveLength(2)
      expect(new Set(keys).size).toBe(2)
    } finally {
      await firstSite.stop()
      await first.cleanup()
    }
  })
})

describe('against the real site', () => {
  it('sitrep report is readable with sitrep messages --json', async () => {
    const report = io()
    expect(
      await runCli(['report', '--severity', 'error', '--component', 'Demo', '--insert', 'disk full'], report),
    ).toBe(0)
    await vi.waitFor(async () => expect(await storedIds()).toHaveLength(1), { timeout: 10_000, interval: 50 })
    const messages = io()
    expect(await runCli(['messages', '--json'], messages)).toBe(0)
    expect(JSON.parse(messages.out().trim())).toMatchObject({
      severity: 'error',
      component: 'Demo',
      messageId: 39999,
      text: 'disk full',
    })
  })

  it('marks a message taken by the unsigned endpoint in sitrep messages, table and --json', async () => {
    await site.stop()
    site = await startSite({
      ...loadSiteConfig({ env: {}, overrides: { dataDir, port: 0 } }),
      mp: { ...loadSiteConfig({ env: {}, overrides: { dataDir } }).mp, allowUnsigned: true },
    })
    const message = {
      id: newMessageId(Date.now()),
      origin: { kind: 'client', id: 'GUID:5b1c6a8e-0000-4000-8000-0000000000aa' },
      sequence: 1,
      severity: 'warning',
      messageType: 'milestone',
      messageId: 39998,
      module: 'Acme Backup',
      component: 'Unsigned',
      machine: 'WKS-010',
      createdAt: new Date().toISOString(),
      insertionStrings: ['no signature'],
    }
    const posted = await fetch(`${site.url}/mp/v1/status/unsigned`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ messages: [message] }),
    })
    expect(posted.status).toBe(202)
    await vi.waitFor(async () => expect(await storedIds()).toContain(message.id), {
      timeout: 10_000,
      interval: 50,
    })
    const json = io()
    expect(await runCli(['messages', '--component', 'Unsigned', '--json'], json)).toBe(0)
    expect(JSON.parse(json.out().trim())).toMatchObject({ id: message.id, trusted: false })
    const table = io()
    expect(await runCli(['messages', '--component', 'Unsigned'], table)).toBe(0)
    expect(table.out().split('\n')[1]).toMatch(/Unsigned\s+WKS-010\s+39998\s+\[unsigned\] /)
  })

  it('stores exactly once every message submitPending() acknowledged before a SIGKILL', async () => {
    const stateDir = path.join(dataDir, 'client')
    const acknowledged = await new Promise<string[]>((resolve, reject) => {
      const child = spawn(process.execPath, ['--import', TSX, CHILD, stateDir, '10000'], {
        stdio: ['ignore', 'pipe', 'pipe'],
      })
      const ids: string[] = []
      let buffered = ''
      child.stdout.on('data', (chunk: Buffer) => {
        buffered += chunk.toString('utf8')
        const lines = buffered.split('\n')
        buffered = lines.pop() ?? ''
        ids.push(...lines.filter((l) => l !== 'done'))
        if ((ids.length >= 2_000 || lines.includes('done')) && !child.killed) child.kill('SIGKILL')
      })
      child.on('exit', (_code, signal) =>
        signal === 'SIGKILL' ? resolve(ids) : reject(new Error('the crash child exited by itself')),
      )
    })
    const client = createSitrepClient({ target: site.url, stateDir })
    try {
      expect((await client.flush({ deadline: client.clock() + 20_000 })).delivered).toBe(true)
    } finally {
      await client.close()
    }
    await vi.waitFor(
      async () => expect((await storedIds()).length).toBeGreaterThanOrEqual(acknowledged.length),
      {
        timeout: 20_000,
        interval: 100,
      },
    )
    const stored = await storedIds()
    expect(new Set(stored).size).toBe(stored.length)
    const storedSet = new Set(stored)
    expect(acknowledged.filter((id) => !storedSet.has(id))).toEqual([])
  })
})
