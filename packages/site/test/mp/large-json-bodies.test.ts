import { afterAll, afterEach, describe, expect, it } from 'vitest'
import type { BodyDecoder } from '../../src/mp/body-decoder.ts'
import { createBodyWorkerPool } from '../../src/mp/create-body-worker-pool.ts'
import { OFF_THREAD_JSON_BYTES } from '../../src/mp/post-routes.ts'
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
let decoded = 0
const countingPool = (): BodyDecoder => ({
  decode: (kind, bytes) => pool.decode(kind, bytes),
  decodeStatusJson: (bytes, maxBatch) => {
    decoded += 1
    return pool.decodeStatusJson(bytes, maxBatch)
  },
  close: () => Promise.resolve(),
})

describe('JSON status batches large enough to decode on a worker thread', () => {
  const start = async () => {
    mp = await createTestMp({ bodyDecoder: countingPool() })
    return { mp, ...(await mp.register()) }
  }

  it('are answered per message and stored field for field, as small batches are', async () => {
    const { mp, clientId, keys } = await start()
    const messages = Array.from({ length: 40 }, (_, i) =>
      statusJson(clientId, { insertionStrings: [`message ${i}`, 'ü ✓ 日本'] }),
    )
    messages[3] = { ...messages[3], severity: 'fatal' }
    messages[7] = { ...messages[5] }
    const body = JSON.stringify({ messages })
    expect(Buffer.byteLength(body)).toBeGreaterThanOrEqual(OFF_THREAD_JSON_BYTES)
    const before = decoded
    const reply = await mp.signed({ clientId, keys, body })
    expect(decoded).toBe(before + 1)
    expect(reply.statusCode).toBe(202)
    const { results } = reply.json<{
      results: { index: number; status: string; issues?: { field: string }[] }[]
    }>()
    expect(results.map((r) => r.index)).toEqual(messages.map((_, i) => i))
    expect(results[3]).toMatchObject({ status: 'rejected', issues: [{ field: 'messages[3].severity' }] })
    expect(results[7]?.status).toBe('duplicate')
    expect(results.filter((r) => r.status === 'accepted')).toHaveLength(38)
    const stored = await mp.store.transaction((tx) => tx.claimInbox({ max: 100, now: NOW }))
    const byId = new Map(stored.map((item) => [item.id, JSON.parse(item.body) as Record<string, unknown>]))
    for (const [i, sent] of messages.entries()) {
      if (i === 3 || i === 7) continue
      expect(byId.get(String(sent.id))).toMatchObject({
        id: sent.id,
        origin: sent.origin,
        insertionStrings: sent.insertionStrings,
        attributes: sent.attributes,
        createdAt: sent.createdAt,
      })
    }
  })

  it('are refused as a whole, naming the fault, when the body is not JSON or holds too many messages', async () => {
    const { mp, clientId, keys } = await start()
    const notJson = `{"messages": [${'{"id": 1},'.repeat(2000)}`
    const broken = await mp.signed({ clientId, keys, body: notJson })
    expect(broken.statusCode).toBe(400)
    expect(broken.json()).toMatchObject({
      error: { code: 'invalid_body', message: expect.stringContaining('not valid JSON') as unknown },
    })
    const tooMany = await mp.signed({
      clientId,
      keys,
      body: JSON.stringify({ messages: Array.from({ length: 1001 }, () => statusJson(clientId)) }),
    })
    expect(tooMany.statusCode).toBe(413)
    expect(tooMany.json()).toMatchObject({
      error: { code: 'batch_too_large', issues: [{ field: 'messages', limit: 1000 }] },
    })
    expect(await mp.store.inboxSize()).toBe(0)
  })
})
