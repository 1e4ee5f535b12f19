import type { SiteStore } from '@sitrep/store'
import { createSqliteStore } from '@sitrep/store'
import { afterEach, describe, expect, it } from 'vitest'
import { MpError } from '../../src/mp/mp-error.ts'
import type { BodyDecoder } from '../../src/mp/body-decoder.ts'
import { createInlineBodyDecoder } from '../../src/mp/body-decoder.ts'
import type { TestMp } from './mp-test-site.ts'
import { NOW, createKeys, createTestMp, statusJson } from './mp-test-site.ts'

let mp: TestMp | undefined
afterEach(async () => {
  await mp?.close()
  mp = undefined
})

async function registered(options: Parameters<typeof createTestMp>[0] = {}) {
  mp = await createTestMp(options)
  const { clientId, keys } = await mp.register()
  return { mp, clientId, keys }
}

describe('POST /mp/v1/status', () => {
  it('commits a JSON batch to the inbox before it replies 202 with a result per message', async () => {
    const { mp, clientId, keys } = await registered()
    const messages = [statusJson(clientId), statusJson(clientId)]
    const reply = await mp.signed({ clientId, keys, body: JSON.stringify({ messages }) })
    expect(reply.statusCode).toBe(202)
    const { trackingId, results } = reply.json<{ trackingId: string; results: unknown[] }>()
    expect(trackingId).toMatch(/^[0-9a-f-]{36}$/)
    expect({ results }).toEqual({
      results: [
        { index: 0, id: messages[0]?.id, status: 'accepted' },
        { index: 1, id: messages[1]?.id, status: 'accepted' },
      ],
    })
    expect(await mp.store.inboxSize()).toBe(2)
    expect(mp.notified()).toBe(1)
    const claimed = await mp.store.transaction((tx) => tx.claimInbox({ max: 10, now: NOW }))
    expect(claimed.map((c) => [c.id, c.trusted, c.source])).toEqual([
      [messages[0]?.id, true, 'mp'],
      [messages[1]?.id, true, 'mp'],
    ])
    expect(JSON.parse(claimed[0]?.body ?? '')).toEqual(messages[0])
  })

  it('acknowledges a repeated id as duplicate and stores it once', async () => {
    const { mp, clientId, keys } = await registered()
    const message = statusJson(clientId)
    const first = await mp.signed({ clientId, keys, body: JSON.stringify({ messages: [message, message] }) })
    expect(first.json<{ results: unknown[] }>().results).toEqual([
      { index: 0, id: message.id, status: 'accepted' },
      { index: 1, id: message.id, status: 'duplicate' },
    ])
    const again = await mp.signed({ clientId, keys, body: JSON.stringify({ messages: [message] }) })
    expect(again.json<{ results: unknown[] }>().results).toEqual([
      { index: 0, id: message.id, status: 'duplicate' },
    ])
    expect(await mp.store.inboxSize()).toBe(1)
  })

  it('answers 401 bad_signature when the body was changed after signing', async () => {
    const { mp, clientId, keys } = await registered()
    const reply = await mp.signed({
      clientId,
      keys,
      body: JSON.stringify({ messages: [statusJson(clientId)] }),
      tamper: true,
    })
    expect(reply.statusCode).toBe(401)
    expect(reply.json()).toMatchObject({ error: { code: 'bad_signature' } })
    expect(await mp.store.inboxSize()).toBe(0)
  })

  it('answers 401 bad_signature when another key signed', async () => {
    const { mp, clientId } = await registered()
    const reply = await mp.signed({ clientId, keys: createKeys(), body: JSON.stringify({ messages: [] }) })
    expect(reply.json()).toMatchObject({ error: { code: 'bad_signature' } })
  })

  it('answers 401 unknown_client for a client ID the site never registered', async () => {
    mp = await createTestMp()
    const clientId = 'GUID:00000000-0000-4000-8000-000000000000'
    const reply = await mp.signed({
      clientId,
      keys: createKeys(),
      body: JSON.stringify({ messages: [statusJson(clientId)] }),
    })
    expect(reply.statusCode).toBe(401)
    expect(reply.json()).toMatchObject({ error: { code: 'unknown_client' } })
  })

  it('answers 401 stale_timestamp when the signing time is more than 5 minutes off', async () => {
    const { mp, clientId, keys } = await registered()
    const body = JSON.stringify({ messages: [statusJson(clientId)] })
    const stale = new Date(NOW - 301_000).toISOString()
    const reply = await mp.signed({ clientId, keys, body, timestamp: stale })
    expect(reply.statusCode).toBe(401)
    expect(reply.json()).toMatchObject({ error: { code: 'stale_timestamp' } })
    const fresh = await mp.signed({ clientId, keys, body, timestamp: new Date(NOW + 299_000).toISOString() })
    expect(fresh.statusCode).toBe(202)
  })

  it('answers 403 client_not_approved for a pending client and client_rejected for a rejected one', async () => {
    const { mp, clientId, keys } = await registered({ mp: { approval: 'manual' } })
    const body = JSON.stringify({ messages: [statusJson(clientId)] })
    expect((await mp.signed({ clientId, keys, body })).json()).toMatchObject({
      error: { code: 'client_not_approved' },
    })
    await mp.store.setClientStatus(clientId, 'rejected')
    const rejected = await mp.signed({ clientId, keys, body })
    expect(rejected.statusCode).toBe(403)
    expect(rejected.json()).toMatchObject({ error: { code: 'client_rejected' } })
  })

  it('answers 413 payload_too_large for a body over the limit', async () => {
    const { mp, clientId, keys } = await registered({ mp: { maxBodyBytes: 64 * 1024 } })
    const body = JSON.stringify({ messages: [statusJson(clientId, { component: 'x'.repeat(70 * 1024) })] })
    const reply = await mp.signed({ clientId, keys, body })
    expect(reply.statusCode).toBe(413)
    expect(reply.json()).toMatchObject({ error: { code: 'payload_too_large' } })
  })

  it('answers 413 batch_too_large for 1001 messages and stores none', async () => {
    const { mp, clientId, keys } = await registered()
    const messages = Array.from({ length: 1001 }, () => statusJson(clientId))
    const reply = await mp.signed({ clientId, keys, body: JSON.stringify({ messages }) })
    expect(reply.statusCode).toBe(413)
    expect(reply.json()).toMatchObject({
      error: { code: 'batch_too_large', issues: [{ field: 'messages', limit: 1000 }] },
    })
    expect(await mp.store.inboxSize()).toBe(0)
  })

  it('rejects a message with eleven insertion strings, counts it as refused, and takes the rest', async () => {
    const { mp, clientId, keys } = await registered()
    const bad = statusJson(clientId, { insertionStrings: Array.from({ length: 11 }, (_, i) => `s${i}`) })
    const good = statusJson(clientId)
    const reply = await mp.signed({ clientId, keys, body: JSON.stringify({ messages: [bad, good] }) })
    expect(reply.statusCode).toBe(202)
    const { results } = reply.json<{
      results: { status: string; issues?: { field: string; limit?: number }[] }[]
    }>()
    expect(results[0]).toMatchObject({ index: 0, status: 'rejected' })
    expect(results[0]?.issues).toContainEqual(
      expect.objectContaining({ field: 'messages[0].insertionStrings', limit: 10 }),
    )
    expect(results[1]).toEqual({ index: 1, id: good.id, status: 'accepted' })
    expect(await mp.store.lossLedger()).toEqual([
      {
        siteCode: 'PS1',
        origin: `client:${clientId}`,
        reason: 'refused',
        count: 1,
        firstAt: NOW,
        lastAt: NOW,
      },
    ])
  })

  it('rejects a four-letter site code with an issue naming siteCode', async () => {
    const { mp, clientId, keys } = await registered()
    const reply = await mp.signed({
      clientId,
      keys,
      body: JSON.stringify({ messages: [statusJson(clientId, { siteCode: 'PS12' })] }),
    })
    const { results } = reply.json<{ results: { status: string; issues?: { field: string }[] }[] }>()
    expect(results[0]?.status).toBe('rejected')
    expect(results[0]?.issues?.map((i) => i.field)).toEqual(['messages[0].siteCode'])
  })

  it("refuses a message whose origin is another client's, naming origin.id", async () => {
    const { mp, clientId, keys } = await registered()
    const other = 'GUID:11111111-1111-4111-8111-111111111111'
    const reply = await mp.signed({ clientId, keys, body: JSON.stringify({ messages: [statusJson(other)] }) })
    const { results } = reply.json<{ results: { status: string; issues?: { field: string }[] }[] }>()
    expect(results[0]?.status).toBe('rejected')
    expect(results[0]?.issues?.map((i) => i.field)).toEqual(['messages[0].origin.id'])
    expect((await mp.store.lossLedger())[0]?.count).toBe(1)
  })

  it('answers 429 rate_limited with Retry-After once the burst is spent, and takes requests again later', async () => {
    const { mp, clientId, keys } = await registered({ mp: { ratePerSecond: 1, burst: 2 } })
    const body = JSON.stringify({ messages: [] })
    expect((await mp.signed({ clientId, keys, body })).statusCode).toBe(202)
    expect((await mp.signed({ clientId, keys, body })).statusCode).toBe(202)
    const limited = await mp.signed({ clientId, keys, body })
    expect(limited.statusCode).toBe(429)
    expect(limited.headers['retry-after']).toBe('1')
    expect(limited.json()).toMatchObject({ error: { code: 'rate_limited' } })
    mp.setNow(NOW + 1000)
    expect((await mp.signed({ clientId, keys, body })).statusCode).toBe(202)
  })

  it('answers 400 invalid_body for JSON that is not a batch, and 415 for other media types', async () => {
    const { mp, clientId, keys } = await registered()
    const notJson = await mp.signed({ clientId, keys, body: '{"messages": [' })
    expect(notJson.json()).toMatchObject({ error: { code: 'invalid_body' } })
    const notBatch = await mp.signed({ clientId, keys, body: '[]' })
    expect(notBatch.statusCode).toBe(400)
    expect(notBatch.json()).toMatchObject({ error: { code: 'invalid_body', issues: [{ field: 'batch' }] } })
    const text = await mp.signed({ clientId, keys, body: 'hi', contentType: 'text/plain' })
    expect(text.statusCode).toBe(415)
    expect(text.json()).toMatchObject({ error: { code: 'unsupported_media_type' } })
  })
})

describe('POST /mp/v1/status/unsigned', () => {
  it('answers 404 when the site does not enable it', async () => {
    mp = await createTestMp()
    const reply = await mp.app.inject({
      method: 'POST',
      url: '/mp/v1/status/unsigned',
      payload: { messages: [] },
    })
    expect(reply.statusCode).toBe(404)
    expect(reply.json()).toMatchObject({ error: { code: 'unknown_route' } })
  })

  it('stores messages as untrusted when enabled, refusing the reserved modules', async () => {
    mp = await createTestMp({ mp: { allowUnsigned: true } })
    const clientId = 'GUID:22222222-2222-4222-8222-222222222222'
    const good = statusJson(clientId, { module: 'Acme Backup', messageId: 1 })
    const reserved = statusJson(clientId, { module: 'SMS Provider' })
    const reply = await mp.app.inject({
      method: 'POST',
      url: '/mp/v1/status/unsigned',
      payload: { messages: [good, reserved] },
    })
    expect(reply.statusCode).toBe(202)
    const { results } = reply.json<{ results: { status: string; issues?: { field: string }[] }[] }>()
    expect(results.map((r) => r.status)).toEqual(['accepted', 'rejected'])
    expect(results[1]?.issues?.map((i) => i.field)).toEqual(['messages[1].module'])
    const claimed = await mp.store.transaction((tx) => tx.claimInbox({ max: 10, now: NOW }))
    expect(claimed.map((c) => c.trusted)).toEqual([false])
    expect((await mp.store.lossLedger())[0]).toMatchObject({
      origin: 'source:127.0.0.1',
      reason: 'refused',
      count: 1,
    })
  })

  it('rate-limits per source address', async () => {
    mp = await createTestMp({ mp: { allowUnsigned: true, ratePerSecond: 1, burst: 1 } })
    const send = () =>
      mp?.app.inject({ method: 'POST', url: '/mp/v1/status/unsigned', payload: { messages: [] } })
    expect((await send())?.statusCode).toBe(202)
    const limited = await send()
    expect(limited?.statusCode).toBe(429)
    expect(limited?.headers['retry-after']).toBe('1')
  })
})

describe('failures the client cannot fix', () => {
  it('answers a failed inbox commit with a generic 500 that carries no stack trace, acknowledging nothing', async () => {
    const real = await createSqliteStore({ filename: ':memory:' })
    const failing: SiteStore = {
      ...real,
      enqueueInbox: () => Promise.reject(new Error('disk I/O error at /secret/path')),
    }
    const { mp, clientId, keys } = await registered({ store: failing })
    const reply = await mp.signed({
      clientId,
      keys,
      body: JSON.stringify({ messages: [statusJson(clientId)] }),
    })
    expect(reply.statusCode).toBe(500)
    expect(reply.json()).toEqual({
      error: { code: 'internal_error', message: 'the site could not handle this request; see its log' },
    })
    expect(reply.body).not.toContain('secret')
    expect(await real.inboxSize()).toBe(0)
  })

  it('answers JSON clients while every XML body in flight is still being decoded', async () => {
    const inline = createInlineBodyDecoder()
    const held: (() => void)[] = []
    const slowXml: BodyDecoder = {
      ...inline,
      // Each XML decode waits until the test lets it go, as a worker busy with a huge body would.
      decode: (kind, bytes) =>
        new Promise<void>((resolve) => held.push(resolve)).then(() => inline.decode(kind, bytes)),
    }
    const { mp, clientId, keys } = await registered({ bodyDecoder: slowXml })
    const xmlReplies = Array.from({ length: 5 }, () =>
      mp.signed({ clientId, keys, body: '<Status/>', contentType: 'application/xml' }),
    )
    for (let i = 0; i < 200 && held.length < 5; i++) await new Promise((r) => setTimeout(r, 5))
    expect(held).toHaveLength(5)
    const json = await mp.signed({
      clientId,
      keys,
      body: JSON.stringify({ messages: [statusJson(clientId)] }),
    })
    expect(json.statusCode).toBe(202)
    expect(await mp.store.inboxSize()).toBe(1)
    for (const release of held) release()
    expect((await Promise.all(xmlReplies)).map((r) => r.statusCode)).toEqual([400, 400, 400, 400, 400])
  })

  it('answers 503 unavailable with Retry-After when the body decoder refuses a body (saturated or stopping)', async () => {
    const busy = () => Promise.reject(new MpError('unavailable', 'busy', { retryAfterSeconds: 1 }))
    const saturated: BodyDecoder = { decode: busy, decodeStatusJson: busy, close: () => Promise.resolve() }
    const { mp, clientId, keys } = await registered({ bodyDecoder: saturated })
    const bigBatch = { messages: Array.from({ length: 40 }, () => statusJson(clientId)) }
    for (const [body, contentType] of [
      ['<Status/>', 'application/xml'],
      [JSON.stringify(bigBatch), 'application/json'],
    ] as const) {
      const reply = await mp.signed({ clientId, keys, body, contentType })
      expect(reply.statusCode).toBe(503)
      expect(reply.headers['retry-after']).toBe('1')
      expect(reply.json()).toMatchObject({ error: { code: 'unavailable' } })
    }
    expect(await mp.store.inboxSize()).toBe(0)
  })
})
