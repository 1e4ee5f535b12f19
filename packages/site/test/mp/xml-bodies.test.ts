import { encodeStateReportXml } from '@sitrep/protocol'
import { afterAll, afterEach, describe, expect, it } from 'vitest'
import { createBodyWorkerPool } from '../../src/mp/create-body-worker-pool.ts'
import { isMpError } from '../../src/mp/mp-error.ts'
import type { BodyDecoder } from '../../src/mp/body-decoder.ts'
import type { TestMp } from './mp-test-site.ts'
import { NOW, createTestMp, statusJson } from './mp-test-site.ts'

let mp: TestMp | undefined
afterEach(async () => {
  await mp?.close()
  mp = undefined
})

// One pool for the file: starting worker threads (and tsx in each) is the slow part.
const pool = createBodyWorkerPool({ size: 2, maxQueue: 8 })
afterAll(() => pool.close())
/** The shared pool, with a close that leaves it running for the next test. */
const sharedPool = (): BodyDecoder => ({
  decode: (kind, bytes) => pool.decode(kind, bytes),
  decodeStatusJson: (bytes, maxBatch) => pool.decodeStatusJson(bytes, maxBatch),
  close: () => Promise.resolve(),
})

const STATUS_XML =
  '<?xml version="1.0" encoding="UTF-16"?><Status SchemaVersion="1.0"><Type>SoftDistProgramStartedEvent</Type>' +
  '<Properties><Property Name="AdvertisementId">ABC20001</Property><Property Name="PackageName">ABC00012</Property>' +
  '<Property Name="ProgramName">Install</Property></Properties></Status>'

/** UTF-16LE with a BOM and a trailing UTF-16 NUL, as ConfigMgr clients send XML. */
function utf16(text: string): Buffer {
  return Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(`${text}\0`, 'utf16le')])
}

function report(clientId: string): string {
  return encodeStateReportXml({
    header: {
      clientId,
      netBiosName: 'WKS-001',
      clientVersion: '5.00.9078.1000',
      codePage: 437,
      systemDefaultLcid: 1033,
      priority: 5,
      reportContent: 'State Message Data',
      reportType: 'Full',
      date: NOW,
      version: '1.0',
      format: '1.1',
    },
    stateMessages: [
      {
        messageTime: NOW - 1000,
        serialNumber: 232,
        topic: { id: '505fda07-b4f3-45fb-83d9-8642554e2773', type: 500, idType: 3, user: '', userSid: '' },
        state: { id: 2, criticality: 0 },
        details: { type: 1, text: 'free text' },
        userParameters: { flags: 0, params: ['200'] },
      },
    ],
  })
}

describe.each([
  ['the worker pool', sharedPool],
  ['the inline decoder', undefined],
])('XML bodies through %s', (_name, makeDecoder) => {
  const start = async () => {
    mp = await createTestMp(makeDecoder === undefined ? {} : { bodyDecoder: makeDecoder() })
    return { mp, ...(await mp.register()) }
  }

  it.each([
    ['UTF-8', (text: string) => Buffer.from(text.replace('UTF-16', 'UTF-8'), 'utf8')],
    ['UTF-16LE with a BOM and a trailing NUL', utf16],
  ])('accepts a Status document in %s as one message from the signing client', async (_encoding, encode) => {
    const { mp, clientId, keys } = await start()
    const reply = await mp.signed({
      clientId,
      keys,
      body: encode(STATUS_XML),
      contentType: 'application/xml',
    })
    expect(reply.statusCode).toBe(202)
    const { results } = reply.json<{ results: { status: string; id: string }[] }>()
    expect(results.map((r) => r.status)).toEqual(['accepted'])
    const [item] = await mp.store.transaction((tx) => tx.claimInbox({ max: 10, now: NOW }))
    expect(JSON.parse(item?.body ?? '')).toMatchObject({
      id: results[0]?.id,
      origin: { kind: 'client', id: clientId },
      module: 'SMS Client',
      messageId: 10005,
      machine: 'WKS-001',
      siteCode: 'PS1',
      insertionStrings: ['ABC20001', '', '', 'ABC00012', 'Install'],
    })
  })

  it('refuses a document with a DOCTYPE as 400 invalid_body', async () => {
    const { mp, clientId, keys } = await start()
    const body =
      '<?xml version="1.0"?><!DOCTYPE Status [<!ENTITY x "y">]><Status SchemaVersion="1.0"><Type>&x;</Type></Status>'
    const reply = await mp.signed({ clientId, keys, body, contentType: 'text/xml' })
    expect(reply.statusCode).toBe(400)
    const { error } = reply.json<{ error: { code: string; message: string } }>()
    expect(error.code).toBe('invalid_body')
    expect(error.message).toContain('DOCTYPE')
  })

  it('stores the state messages of a Report on the relay endpoint once, even when the report is sent again', async () => {
    const { mp, clientId, keys } = await start()
    const body = utf16(report(clientId))
    const first = await mp.signed({
      clientId,
      keys,
      url: '/mp/v1/relay',
      body,
      contentType: 'application/xml',
    })
    expect(first.statusCode).toBe(202)
    expect(first.json<{ results: { status: string }[] }>().results.map((r) => r.status)).toEqual(['accepted'])
    const again = await mp.signed({
      clientId,
      keys,
      url: '/mp/v1/relay',
      body,
      contentType: 'application/xml',
    })
    expect(again.json<{ results: { status: string }[] }>().results.map((r) => r.status)).toEqual([
      'duplicate',
    ])
    const stored = await mp.store.listStateMessages({ topicType: 500 })
    expect(stored).toHaveLength(1)
    expect(stored[0]).toMatchObject({
      origin: { kind: 'client', id: clientId },
      serialNumber: 232,
      state: { id: 2, criticality: 0 },
      details: { type: 1, text: 'free text' },
      userParameters: { flags: 0, params: ['200'] },
      trusted: true,
    })
  })

  it("refuses a Report whose ClientID is not the signing client's", async () => {
    const { mp, clientId, keys } = await start()
    const body = report('GUID:33333333-3333-4333-8333-333333333333')
    const reply = await mp.signed({
      clientId,
      keys,
      url: '/mp/v1/relay',
      body,
      contentType: 'application/xml',
    })
    expect(reply.statusCode).toBe(400)
    expect(reply.json()).toMatchObject({
      error: {
        code: 'invalid_body',
        issues: [{ field: 'Report.ReportHeader.Identification.Machine.ClientID' }],
      },
    })
  })
})

describe('POST /mp/v1/relay with JSON', () => {
  it('stores state messages of the signing client and rejects those of others', async () => {
    mp = await createTestMp()
    const { clientId, keys } = await mp.register()
    const state = (origin: string, id: string) => ({
      id,
      origin: { kind: 'client', id: origin },
      messageTime: new Date(NOW).toISOString(),
      serialNumber: 1,
      topic: { id: 'ci-1', type: 401, idType: 1, user: '', userSid: '' },
      state: { id: 1, criticality: 0 },
      userParameters: { flags: 0, params: [] },
    })
    const own = state(clientId, '0193f5c1-0000-7000-8000-000000000001')
    const other = state('GUID:x', '0193f5c1-0000-7000-8000-000000000002')
    const reply = await mp.signed({
      clientId,
      keys,
      url: '/mp/v1/relay',
      body: JSON.stringify({ stateMessages: [own, other] }),
    })
    expect(reply.statusCode).toBe(202)
    const { results } = reply.json<{ results: { status: string; issues?: { field: string }[] }[] }>()
    expect(results.map((r) => r.status)).toEqual(['accepted', 'rejected'])
    expect(results[1]?.issues?.map((i) => i.field)).toEqual(['stateMessages[1].origin.id'])
    expect((await mp.store.listStateMessages({})).map((m) => m.id)).toEqual([own.id])
    expect((await mp.store.lossLedger())[0]).toMatchObject({ reason: 'refused', count: 1 })
  })
})

describe('createBodyWorkerPool', () => {
  it('refuses with 503 unavailable and Retry-After when every worker is busy and the queue is full', async () => {
    const small = createBodyWorkerPool({ size: 1, maxQueue: 1 })
    try {
      const body = Buffer.from(STATUS_XML)
      const outcomes = await Promise.allSettled(Array.from({ length: 4 }, () => small.decode('status', body)))
      expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'fulfilled', 'rejected', 'rejected'])
      const [, , refused] = outcomes
      const reason: unknown = refused?.status === 'rejected' ? refused.reason : undefined
      expect(isMpError(reason) && [reason.code, reason.retryAfterSeconds]).toEqual(['unavailable', 1])
      expect(await small.decode('status', body)).toMatchObject({ ok: true })
    } finally {
      await small.close()
    }
  })

  it('decodes a JSON batch in place instead of refusing it when every worker is busy and the queue is full', async () => {
    const small = createBodyWorkerPool({ size: 1, maxQueue: 1 })
    try {
      const xml = Buffer.from(STATUS_XML)
      const busy = [small.decode('status', xml), small.decode('status', xml)]
      const json = Buffer.from(JSON.stringify({ messages: [statusJson('GUID:client-1')] }))
      expect(await small.decodeStatusJson(json, 1000)).toMatchObject({ ok: true, items: [{ ok: true }] })
      await Promise.all(busy)
    } finally {
      await small.close()
    }
  })
})
