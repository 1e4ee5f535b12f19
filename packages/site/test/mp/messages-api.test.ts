import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { encodeStatusMessageJson, newMessageId } from '@sitrep/protocol'
import type { StatusMessage } from '@sitrep/protocol'
import { afterEach, describe, expect, it } from 'vitest'
import { describeEachEngine } from '../helpers/engines.ts'
import { ensureAdminToken } from '../../src/http/admin-token.ts'
import type { TestMp } from './mp-test-site.ts'
import { ADMIN_TOKEN, NOW, createTestMp } from './mp-test-site.ts'

const auth = { authorization: `Bearer ${ADMIN_TOKEN}` }

function message(overrides: Partial<StatusMessage> = {}): StatusMessage {
  return {
    id: newMessageId(NOW),
    origin: { kind: 'client', id: 'GUID:44444444-4444-4444-8444-444444444444' },
    sequence: 7,
    severity: 'error',
    messageType: 'milestone',
    messageId: 39999,
    module: 'SMS Provider',
    component: 'Backup',
    machine: 'SRV-01',
    siteCode: 'PS1',
    topLevelSiteCode: 'CAS',
    processId: 4321,
    threadId: 1234,
    win32Error: 5,
    createdAt: NOW - 60_000,
    perClient: true,
    reportFunction: 'report',
    transaction: true,
    successfulTransaction: false,
    insertionStrings: ['disk full on ', 'D:'],
    attributes: [{ id: 401, value: 'ABC20001' }],
    ...overrides,
  }
}

async function seed(test: TestMp, messages: readonly StatusMessage[]): Promise<readonly number[]> {
  return test.store.transaction((tx) =>
    tx.saveMessages(
      messages.map((m, i) => ({
        message: m,
        receivedAt: NOW + i,
        deleteAfter: i === 0 ? null : NOW + 86_400_000,
        trusted: i !== 1,
      })),
    ),
  )
}

describe('ensureAdminToken', () => {
  it('creates a 0600 token file once and returns the same token afterwards', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'sitrep-token-'))
    try {
      const token = ensureAdminToken(dir)
      expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/)
      const file = path.join(dir, 'admin-token')
      expect(statSync(file).mode & 0o777).toBe(0o600)
      expect(readFileSync(file, 'utf8').trim()).toBe(token)
      expect(ensureAdminToken(dir)).toBe(token)
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })
})

describeEachEngine('the messages and clients API', (engine) => {
  let mp: TestMp | undefined
  afterEach(async () => {
    await mp?.close()
    mp = undefined
  })
  const start = async (options: Parameters<typeof createTestMp>[0] = {}): Promise<TestMp> =>
    createTestMp({ ...options, store: await engine.openStore(), logger: engine.siteLog('PS1').logger })

  describe('GET /api/v1/messages', () => {
    it('answers 401 unauthorized without the administrator token, while health stays open', async () => {
      mp = await start()
      const none = await mp.app.inject({ method: 'GET', url: '/api/v1/messages' })
      expect(none.statusCode).toBe(401)
      expect(none.json()).toMatchObject({ error: { code: 'unauthorized' } })
      const wrong = await mp.app.inject({
        method: 'GET',
        url: '/api/v1/messages',
        headers: { authorization: 'Bearer nope' },
      })
      expect(wrong.statusCode).toBe(401)
      expect((await mp.app.inject({ method: 'GET', url: '/api/v1/health' })).json()).toMatchObject({
        roles: ['management-point', 'status-manager'],
      })
    })

    it('returns every field of a stored message intact, with the rendered text', async () => {
      mp = await start()
      const stored = message()
      const [recordId] = await seed(mp, [stored])
      const reply = await mp.app.inject({ method: 'GET', url: '/api/v1/messages', headers: auth })
      expect(reply.statusCode).toBe(200)
      const body = reply.json<{ messages: { text: string }[]; nextCursor: number | null }>()
      expect(body.nextCursor).toBeNull()
      expect(body.messages).toHaveLength(1)
      const { text, ...fields } = body.messages[0] ?? { text: '' }
      expect(text).toContain('disk full on D:')
      expect(fields).toEqual({
        ...encodeStatusMessageJson(stored),
        recordId,
        receivedAt: new Date(NOW).toISOString(),
        deleteAfter: null,
        trusted: true,
        known: true,
        attributeNames: { '401': 'Advertisement / deployment ID' },
      })
    })

    it('filters by the query string and pages with the cursor', async () => {
      mp = await start()
      const messages = [
        message({ component: 'A', severity: 'informational', messageId: 39997 }),
        message({ component: 'B', insertionStrings: ['needle in here'] }),
        message({ component: 'B', attributes: [{ id: 402, value: 'X' }], createdAt: NOW }),
        message({ component: 'B' }),
      ]
      const ids = await seed(mp, messages)
      const test = mp
      const list = async (query: string) => {
        const reply = await test.app.inject({
          method: 'GET',
          url: `/api/v1/messages?${query}`,
          headers: auth,
        })
        expect(reply.statusCode).toBe(200)
        return reply.json<{ messages: { recordId: number }[]; nextCursor: number | null }>()
      }
      const ids$ = async (query: string) => (await list(query)).messages.map((m) => m.recordId)
      expect(await ids$('component=B')).toEqual([ids[3], ids[2], ids[1]])
      expect(await ids$('severity=informational')).toEqual([ids[0]])
      expect(await ids$('messageId=39997&component=A')).toEqual([ids[0]])
      expect(await ids$('text=NEEDLE')).toEqual([ids[1]])
      expect(await ids$('attributeId=402&attributeValue=X')).toEqual([ids[2]])
      expect(await ids$(`since=${new Date(NOW - 1).toISOString()}`)).toEqual([ids[2]])
      expect(await ids$(`until=${new Date(NOW - 1).toISOString()}&component=A`)).toEqual([ids[0]])
      expect(await ids$('trusted=false')).toEqual([ids[1]])
      const first = await list('limit=2')
      expect(first.messages.map((m) => m.recordId)).toEqual([ids[3], ids[2]])
      expect(first.nextCursor).toBe(ids[2])
      const second = await list(`limit=2&cursor=${first.nextCursor ?? 0}`)
      expect(second.messages.map((m) => m.recordId)).toEqual([ids[1], ids[0]])
    })

    it('renders in the locale of ?locale= or Accept-Language', async () => {
      mp = await start()
      await seed(mp, [
        message({
          module: 'SMS Server',
          messageId: 4609,
          severity: 'warning',
          insertionStrings: ['SMS_X', 'SRV01', 'PS1', '', ''],
        }),
      ])
      const en = await mp.app.inject({ method: 'GET', url: '/api/v1/messages', headers: auth })
      const de = await mp.app.inject({
        method: 'GET',
        url: '/api/v1/messages',
        headers: { ...auth, 'accept-language': 'de-DE,de;q=0.9' },
      })
      const deQuery = await mp.app.inject({ method: 'GET', url: '/api/v1/messages?locale=de', headers: auth })
      const text = (r: typeof en) => r.json<{ messages: { text: string }[] }>().messages[0]?.text
      expect(text(de)).not.toBe(text(en))
      expect(text(deQuery)).toBe(text(de))
    })

    it('answers 400 invalid_query naming a bad parameter', async () => {
      mp = await start()
      const reply = await mp.app.inject({
        method: 'GET',
        url: '/api/v1/messages?severity=fatal&limit=5000',
        headers: auth,
      })
      expect(reply.statusCode).toBe(400)
      const body = reply.json<{ error: { code: string; issues: { field: string }[] } }>()
      expect(body.error.code).toBe('invalid_query')
      expect(body.error.issues.map((i) => i.field).sort()).toEqual(['limit', 'severity'])
    })
  })

  describe('the clients API', () => {
    it('lists clients and approves or rejects them', async () => {
      mp = await start({ mp: { approval: 'manual' } })
      const { clientId } = await mp.register()
      const list = await mp.app.inject({ method: 'GET', url: '/api/v1/clients', headers: auth })
      expect(list.json()).toMatchObject({
        clients: [{ clientId, status: 'pending', machine: 'WKS-001', lastSeenAt: null }],
      })
      const approved = await mp.app.inject({
        method: 'POST',
        url: `/api/v1/clients/${clientId}/approve`,
        headers: auth,
      })
      expect(approved.json()).toMatchObject({ client: { clientId, status: 'approved' } })
      const rejected = await mp.app.inject({
        method: 'POST',
        url: `/api/v1/clients/${clientId}/reject`,
        headers: auth,
      })
      expect(rejected.json()).toMatchObject({ client: { status: 'rejected' } })
      const missing = await mp.app.inject({
        method: 'POST',
        url: '/api/v1/clients/GUID:nope/approve',
        headers: auth,
      })
      expect(missing.statusCode).toBe(404)
      expect((await mp.app.inject({ method: 'GET', url: '/api/v1/clients' })).statusCode).toBe(401)
    })
  })
})
