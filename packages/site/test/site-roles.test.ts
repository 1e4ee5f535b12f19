import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { generateKeyPairSync, sign } from 'node:crypto'
import { newMessageId } from '@sitrep/protocol'
import { pino } from 'pino'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { parseSiteConfig } from '../src/config.ts'
import { startSite } from '../src/start-site.ts'
import type { RunningSite } from '../src/start-site.ts'

describe('a site split into a management point process and a status manager process', () => {
  let dir: string
  let mp: RunningSite
  let statusManager: RunningSite
  const quiet = { logger: pino({ level: 'silent' }) }
  const config = (roles: string[]) =>
    parseSiteConfig({
      dataDir: dir,
      http: { port: 0 },
      osLog: { mode: 'off' },
      roles,
      statusManager: { idlePollMs: 20 },
    })

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'sitrep-roles-'))
    // Both use the same data directory, so the same SQLite file: two processes of one site.
    mp = await startSite(config(['management-point']), quiet)
    statusManager = await startSite(config(['status-manager']), quiet)
  })
  afterAll(async () => {
    await mp.stop()
    await statusManager.stop()
    rmSync(dir, { recursive: true, force: true })
  })

  it('says which roles each process runs', async () => {
    const health = async (url: string) =>
      ((await (await fetch(`${url}/api/v1/health`)).json()) as { roles: string[] }).roles
    expect(await health(mp.url)).toEqual(['management-point'])
    expect(await health(statusManager.url)).toEqual(['status-manager'])
  })

  it('serves /mp/v1 only where the management point runs', async () => {
    expect((await fetch(`${statusManager.url}/mp/v1/location`)).status).toBe(404)
    expect((await fetch(`${mp.url}/mp/v1/location`)).status).toBe(200)
  })

  it('stores through the status manager process what the management point process accepted', async () => {
    const { publicKey, privateKey } = generateKeyPairSync('ed25519')
    const raw = publicKey.export({ format: 'der', type: 'spki' }).subarray(-32).toString('base64')
    const proof = sign(null, Buffer.from(`sitrep-register-v1\n${raw}`), privateKey).toString('base64')
    const registration = await fetch(`${mp.url}/mp/v1/registration`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        requestType: 'registration',
        machine: { netbiosName: 'WKS-9', fqdn: 'wks-9', localeId: 1033 },
        agent: { identity: 'test', version: '1', type: 0 },
        publicKey: raw,
        proof,
      }),
    })
    // The registration reply documented in docs/protocol.md.
    const { clientId } = (await registration.json()) as { clientId: string }
    const now = Date.now()
    const id = newMessageId(now)
    const body = Buffer.from(
      JSON.stringify({
        messages: [
          {
            id,
            origin: { kind: 'client', id: clientId },
            sequence: 1,
            severity: 'warning',
            messageType: 'milestone',
            messageId: 39998,
            module: 'SMS Provider',
            component: 'Split',
            machine: 'WKS-9',
            createdAt: new Date(now).toISOString(),
            insertionStrings: ['through two processes'],
          },
        ],
      }),
    )
    const timestamp = new Date(now).toISOString()
    const signature = sign(
      null,
      Buffer.concat([Buffer.from(`sitrep-v1\nPOST\n/mp/v1/status\n${timestamp}\n`), body]),
      privateKey,
    )
    const posted = await fetch(`${mp.url}/mp/v1/status`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-sitrep-client-id': clientId,
        'x-sitrep-timestamp': timestamp,
        'x-sitrep-signature': `ed25519=${signature.toString('base64')}`,
      },
      body,
    })
    expect(posted.status).toBe(202)
    // The management point process does not process its inbox; the other process does.
    await expect
      .poll(() => statusManager.store.countMessages({ component: 'Split' }), {
        timeout: 10_000,
        interval: 25,
      })
      .toBe(1)
    expect((await statusManager.store.listMessages({ component: 'Split' }))[0]?.id).toBe(id)
  })
})
