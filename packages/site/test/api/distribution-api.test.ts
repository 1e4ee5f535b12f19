/**
 * The software-distribution REST API on a running site, on both engines (one site per pass):
 * content uploads by SHA-256, applications with revisions, collections with a query rule and
 * static members, required and available deployments, their status per client, the roles that
 * may read and change, and the audit message of every change.
 */
import { createHash, sign } from 'node:crypto'
import type {
  ApplicationView,
  CollectionView,
  DeploymentStatusView,
  DeploymentView,
  ErrorBody,
  MessageView,
} from '@sitrep/api'
import { newMessageId } from '@sitrep/protocol'
import { parseSiteConfig, startSite } from '@sitrep/site'
import type { RunningSite } from '@sitrep/site'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { describeEachEngine } from '../helpers/engines.ts'
import { createKeys, registrationBody } from '../mp/mp-test-site.ts'
import type { TestKeys } from '../mp/mp-test-site.ts'

const CONTENT = Buffer.from(Array.from({ length: 3000 }, (_, i) => (i * 7) % 256))
const CONTENT_SHA = createHash('sha256').update(CONTENT).digest('hex')
const MAX_CONTENT_BYTES = 10_000

interface Reply<T> {
  readonly status: number
  readonly body: T
}

const APPLICATION = {
  name: 'Editor',
  publisher: 'Contoso',
  version: '2.1',
  deploymentTypes: [
    {
      id: 'deb',
      name: 'Editor (deb)',
      platform: 'linux',
      linuxFamily: 'debian',
      install: ['/usr/bin/dpkg', '-i', 'editor.deb'],
      uninstall: ['/usr/bin/dpkg', '-r', 'editor'],
      content: [{ path: 'editor.deb', sha256: CONTENT_SHA, size: CONTENT.length }],
      detection: { kind: 'package', manager: 'dpkg', name: 'editor', minVersion: '2.1' },
      requirements: [{ kind: 'free_disk', path: '/', minMegabytes: 50 }],
      successAction: 'none',
    },
  ],
}

describeEachEngine('the software-distribution REST API on a running site', (engine) => {
  let site: RunningSite
  let offsetMs = 0
  const tokens: Record<string, string> = {}

  const call = async <T = ErrorBody>(
    method: string,
    path: string,
    token: string,
    body?: unknown,
  ): Promise<Reply<T>> => {
    const raw = Buffer.isBuffer(body)
    const response = await fetch(`${site.url}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${token}`,
        ...(body === undefined
          ? {}
          : { 'content-type': raw ? 'application/octet-stream' : 'application/json' }),
      },
      ...(body === undefined ? {} : { body: raw ? new Uint8Array(body) : JSON.stringify(body) }),
    })
    const text = await response.text()
    return { status: response.status, body: (text === '' ? undefined : JSON.parse(text)) as T }
  }
  const ops = (): string => tokens['ops'] ?? ''
  const ana = (): string => tokens['ana'] ?? ''
  const audits = async (messageId: number): Promise<MessageView[]> => {
    await site.statusManager.drain()
    const reply = await call<{ messages: MessageView[] }>(
      'GET',
      `/api/v1/messages?module=SMS%20Provider&messageType=audit&messageId=${messageId}`,
      site.adminToken,
    )
    return reply.body.messages
  }
  const clients = new Map<string, { readonly clientId: string; readonly keys: TestKeys }>()
  const register = async (machine: string): Promise<string> => {
    const keys = createKeys()
    const body = registrationBody(keys, {
      machine: { netbiosName: machine, fqdn: `${machine.toLowerCase()}.example.org`, localeId: 1033 },
    })
    const response = await fetch(`${site.url}/mp/v1/registration`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    })
    const reply = (await response.json()) as { clientId: string }
    clients.set(machine, { clientId: reply.clientId, keys })
    return reply.clientId
  }
  /** Sends an application enforcement state message (topic 1702) through the relay, signed by the client. */
  const relayState = async (machine: string, stateId: number, params: string[], serialNumber: number) => {
    const client = clients.get(machine)
    if (client === undefined) throw new Error(`${machine} is not registered`)
    const now = Date.now() + offsetMs
    const body = Buffer.from(
      JSON.stringify({
        stateMessages: [
          {
            id: newMessageId(now),
            origin: { kind: 'client', id: client.clientId },
            messageTime: new Date(now).toISOString(),
            serialNumber,
            topic: { id: deploymentId, type: 1702, idType: 2, user: '', userSid: '' },
            state: { id: stateId, criticality: 0 },
            userParameters: { flags: 0, params },
          },
        ],
      }),
    )
    const timestamp = new Date(now).toISOString()
    const signed = Buffer.concat([Buffer.from(`sitrep-v1\nPOST\n/mp/v1/relay\n${timestamp}\n`), body])
    const response = await fetch(`${site.url}/mp/v1/relay`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-sitrep-client-id': client.clientId,
        'x-sitrep-timestamp': timestamp,
        'x-sitrep-signature': `ed25519=${sign(null, signed, client.keys.privateKey).toString('base64')}`,
      },
      body: new Uint8Array(body),
    })
    expect(response.status).toBe(202)
  }
  const report = async (machine: string, messageId: number, insertionStrings: string[] = []) => {
    const reply = await call<{ results: { status: string }[] }>('POST', '/api/v1/messages', ops(), {
      messages: [
        {
          kind: 'raw',
          module: 'SMS Client',
          component: 'Software Distribution',
          machine,
          messageId,
          severity: messageId === 10006 ? 'error' : 'informational',
          insertionStrings,
          attributes: [{ id: 401, value: deploymentId }],
        },
      ],
    })
    expect(reply.body.results[0]?.status).toBe('accepted')
    await site.statusManager.drain()
  }
  let deploymentId = ''

  beforeAll(async () => {
    site = await startSite(
      parseSiteConfig({
        dataDir: engine.tempDir('distribution-api'),
        http: { port: 0 },
        osLog: { mode: 'off' },
        distribution: { pollSeconds: 60, jitterSeconds: 30, maxContentBytes: MAX_CONTENT_BYTES },
      }),
      {
        clock: () => Date.now() + offsetMs,
        logger: engine.siteLog('PS1').logger,
        ...(await engine.siteOptions()),
      },
    )
    for (const [username, role] of [
      ['ops', 'operations-administrator'],
      ['ana', 'read-only-analyst'],
    ] as const) {
      await call('POST', '/api/v1/users', site.adminToken, {
        username,
        password: 'correct horse battery staple',
        role,
      })
      const token = await call<{ token: string }>('POST', '/api/v1/tokens', site.adminToken, {
        name: username,
        username,
      })
      tokens[username] = token.body.token
    }
  })
  afterAll(async () => {
    await site.stop()
  })

  it('refuses an empty upload, a wrong hash and an oversize file naming the field, and stores nothing', async () => {
    const empty = await call('PUT', `/api/v1/content/${CONTENT_SHA}`, ops(), Buffer.alloc(0))
    expect(empty.status).toBe(400)
    expect(empty.body.error.issues?.[0]?.field).toBe('body')
    const wrong = await call('PUT', `/api/v1/content/${'0'.repeat(64)}`, ops(), CONTENT)
    expect(wrong.status).toBe(400)
    expect(wrong.body.error.issues?.[0]?.field).toBe('sha256')
    const big = Buffer.alloc(MAX_CONTENT_BYTES + 1, 1)
    const bigSha = createHash('sha256').update(big).digest('hex')
    const oversize = await call('PUT', `/api/v1/content/${bigSha}`, ops(), big)
    expect(oversize.status).toBe(413)
    expect(oversize.body.error.message).toContain('distribution.maxContentBytes')
    const listed = await call<{ content: unknown[] }>('GET', '/api/v1/content', ana())
    expect(listed.body.content).toEqual([])
  })

  it('stores an upload once by its SHA-256 and audits it; analysts may read but not upload', async () => {
    const refused = await call('PUT', `/api/v1/content/${CONTENT_SHA}`, ana(), CONTENT)
    expect(refused.status).toBe(403)
    const first = await call<{ created: boolean }>('PUT', `/api/v1/content/${CONTENT_SHA}`, ops(), CONTENT)
    expect(first).toMatchObject({ status: 201, body: { created: true } })
    const again = await call<{ created: boolean }>('PUT', `/api/v1/content/${CONTENT_SHA}`, ops(), CONTENT)
    expect(again).toMatchObject({ status: 200, body: { created: false } })
    const shown = await call('GET', `/api/v1/content/${CONTENT_SHA}`, ana())
    expect(shown).toMatchObject({ status: 200, body: { content: { sha256: CONTENT_SHA, size: 3000 } } })
    const uploaded = await audits(39991)
    expect(uploaded).toHaveLength(1)
    expect(uploaded[0]?.insertionStrings).toEqual(['ops', CONTENT_SHA, '3000'])
    expect(uploaded[0]?.attributes).toContainEqual({ id: 403, value: 'ops' })
  })

  it('adds and revises an application, refusing a shell string and unknown content by field', async () => {
    const shell = await call('POST', '/api/v1/applications', ops(), {
      ...APPLICATION,
      deploymentTypes: [{ ...APPLICATION.deploymentTypes[0], install: 'dpkg -i editor.deb && reboot' }],
    })
    expect(shell.status).toBe(400)
    expect(shell.body.error.issues?.[0]?.field).toBe('deploymentTypes[0].install')
    expect(shell.body.error.message).toContain('shell string is not accepted')
    const unknown = await call('POST', '/api/v1/applications', ops(), {
      ...APPLICATION,
      deploymentTypes: [
        {
          ...APPLICATION.deploymentTypes[0],
          content: [{ path: 'x.deb', sha256: 'a'.repeat(64), size: 10 }],
        },
      ],
    })
    expect(unknown.status).toBe(400)
    expect(unknown.body.error.issues?.[0]?.field).toBe('deploymentTypes[0].content[0].sha256')
    expect(
      (await call<{ applications: unknown[] }>('GET', '/api/v1/applications', ana())).body.applications,
    ).toEqual([])
    expect((await call('POST', '/api/v1/applications', ana(), APPLICATION)).status).toBe(403)

    const added = await call<{ application: ApplicationView }>(
      'POST',
      '/api/v1/applications',
      ops(),
      APPLICATION,
    )
    expect(added.status).toBe(201)
    expect(added.body.application).toMatchObject({ id: 'APP-00001', revision: 1, revisedBy: 'ops' })
    const revised = await call<{ application: ApplicationView }>(
      'PUT',
      '/api/v1/applications/APP-00001',
      ops(),
      {
        ...APPLICATION,
        version: '2.2',
        baseRevision: 1,
      },
    )
    expect(revised.body.application).toMatchObject({ revision: 2, latestRevision: 2 })
    expect(revised.body.application.application.version).toBe('2.2')
    const stale = await call('PUT', '/api/v1/applications/APP-00001', ops(), {
      ...APPLICATION,
      baseRevision: 1,
    })
    expect(stale.status).toBe(409)
    const old = await call<{ application: ApplicationView; revisions: unknown[] }>(
      'GET',
      '/api/v1/applications/APP-00001?revision=1',
      ana(),
    )
    expect(old.body.application.application.version).toBe('2.1')
    expect(old.body.revisions).toHaveLength(2)
    expect((await audits(30152)).map((m) => m.insertionStrings)).toEqual([
      ['ops', 'APP-00001', 'Editor', '1'],
    ])
    expect((await audits(30153)).map((m) => m.insertionStrings)).toEqual([
      ['ops', 'APP-00001', 'Editor', '2'],
    ])
  })

  it('creates a collection with a query rule and static members, and refuses one that includes itself', async () => {
    const clientId = await register('WKS-A')
    await register('WKS-B')
    const created = await call<{ collection: CollectionView }>('POST', '/api/v1/collections', ops(), {
      name: 'Workstation A',
      staticMembers: ['WKS-A'],
      rules: [{ name: 'Debian', platforms: ['linux'], linuxFamilies: ['debian'] }],
    })
    expect(created.status).toBe(201)
    const collection = created.body.collection
    expect(collection).toMatchObject({ id: 'PS110001', memberCount: 1, builtin: false })
    const members = await call<{ members: { clientId: string; machine: string }[] }>(
      'GET',
      `/api/v1/collections/${collection.id}/members`,
      ana(),
    )
    expect(members.body.members).toEqual([expect.objectContaining({ clientId, machine: 'WKS-A' })])
    const history = await call<{ changes: { change: string }[] }>(
      'GET',
      `/api/v1/collections/${collection.id}/history`,
      ana(),
    )
    expect(history.body.changes.map((c) => c.change)).toEqual(['added'])

    const selfInclude = await call('PUT', `/api/v1/collections/${collection.id}`, ops(), {
      name: 'Loop',
      include: [collection.id],
    })
    expect(selfInclude.status).toBe(400)
    expect(selfInclude.body.error.issues?.[0]?.field).toBe('include[0]')
    const after = await call<{ collection: CollectionView }>(
      'GET',
      `/api/v1/collections/${collection.id}`,
      ana(),
    )
    expect(after.body.collection.name).toBe('Workstation A')
    const badWindow = await call('POST', '/api/v1/collections', ops(), {
      name: 'Nights',
      maintenanceWindows: [
        {
          name: 'n',
          timeZone: 'Mars/Olympus',
          start: '25:00',
          durationMinutes: 60,
          recurrence: { kind: 'daily' },
        },
      ],
    })
    expect(badWindow.status).toBe(400)
    expect(badWindow.body.error.issues?.map((i) => i.field)).toEqual(
      expect.arrayContaining(['maintenanceWindows[0].timeZone', 'maintenanceWindows[0].start']),
    )
    const builtin = await call('DELETE', '/api/v1/collections/SMS00001', ops())
    expect(builtin.status).toBe(409)
    expect((await audits(30015)).map((m) => m.insertionStrings)).toEqual([
      ['ops', 'PS110001', 'Workstation A'],
    ])
  })

  it('creates required and available deployments and changes and cancels one, audited', async () => {
    const available = await call<{ deployment: DeploymentView }>('POST', '/api/v1/deployments', ops(), {
      applicationId: 'APP-00001',
      collectionId: 'PS110001',
      settings: { intent: 'available' },
    })
    expect(available.status).toBe(201)
    expect(available.body.deployment).toMatchObject({
      id: 'PS120001',
      revision: 2,
      applicationName: 'Editor',
    })
    const withDeadline = await call('PATCH', '/api/v1/deployments/PS120001', ops(), {
      deadline: '2030-01-01T00:00:00Z',
    })
    expect(withDeadline.status).toBe(400)
    expect(withDeadline.body.error.issues?.[0]?.field).toBe('deadline')
    const required = await call<{ deployment: DeploymentView }>('POST', '/api/v1/deployments', ops(), {
      applicationId: 'APP-00001',
      revision: 1,
      collectionId: 'PS110001',
      settings: { intent: 'required', deadline: '2030-01-01T00:00:00Z', notifications: 'restarts_only' },
    })
    expect(required.body.deployment).toMatchObject({
      id: 'PS120002',
      revision: 1,
      settings: { intent: 'required', deadline: '2030-01-01T00:00:00.000Z', notifications: 'restarts_only' },
    })
    deploymentId = 'PS120002'
    const changed = await call<{ deployment: DeploymentView }>(
      'PATCH',
      '/api/v1/deployments/PS120001',
      ops(),
      {
        notifications: 'none',
      },
    )
    expect(changed.body.deployment.settings.notifications).toBe('none')
    expect((await call('DELETE', '/api/v1/deployments/PS120001', ana())).status).toBe(403)
    expect((await call('DELETE', '/api/v1/deployments/PS120001', ops())).status).toBe(204)
    const active = await call<{ deployments: DeploymentView[] }>(
      'GET',
      '/api/v1/deployments?active=true',
      ana(),
    )
    expect(active.body.deployments.map((d) => d.id)).toEqual(['PS120002'])
    const removeApp = await call('DELETE', '/api/v1/applications/APP-00001', ops())
    expect(removeApp.status).toBe(409)
    expect((await audits(30226)).map((m) => m.insertionStrings)).toEqual([
      ['ops', 'PS120002', 'Editor', 'Workstation A'],
      ['ops', 'PS120001', 'Editor', 'Workstation A'],
    ])
    expect(await audits(30227)).toHaveLength(1)
    expect(await audits(30228)).toHaveLength(1)
  })

  it('shows each member not yet reported, then in the state it reports, and unreachable after silence', async () => {
    const status = async (state?: string) =>
      (
        await call<DeploymentStatusView>(
          'GET',
          `/api/v1/deployments/${deploymentId}/status${state === undefined ? '' : `?state=${state}`}`,
          ana(),
        )
      ).body
    expect(await status()).toMatchObject({ expected: 1, counts: { not_reported: 1 } })
    await report('WKS-A', 10005)
    expect((await status()).counts.in_progress).toBe(1)
    await report('WKS-A', 10006, [deploymentId, '1603'])
    const failed = await status('error')
    expect(failed.counts.error).toBe(1)
    expect(failed.percentages.error).toBe(100)
    expect(failed.clients).toEqual([
      expect.objectContaining({ machine: 'WKS-A', state: 'error', messageId: 10006, exitCode: 1603 }),
    ])
    await report('WKS-A', 10022, [deploymentId, '3010'])
    expect((await status()).clients).toEqual([
      expect.objectContaining({ state: 'restart_pending', messageId: 10022, exitCode: 3010 }),
    ])
    offsetMs = 10 * 60_000
    expect((await status()).counts.unreachable).toBe(1)
    offsetMs = 0
    await report('WKS-A', 10008, [deploymentId, '0'])
    expect((await status('success')).clients.map((c) => c.machine)).toEqual(['WKS-A'])
  })

  it('takes the state of an application enforcement state message newer than the status messages, with its exit code', async () => {
    await new Promise((resolve) => setTimeout(resolve, 5))
    await relayState('WKS-A', 5000, ['1603'], 1)
    const status = async () =>
      (await call<DeploymentStatusView>('GET', `/api/v1/deployments/${deploymentId}/status`, ana())).body
    expect((await status()).clients).toEqual([
      expect.objectContaining({ machine: 'WKS-A', state: 'error', stateId: 5000, exitCode: 1603 }),
    ])
    await new Promise((resolve) => setTimeout(resolve, 5))
    await relayState('WKS-A', 1000, ['0'], 2)
    expect((await status()).clients).toEqual([
      expect.objectContaining({ state: 'success', stateId: 1000, exitCode: 0 }),
    ])
  })

  it('puts a client in its collections as it registers, before it ever polls', async () => {
    const clientId = await register('WKS-C')
    const members = await call<{ members: { clientId: string }[] }>(
      'GET',
      '/api/v1/collections/SMS00001/members',
      ana(),
    )
    expect(members.body.members.map((m) => m.clientId)).toContain(clientId)
  })
})
