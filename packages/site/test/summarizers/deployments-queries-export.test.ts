import { afterEach, expect, it } from 'vitest'
import { runSiteSystemPoll } from '../../src/summarizers/site-system-poller.ts'
import { readPath } from '../../src/summarizers/read-storage.ts'
import { makeMessage } from '../helpers/messages.ts'
import type { Harness } from './summarizer-harness.ts'
import { T, TOKEN, createHarness } from './summarizer-harness.ts'
import { describeEachEngine } from '../helpers/engines.ts'

let h: Harness | undefined
afterEach(async () => {
  await h?.close()
  h = undefined
})
const auth = { authorization: `Bearer ${TOKEN}` }
const json = { ...auth, 'content-type': 'application/json' }
const sd = (machine: string, messageId: number, at: number) =>
  makeMessage({
    module: 'SMS Client',
    component: 'Software Distribution',
    machine,
    messageId,
    createdAt: at,
    attributes: [{ id: 401, value: 'PS120001' }],
  })

describeEachEngine('deployments, queries and export', (engine) => {
  it('counts a deployment per client, late messages never moving a client back, and lists targets not yet reported', async () => {
    h = await createHarness(await engine.openStore())
    await h.enqueue([
      sd('PC-1', 10002, T),
      sd('PC-1', 10008, T + 2000),
      sd('PC-1', 10005, T + 1000),
      sd('PC-2', 10006, T),
    ])
    await h.drain()
    const put = await h.app.inject({
      method: 'PUT',
      url: '/api/v1/deployments/PS120001/targets',
      headers: json,
      payload: { machines: ['PC-1', 'PC-2', 'PC-3'] },
    })
    expect(put.statusCode).toBe(200)
    const res = await h.app.inject({ method: 'GET', url: '/api/v1/summaries/deployments', headers: auth })
    expect(res.json()).toEqual({
      deployments: [
        {
          deploymentId: 'PS120001',
          targeted: 3,
          accepted: 0,
          running: 0,
          waiting: 0,
          retrying: 0,
          succeeded: 1,
          failed: 1,
          rebootPending: 0,
          noStatus: 0,
          notYetReported: 1,
        },
      ],
    })
    const missing = await h.app.inject({
      method: 'GET',
      url: '/api/v1/summaries/deployments/ps120001/clients?state=not-yet-reported',
      headers: auth,
    })
    expect(missing.json<{ clients: { machine: string }[] }>().clients.map((c) => c.machine)).toEqual(['PC-3'])
  })

  it('runs a built-in query with prompts and saves, lists and deletes a query', async () => {
    h = await createHarness(await engine.openStore())
    await h.enqueue([sd('PC-1', 10006, T), sd('PC-2', 10007, T), sd('PC-3', 10008, T)])
    await h.drain()
    const run = await h.app.inject({
      method: 'POST',
      url: '/api/v1/queries/builtin:failed/run',
      headers: json,
      payload: { prompts: { attributeValue: 'PS120001' } },
    })
    expect(
      run
        .json<{ messages: { machine: string }[] }>()
        .messages.map((m) => m.machine)
        .sort(),
    ).toEqual(['PC-1', 'PC-2'])
    const saved = await h.app.inject({
      method: 'POST',
      url: '/api/v1/queries',
      headers: json,
      payload: { name: 'Errors', filter: { severity: ['error', 'warning'] } },
    })
    expect(saved.statusCode).toBe(201)
    const id = saved.json<{ query: { id: string } }>().query.id
    const all = await h.app.inject({ method: 'GET', url: '/api/v1/queries', headers: auth })
    expect(all.json<{ queries: { id: string }[] }>().queries.some((q) => q.id === id)).toBe(true)
    expect(
      (await h.app.inject({ method: 'DELETE', url: `/api/v1/queries/${id}`, headers: auth })).statusCode,
    ).toBe(204)
  })

  it('streams every matching message once as CSV (quoted) and as JSON lines', async () => {
    h = await createHarness(await engine.openStore())
    const messages = Array.from({ length: 2500 }, (_, i) =>
      makeMessage({ createdAt: T, insertionStrings: [`row ${i}, "quoted"\nline`] }),
    )
    await h.enqueue(messages)
    await h.drain()
    const lines = await h.app.inject({
      method: 'GET',
      url: '/api/v1/messages/export?format=json&component=Demo',
      headers: auth,
    })
    const rows = lines.body
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { id: string })
    expect(new Set(rows.map((r) => r.id)).size).toBe(2500)
    const csv = await h.app.inject({
      method: 'GET',
      url: '/api/v1/messages/export?format=csv&component=Demo',
      headers: auth,
    })
    expect(csv.headers['content-type']).toContain('text/csv')
    expect(csv.body.startsWith('recordId,createdAt,')).toBe(true)
    expect(csv.body.split('""quoted""').length - 1).toBe(2500)
  })

  it('exports what a named query shows, its prompts filled as a run fills them', async () => {
    h = await createHarness(await engine.openStore())
    await h.enqueue([sd('PC-1', 10006, T), sd('PC-2', 10007, T), sd('PC-3', 10008, T)])
    await h.drain()
    const exported = await h.app.inject({
      method: 'GET',
      url: '/api/v1/messages/export?format=json&query=builtin:failed&p.attributeValue=PS120001',
      headers: auth,
    })
    expect(exported.statusCode).toBe(200)
    const machines = exported.body
      .trim()
      .split('\n')
      .map((l) => (JSON.parse(l) as { machine: string }).machine)
    expect(machines.sort()).toEqual(['PC-1', 'PC-2'])
    const mixed = await h.app.inject({
      method: 'GET',
      url: '/api/v1/messages/export?format=csv&query=builtin:failed&component=Demo',
      headers: auth,
    })
    expect(mixed.statusCode).toBe(400)
    expect(mixed.json()).toMatchObject({ error: { code: 'invalid_query', issues: [{ field: 'component' }] } })
    const unknown = await h.app.inject({
      method: 'GET',
      url: '/api/v1/messages/export?format=csv&query=nope',
      headers: auth,
    })
    expect(unknown.statusCode).toBe(404)
  })

  it('polls storage with injected readings, raising 4710 once, and reads a real filesystem', async () => {
    h = await createHarness(await engine.openStore())
    const reading = (bytesFree: number) => [
      {
        siteSystem: 'SRV',
        object: '/data',
        role: 'site server',
        kind: 'directory' as const,
        accessible: true,
        bytesFree,
        bytesTotal: 100 * 2 ** 30,
      },
    ]
    let free = 50 * 2 ** 30
    const deps = {
      store: h.store,
      reporter: h.reporter,
      settings: h.settings,
      readStorage: () => Promise.resolve(reading(free)),
    }
    expect(await runSiteSystemPoll(deps, T)).toEqual([])
    free = 1.5 * 2 ** 30
    expect(await runSiteSystemPoll(deps, T + 1)).toEqual([4710])
    expect(await runSiteSystemPoll(deps, T + 2)).toEqual([])
    const objects = await h.app.inject({
      method: 'GET',
      url: '/api/v1/summaries/site-systems',
      headers: auth,
    })
    expect(objects.json<{ objects: { status: string }[] }>().objects[0]?.status).toBe('warning')
    const real = await readPath(
      { siteSystem: 'SRV', object: '.', role: 'site server', kind: 'directory' },
      '.',
    )
    expect(real.accessible).toBe(true)
    expect(real.bytesTotal).toBeGreaterThan(0)
  })
})
