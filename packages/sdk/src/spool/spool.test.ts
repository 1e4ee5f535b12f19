import { appendFile, mkdtemp, readdir, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import type { StatusMessageJson } from '@sitrep/protocol'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { SitrepRequestError, SitrepSpoolError } from '../errors.ts'
import type { StatusReply, StatusResult } from '../transport/status-reply.ts'
import type { DeliverBatch } from './spool.ts'
import { openSpool, readDeadLetters } from './spool.ts'

let dir: string
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'sitrep-spool-'))
})
afterEach(async () => {
  await rm(dir, { recursive: true, force: true })
})

/** A message-shaped value; the spool only reads `id`. */
function message(n: number): StatusMessageJson {
  // The spool stores whatever JSON it is given and reads back only `id`; the rest is irrelevant here.
  return { id: `id-${n}`, insertionStrings: [String(n)] } as unknown as StatusMessageJson
}

/** Acknowledges every message (or answers with `verdict` per message). */
function deliverer(
  verdict: (m: StatusMessageJson, index: number) => StatusResult | undefined = (m, index) => ({
    index,
    id: m.id,
    status: 'accepted',
    issues: [],
  }),
): DeliverBatch & { batches: string[][] } {
  const batches: string[][] = []
  const deliver = (messages: readonly StatusMessageJson[]): Promise<StatusReply> => {
    batches.push(messages.map((m) => m.id))
    const results = messages.map(verdict).filter((r): r is StatusResult => r !== undefined)
    return Promise.resolve({ trackingId: 't', results })
  }
  return Object.assign(deliver, { batches })
}

describe('openSpool', () => {
  it('sends in batches of at most 100 messages and empties', async () => {
    const deliver = deliverer()
    const spool = await openSpool({ dir, deliver })
    await spool.append(Array.from({ length: 250 }, (_, i) => message(i)))
    expect(await spool.pendingCount()).toBe(250)
    while (!spool.isEmpty()) await spool.sendBatch()
    expect(deliver.batches.map((b) => b.length)).toEqual([100, 100, 50])
    expect(await spool.pendingCount()).toBe(0)
    await spool.close()
  })

  it('keeps batches under the byte limit', async () => {
    const deliver = deliverer()
    const spool = await openSpool({ dir, deliver, maxBatchBytes: 200 })
    await spool.append(Array.from({ length: 10 }, (_, i) => message(i)))
    while (!spool.isEmpty()) await spool.sendBatch()
    expect(deliver.batches.every((b) => b.length <= 5)).toBe(true)
    expect(deliver.batches.flat()).toHaveLength(10)
    await spool.close()
  })

  it('groups appends that arrive together into one write', async () => {
    const spool = await openSpool({ dir, deliver: deliverer() })
    await Promise.all(Array.from({ length: 50 }, (_, i) => spool.append([message(i)])))
    expect(await spool.pendingCount()).toBe(50)
    await spool.close()
  })

  it('removes exactly what the MP acknowledged and sends the rest again', async () => {
    // The MP answers for the first two messages only.
    const deliver = deliverer((m, index) =>
      index < 2 ? { index, id: m.id, status: 'accepted', issues: [] } : undefined,
    )
    const spool = await openSpool({ dir, deliver })
    await spool.append([message(1), message(2), message(3)])
    const outcome = await spool.sendBatch()
    expect(outcome).toMatchObject({ sent: 3, acknowledged: 2 })
    expect(await spool.pendingCount()).toBe(1)
    await spool.sendBatch()
    expect(deliver.batches).toEqual([['id-1', 'id-2', 'id-3'], ['id-3']])
    await spool.close()
  })

  it('counts duplicate as an acknowledgement', async () => {
    const deliver = deliverer((m, index) => ({ index, id: m.id, status: 'duplicate', issues: [] }))
    const spool = await openSpool({ dir, deliver })
    await spool.append([message(1)])
    expect(await spool.sendBatch()).toMatchObject({ acknowledged: 1 })
    expect(spool.isEmpty()).toBe(true)
    await spool.close()
  })

  it('moves rejected messages to the dead-letter file with their issues and never sends them again', async () => {
    const issue = {
      field: 'messages[1].siteCode',
      code: 'format' as const,
      message: 'bad',
      smscstat: 3 as const,
    }
    const deliver = deliverer((m, index) =>
      m.id === 'id-2'
        ? { index, status: 'rejected', issues: [issue] }
        : { index, id: m.id, status: 'accepted', issues: [] },
    )
    const spool = await openSpool({ dir, deliver })
    await spool.append([message(1), message(2), message(3)])
    expect(await spool.sendBatch()).toMatchObject({ acknowledged: 2, deadLettered: 1 })
    expect(spool.isEmpty()).toBe(true)
    const dead = await readDeadLetters(dir)
    expect(dead).toHaveLength(1)
    expect(dead[0]).toMatchObject({ issues: [issue], message: { id: 'id-2' } })
    await spool.close()
  })

  it('halves the batch when the MP refuses the body, and dead-letters a lone message it still refuses', async () => {
    const batches: number[] = []
    const deliver: DeliverBatch = (messages) => {
      batches.push(messages.length)
      if (messages.some((m) => m.id === 'id-3')) {
        return Promise.reject(new SitrepRequestError('invalid_body', 'bad', { status: 400 }))
      }
      return Promise.resolve({
        trackingId: 't',
        results: messages.map((m, index) => ({ index, id: m.id, status: 'accepted' as const, issues: [] })),
      })
    }
    const spool = await openSpool({ dir, deliver })
    await spool.append([message(1), message(2), message(3), message(4)])
    while (!spool.isEmpty()) await spool.sendBatch()
    expect(batches).toEqual([4, 2, 2, 1, 1])
    expect(
      (await readDeadLetters(dir)).map((d) => (typeof d.message === 'string' ? d.message : d.message.id)),
    ).toEqual(['id-3'])
    await spool.close()
  })

  it('survives a torn last line: the complete lines are sent, the torn one is cut off', async () => {
    const first = await openSpool({ dir, deliver: deliverer() })
    await first.append([message(1), message(2)])
    await first.close()
    const [segment] = (await readdir(dir)).filter((f) => f.startsWith('seg-'))
    await appendFile(path.join(dir, segment ?? ''), '{"id":"id-3","insertionStr')
    const deliver = deliverer()
    const reopened = await openSpool({ dir, deliver })
    await reopened.append([message(4)])
    while (!reopened.isEmpty()) await reopened.sendBatch()
    expect(deliver.batches.flat()).toEqual(['id-1', 'id-2', 'id-4'])
    await reopened.close()
  })

  it('keeps the acknowledged position across a reopen and deletes fully acknowledged segments', async () => {
    const first = await openSpool({ dir, deliver: deliverer(), segmentMaxBytes: 100 })
    for (let i = 0; i < 10; i += 1) await first.append([message(i)])
    expect((await readdir(dir)).filter((f) => f.startsWith('seg-')).length).toBeGreaterThan(1)
    await first.sendBatch()
    await first.close()
    const deliver = deliverer()
    const second = await openSpool({ dir, deliver })
    while (!second.isEmpty()) await second.sendBatch()
    expect(deliver.batches.flat()).not.toContain('id-0')
    expect(deliver.batches.flat()).toContain('id-9')
    const segments = (await readdir(dir)).filter((f) => f.startsWith('seg-'))
    expect(segments).toHaveLength(1)
    expect(await readFile(path.join(dir, segments[0] ?? ''), 'utf8')).toBe('')
    await second.close()
  })

  it('refuses a second owner while the first holds the lock', async () => {
    const first = await openSpool({ dir, deliver: deliverer() })
    await expect(openSpool({ dir, deliver: deliverer(), lockTimeoutMs: 50 })).rejects.toBeInstanceOf(
      SitrepSpoolError,
    )
    await first.close()
    const second = await openSpool({ dir, deliver: deliverer(), lockTimeoutMs: 50 })
    await second.close()
  })
})
