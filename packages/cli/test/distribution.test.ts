/**
 * Software distribution end to end against the real site (`startSite`, SQLite in a temp data
 * dir): an application with content, a collection with a query rule, a deployment, and test
 * clients that register, poll policy, fetch and verify bodies, download content with a range
 * and a resume, and report 100xx messages that move the deployment through its states.
 */
import { createHash } from 'node:crypto'
import { readFile, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { Readable } from 'node:stream'
import { createPolicyClient, createSitrepClient, verifySignedPolicy } from '@sitrep/sdk'
import type { PolicyClient, SitrepClient } from '@sitrep/sdk'
import { deploymentStatus, loadSiteConfig, startSite } from '@sitrep/site'
import type { RunningSite } from '@sitrep/site'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'

const CONTENT = Buffer.from(Array.from({ length: 5000 }, (_, i) => i % 251))
const CONTENT_SHA = createHash('sha256').update(CONTENT).digest('hex')

interface TestClient {
  readonly reporter: SitrepClient
  readonly policy: PolicyClient
  readonly clientId: string
}

const temps: string[] = []
async function makeTempDir(): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'sitrep-distribution-'))
  temps.push(dir)
  return dir
}

describe('software distribution on a real site', () => {
  let dataDir: string
  let site: RunningSite

  async function client(machine: string): Promise<TestClient> {
    const reporter = createSitrepClient({ target: site.url, stateDir: await makeTempDir(), machine })
    const registration = await reporter.register()
    const identity = await reporter.identity()
    if (registration.clientId === undefined || registration.siteKey === undefined) {
      throw new Error('registration gave no client ID or policy key')
    }
    const policy = createPolicyClient({
      mpUrl: site.url,
      signer: { clientId: registration.clientId, privateKey: identity.privateKey },
      policyKey: registration.siteKey,
    })
    return { reporter, policy, clientId: registration.clientId }
  }

  async function report(c: TestClient, messageId: number): Promise<void> {
    const message = await c.reporter.buildMessage({
      severity: messageId === 10006 ? 'error' : 'informational',
      messageId,
      module: 'SMS Client',
      component: 'Software Distribution',
      attributes: [{ id: 401, value: 'PS120001' }],
    })
    expect((await c.reporter.submit(message)).status).toBe('accepted')
  }

  beforeAll(async () => {
    dataDir = await makeTempDir()
    site = await startSite(loadSiteConfig({ env: {}, overrides: { dataDir, port: 0 } }))
    const stored = await site.distribution.content.put(Readable.from([CONTENT]), CONTENT_SHA)
    const application = {
      id: 'APP-00001',
      revision: 1,
      name: 'Editor',
      deploymentTypes: [
        {
          id: 'deb',
          name: 'Editor (deb)',
          platform: 'linux',
          install: ['/usr/bin/dpkg', '-i', 'editor.deb'],
          content: [{ path: 'editor.deb', sha256: stored.sha256, size: stored.size }],
          detection: { kind: 'package', manager: 'dpkg', name: 'editor' },
        },
      ],
    }
    await site.store.addApplicationRevision({
      applicationId: 'APP-00001',
      revision: 1,
      name: 'Editor',
      bodyJson: JSON.stringify(application),
      createdAt: Date.now(),
      createdBy: 'test',
    })
    await site.store.saveCollection({
      id: 'PS100001',
      name: 'Debian machines',
      definitionJson: JSON.stringify({
        name: 'Debian machines',
        rules: [{ linuxFamilies: ['debian'], platforms: ['linux'] }],
      }),
      builtin: false,
      at: Date.now(),
    })
    await site.store.addDeployment({
      id: 'PS120001',
      applicationId: 'APP-00001',
      revision: 1,
      collectionId: 'PS100001',
      settingsJson: JSON.stringify({ intent: 'required', availableAt: 0 }),
      createdAt: Date.now(),
      createdBy: 'test',
    })
    await site.distribution.evaluateAll()
  })

  afterAll(async () => {
    await site.stop()
    for (const dir of temps) await rm(dir, { recursive: true, force: true })
  })

  it('assigns the deployment to a client in the collection only, and answers an unchanged poll with its version', async () => {
    const deb = await client('DEB-001')
    const mac = await client('MAC-001')
    const first = await deb.policy.requestAssignments({ facts: { platform: 'linux', linuxFamily: 'debian' } })
    expect(first.unchanged).toBe(false)
    expect(first.assignments?.map((a) => a.policyId)).toEqual(['PS120001'])
    expect(first.nextPollSeconds).toBeGreaterThan(0)
    const again = await deb.policy.requestAssignments({ knownVersion: first.assignmentsVersion })
    expect(again).toMatchObject({ unchanged: true, assignmentsVersion: first.assignmentsVersion })
    expect(again.assignments).toBeUndefined()
    const none = await mac.policy.requestAssignments({ facts: { platform: 'macos' } })
    expect(none.assignments).toEqual([])
  })

  it('serves a signed body the client verifies, and the client refuses a tampered one', async () => {
    const deb = await client('DEB-002')
    const reply = await deb.policy.requestAssignments({ facts: { platform: 'linux', linuxFamily: 'debian' } })
    const assignment = reply.assignments?.[0]
    if (assignment === undefined) throw new Error('no assignment')
    const body = await deb.policy.fetchPolicy(assignment.policyId, assignment.version)
    expect(body.application.deploymentTypes[0]?.install).toEqual(['/usr/bin/dpkg', '-i', 'editor.deb'])
    expect(body.clientId).toBe(deb.clientId)

    const signed = (await (
      await fetch(`${site.url}/mp/v1/policy/bodies/PS120001`, {
        headers: (await import('@sitrep/sdk')).signRequest(
          { clientId: deb.clientId, privateKey: (await deb.reporter.identity()).privateKey },
          { method: 'GET', path: '/mp/v1/policy/bodies/PS120001', body: Buffer.alloc(0) },
          Date.now(),
        ),
      })
    ).json()) as { body: string; signature: string; keyId: string }
    const tampered = { ...signed, body: signed.body.replace('/usr/bin/dpkg', '/bin/sh') }
    const key = { keyId: signed.keyId, publicKey: site.distribution.signer.publicKey }
    expect(() => verifySignedPolicy(tampered, key, { clientId: deb.clientId })).toThrow(/does not verify/)
    expect(verifySignedPolicy(signed, key, { clientId: deb.clientId }).policyId).toBe('PS120001')
  })

  it('downloads content with a range request and resumes a partial download', async () => {
    const deb = await client('DEB-003')
    await deb.policy.requestAssignments({ facts: { platform: 'linux', linuxFamily: 'debian' } })
    const location = await deb.policy.locateContent([CONTENT_SHA])
    expect(location.locations[0]?.urls[0]?.url).toBe(`${site.url}/mp/v1/content/${CONTENT_SHA}`)
    const head = await deb.policy.fetchRange(CONTENT_SHA, 0, 999)
    expect(head).toEqual(CONTENT.subarray(0, 1000))
    const file = path.join(await makeTempDir(), 'editor.deb')
    await writeFile(file, head)
    const result = await deb.policy.download(CONTENT_SHA, file)
    expect(result).toMatchObject({ status: 206, resumedFrom: 1000, size: CONTENT.length })
    expect(await readFile(file)).toEqual(CONTENT)
  })

  it('does not let a client fetch the content or policy of a deployment not assigned to it', async () => {
    const mac = await client('MAC-002')
    await mac.policy.requestAssignments({ facts: { platform: 'macos' } })
    await expect(mac.policy.fetchRange(CONTENT_SHA, 0, 10)).rejects.toThrow(/404/)
    await expect(mac.policy.fetchPolicy('PS120001')).rejects.toThrow(/404/)
    expect((await mac.policy.locateContent([CONTENT_SHA])).locations[0]?.urls).toEqual([])
  })

  it('moves a client through every reported state, with not-yet-reported and unreachable from silence', async () => {
    const deb = await client('DEB-004')
    await deb.policy.requestAssignments({ facts: { platform: 'linux', linuxFamily: 'debian' } })
    const stateOf = async (now = Date.now()): Promise<string | undefined> => {
      const status = await deploymentStatus(site.store, 'PS120001', {
        now,
        silentAfterMs: site.distribution.silentAfterMs,
      })
      return status?.clients.find((c) => c.clientId === deb.clientId)?.state
    }
    expect(await stateOf()).toBe('not_reported')
    expect(await stateOf(Date.now() + site.distribution.silentAfterMs + 60_000)).toBe('unreachable')
    const steps: [number, string][] = [
      [10002, 'in_progress'],
      [10035, 'waiting_content'],
      [10073, 'waiting_maintenance_window'],
      [10037, 'waiting_another_installation'],
      [10018, 'requirements_not_met'],
      [10005, 'in_progress'],
      [10006, 'error'],
      [10022, 'restart_pending'],
      [10008, 'success'],
    ]
    for (const [messageId, state] of steps) {
      await report(deb, messageId)
      await waitFor(async () => (await stateOf()) === state, `${messageId} → ${state}`)
    }
    const status = await deploymentStatus(site.store, 'PS120001', {
      now: Date.now(),
      silentAfterMs: site.distribution.silentAfterMs,
    })
    expect(status?.expected).toBe(4)
    expect(status?.counts.success).toBe(1)
    expect(status?.counts.not_reported).toBe(3)
  })
})

async function waitFor(check: () => Promise<boolean>, what: string): Promise<void> {
  const deadline = Date.now() + 10_000
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`)
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
}
