/**
 * Issue 23, item 5: a state message reported through the relay keeps what the client said about
 * itself — the reporting machine and the report header — and `GET /api/v1/state-messages` reads it
 * back with them, on both engines.
 */
import { encodeStateReportXml } from '@sitrep/protocol'
import type { StateMessagePage } from '@sitrep/api'
import { afterEach, expect, it } from 'vitest'
import { describeEachEngine } from '../helpers/engines.ts'
import type { TestMp } from './mp-test-site.ts'
import { ADMIN_TOKEN, NOW, createTestMp } from './mp-test-site.ts'

/** UTF-16LE with a BOM, as ConfigMgr clients send XML. */
function utf16(text: string): Buffer {
  return Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')])
}

const REPORTED_AT = NOW - 5_000

function report(clientId: string, serialNumbers: readonly number[]): Buffer {
  return utf16(
    encodeStateReportXml({
      header: {
        clientId,
        netBiosName: 'WKS-REPORTED',
        clientVersion: '5.00.9078.1000',
        codePage: 850,
        systemDefaultLcid: 1031,
        priority: 5,
        reportContent: 'State Message Data',
        reportType: 'Delta',
        date: REPORTED_AT,
        version: '1.0',
        format: '1.1',
      },
      stateMessages: serialNumbers.map((serialNumber) => ({
        messageTime: NOW - 60_000 + serialNumber,
        serialNumber,
        topic: { id: '505fda07-b4f3-45fb-83d9-8642554e2773', type: 500, idType: 3, user: '', userSid: '' },
        state: { id: 2, criticality: 0 },
        details: { type: 1, text: `serial ${serialNumber}` },
        userParameters: { flags: 0, params: ['200'] },
      })),
    }),
  )
}

let mp: TestMp | undefined
afterEach(async () => {
  await mp?.close()
  mp = undefined
})

describeEachEngine('state messages through the relay and the API', (engine) => {
  const start = async (): Promise<TestMp> => {
    mp = await createTestMp({ store: await engine.openStore(), logger: engine.siteLog('PS1').logger })
    return mp
  }
  const list = async (site: TestMp, query: string): Promise<StateMessagePage> => {
    const reply = await site.app.inject({
      method: 'GET',
      url: `/api/v1/state-messages${query}`,
      headers: { authorization: `Bearer ${ADMIN_TOKEN}` },
    })
    expect(reply.statusCode).toBe(200)
    return reply.json<StateMessagePage>()
  }

  it('reads a state message of a Report back with the machine name and the header the client sent', async () => {
    const site = await start()
    const { clientId, keys } = await site.register()
    const sent = await site.signed({
      clientId,
      keys,
      url: '/mp/v1/relay',
      body: report(clientId, [232]),
      contentType: 'application/xml',
    })
    expect(sent.statusCode).toBe(202)

    const page = await list(site, `?machine=WKS-REPORTED&topicType=500`)
    expect(page.nextCursor).toBeNull()
    expect(page.stateMessages).toHaveLength(1)
    expect(page.stateMessages[0]).toMatchObject({
      origin: { kind: 'client', id: clientId },
      serialNumber: 232,
      messageTime: new Date(NOW - 60_000 + 232).toISOString(),
      topic: { id: '505fda07-b4f3-45fb-83d9-8642554e2773', type: 500, idType: 3 },
      state: { id: 2, criticality: 0 },
      details: { type: 1, text: 'serial 232' },
      userParameters: { flags: 0, params: ['200'] },
      trusted: true,
      report: {
        machine: 'WKS-REPORTED',
        clientVersion: '5.00.9078.1000',
        codePage: 850,
        localeId: 1031,
        priority: 5,
        reportedAt: new Date(REPORTED_AT).toISOString(),
      },
    })
  })

  it('names the registered machine and no header for a JSON relay, which has none', async () => {
    const site = await start()
    const { clientId, keys } = await site.register()
    const state = {
      id: '0193f5c1-0000-7000-8000-000000000001',
      origin: { kind: 'client', id: clientId },
      messageTime: new Date(NOW).toISOString(),
      serialNumber: 1,
      topic: { id: 'ci-1', type: 401, idType: 1, user: '', userSid: '' },
      state: { id: 1, criticality: 0 },
      userParameters: { flags: 0, params: [] },
    }
    const sent = await site.signed({
      clientId,
      keys,
      url: '/mp/v1/relay',
      body: JSON.stringify({ stateMessages: [state] }),
    })
    expect(sent.statusCode).toBe(202)
    const page = await list(site, `?originId=${encodeURIComponent(clientId)}`)
    expect(page.stateMessages.map((m) => [m.id, m.details, m.report])).toEqual([
      [
        state.id,
        null,
        {
          machine: 'WKS-001',
          clientVersion: null,
          codePage: null,
          localeId: null,
          priority: null,
          reportedAt: null,
        },
      ],
    ])
  })

  it('pages newest first with nextCursor and refuses a filter it does not know', async () => {
    const site = await start()
    const { clientId, keys } = await site.register()
    await site.signed({
      clientId,
      keys,
      url: '/mp/v1/relay',
      body: report(clientId, [1, 2, 3]),
      contentType: 'application/xml',
    })
    const first = await list(site, '?limit=2')
    expect(first.stateMessages.map((m) => m.serialNumber)).toEqual([3, 2])
    expect(first.nextCursor).not.toBeNull()
    const second = await list(site, `?limit=2&cursor=${String(first.nextCursor)}`)
    expect(second.stateMessages.map((m) => m.serialNumber)).toEqual([1])
    expect(second.nextCursor).toBeNull()

    const refused = await site.app.inject({
      method: 'GET',
      url: '/api/v1/state-messages?severity=error',
      headers: { authorization: `Bearer ${ADMIN_TOKEN}` },
    })
    expect(refused.statusCode).toBe(400)
  })
})
