/**
 * Issue 23, item 1: PostgreSQL refuses NUL in text (error 22021), so no value from outside that
 * may carry one reaches a text column. One test per family of columns, on both engines: each
 * edge refuses the value with a reply that names the field (or keeps it escaped inside JSON), the
 * site logs no error, and nothing of the refused value is stored.
 */
import path from 'node:path'
import { afterEach, expect, it } from 'vitest'
import { parseSiteConfig } from '../../src/config.ts'
import type { RunningSite } from '../../src/start-site.ts'
import { startSite } from '../../src/start-site.ts'
import { describeEachEngine } from '../helpers/engines.ts'
import type { TestMp } from '../mp/mp-test-site.ts'
import {
  ADMIN_TOKEN,
  NOW,
  createTestMp,
  registrationBody,
  createKeys,
  statusJson,
} from '../mp/mp-test-site.ts'

const NUL = '\u0000'

interface Results {
  readonly results: { readonly status: string; readonly issues?: { readonly message: string }[] }[]
}

describeEachEngine('NUL in text from outside', (engine) => {
  // Inside the pass, so they stop before the engine closes the stores they run on.
  let mp: TestMp | undefined
  let site: RunningSite | undefined
  afterEach(async () => {
    await mp?.close()
    await site?.stop()
    mp = undefined
    site = undefined
  })
  /** A whole site (summaries and links mounted) on the engine of the pass. */
  const startWholeSite = async (): Promise<RunningSite> => {
    const config = parseSiteConfig({
      siteCode: 'CAS',
      dataDir: path.join(engine.tempDir('nul-site'), 'cas'),
      http: { port: 0 },
      osLog: { mode: 'off' },
      links: { enrolmentSecrets: ['a-secret-of-the-test-hierarchy'] },
    })
    site = await startSite(config, { logger: engine.siteLog('CAS').logger, ...(await engine.siteOptions()) })
    return site
  }
  const call = (s: RunningSite, method: string, url: string, payload?: object) =>
    fetch(`${s.url}${url}`, {
      method,
      headers: {
        authorization: `Bearer ${s.adminToken}`,
        ...(payload === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(payload === undefined ? {} : { body: JSON.stringify(payload) }),
    })
  const start = async (): Promise<TestMp> => {
    mp = await createTestMp({ store: await engine.openStore(), logger: engine.siteLog('PS1').logger })
    return mp
  }
  const api = (
    m: TestMp,
    method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE',
    url: string,
    payload?: object,
  ) =>
    m.app.inject({
      method,
      url,
      headers: { authorization: `Bearer ${ADMIN_TOKEN}` },
      ...(payload === undefined ? {} : { payload }),
    })

  it('refuses a status message with NUL in an insertion string, an attribute, the component or the machine', async () => {
    const m = await start()
    const { clientId, keys } = await m.register()
    const messages = [
      statusJson(clientId, { insertionStrings: [`one${NUL}two`] }),
      statusJson(clientId, { attributes: [{ id: 401, value: `ABC${NUL}` }] }),
      statusJson(clientId, { component: `Back${NUL}up` }),
      statusJson(clientId, { machine: `WKS${NUL}001` }),
    ]
    const reply = await m.signed({ clientId, keys, body: JSON.stringify({ messages }) })
    expect(reply.statusCode).toBe(202)
    const { results } = reply.json<Results>()
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected', 'rejected', 'rejected'])
    expect(results.every((r) => r.issues?.some((i) => i.message.includes('NUL')))).toBe(true)
    expect(await m.store.inboxSize()).toBe(0)
  })

  it('refuses a registration with NUL in the machine name, and a client ID with NUL in the API', async () => {
    const m = await start()
    const keys = createKeys()
    const reply = await m.app.inject({
      method: 'POST',
      url: '/mp/v1/registration',
      payload: registrationBody(keys, {
        machine: { netbiosName: `WKS${NUL}001`, fqdn: 'wks-001.example.org', localeId: 1033 },
      }),
    })
    expect(reply.statusCode).toBe(400)
    expect(reply.body).toContain('netbiosName')
    expect(await m.store.listClients()).toEqual([])
    const approve = await api(m, 'POST', '/api/v1/clients/GUID%3Ax%00y/approve')
    expect(approve.statusCode).toBe(400)
  })

  it('refuses a state message with NUL in its topic, details or parameters', async () => {
    const m = await start()
    const { clientId, keys } = await m.register()
    const state = (n: number, change: object) => ({
      id: `0193f5c1-0000-7000-8000-00000000000${n}`,
      origin: { kind: 'client', id: clientId },
      messageTime: new Date(NOW).toISOString(),
      serialNumber: n,
      topic: { id: 'ci-1', type: 401, idType: 1, user: '', userSid: '' },
      state: { id: 1, criticality: 0 },
      userParameters: { flags: 0, params: [] },
      ...change,
    })
    const stateMessages = [
      state(1, { topic: { id: `ci${NUL}1`, type: 401, idType: 1, user: '', userSid: '' } }),
      state(2, { details: { type: 1, text: `free${NUL}text` } }),
      state(3, { userParameters: { flags: 0, params: [`2${NUL}00`] } }),
    ]
    const reply = await m.signed({
      clientId,
      keys,
      url: '/mp/v1/relay',
      body: JSON.stringify({ stateMessages }),
    })
    expect(reply.statusCode).toBe(202)
    expect(reply.json<Results>().results.map((r) => r.status)).toEqual(['rejected', 'rejected', 'rejected'])
    expect(await m.store.listStateMessages({})).toEqual([])
  })

  it('refuses NUL in a deployment ID or a target machine, which become summary keys and values', async () => {
    const s = await startWholeSite()
    const key = await call(s, 'PUT', '/api/v1/deployments/PS1%0000001/targets', { machines: ['PC-1'] })
    expect(key.status).toBe(400)
    const value = await call(s, 'PUT', '/api/v1/deployments/PS100001/targets', { machines: [`PC${NUL}1`] })
    expect(value.status).toBe(400)
    const clients = await call(s, 'GET', '/api/v1/summaries/deployments/PS1%0000001/clients')
    expect(clients.status).toBe(400)
    expect(await s.store.listSummaries('deployment-targets')).toEqual([])
  })

  it('refuses NUL in user names, token IDs and saved queries', async () => {
    const m = await start()
    const replies = [
      await api(m, 'POST', '/api/v1/users', {
        username: `ann${NUL}`,
        password: 'a-long-password-1',
        role: 'full-administrator',
      }),
      await api(m, 'PATCH', '/api/v1/users/ann%00', { role: 'read-only-analyst' }),
      await api(m, 'DELETE', '/api/v1/users/ann%00'),
      await api(m, 'DELETE', '/api/v1/tokens/t%00'),
      await api(m, 'POST', '/api/v1/queries', { name: `errors${NUL}today`, filter: { severity: 'error' } }),
      await api(m, 'POST', '/api/v1/queries', {
        name: 'errors of a component',
        filter: { severity: 'error' },
        prompts: [{ name: `component${NUL}`, label: 'Component', type: 'component' }],
      }),
      await api(m, 'POST', '/api/v1/queries', { name: 'errors', filter: { component: `Back${NUL}up` } }),
      await api(m, 'POST', '/api/v1/queries/q%00/run', {}),
      await api(m, 'DELETE', '/api/v1/queries/q%00'),
    ]
    expect(replies.map((r) => r.statusCode)).toEqual([400, 400, 400, 400, 400, 400, 400, 400, 400])
    expect((await m.store.listUsers()).map((u) => u.username)).not.toContain(`ann${NUL}`)
  })

  it('refuses NUL in an enrolling child site URL and in a link named in the API', async () => {
    const s = await startWholeSite()
    const enrol = await fetch(`${s.url}/link/v1/enrol`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        siteCode: 'PS1',
        url: `http://127.0.0.1:1/${NUL}`,
        publicKey: createKeys().publicKey,
        secret: 'a-secret-of-the-test-hierarchy',
      }),
    })
    expect(enrol.status).toBe(400)
    expect(await enrol.text()).toContain('url')
    const approve = await call(s, 'POST', '/api/v1/links/P%00S/approve')
    expect(approve.status).toBe(400)
    expect(await s.store.listSiteLinks()).toEqual([])
  })
})
