import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import type { StatusMessageJson } from '@sitrep/protocol'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { SitrepNetworkError, SitrepUnavailableError } from '../errors.ts'
import type { StatusReply } from '../transport/status-reply.ts'
import { deliverSpool } from './deliver-spool.ts'
import { openSpool } from './spool.ts'

let dir: string
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'sitrep-deliver-'))
})
afterEach(async () => {
  await rm(dir, { recursive: true, force: true })
})

// The spool reads only `id` from what it stores.
const message = { id: 'id-1' } as unknown as StatusMessageJson

function accepting(messages: readonly StatusMessageJson[]): StatusReply {
  return {
    trackingId: 't',
    results: messages.map((m, index) => ({ index, id: m.id, status: 'accepted', issues: [] })),
  }
}

describe('deliverSpool', () => {
  it("waits exactly the server's Retry-After, then delivers", async () => {
    const failures: Error[] = [
      new SitrepUnavailableError('rate_limited', 'slow down', { status: 429, retryAfterMs: 7_000 }),
    ]
    const spool = await openSpool({
      dir,
      deliver: (messages) => {
        const failure = failures.shift()
        return failure === undefined ? Promise.resolve(accepting(messages)) : Promise.reject(failure)
      },
    })
    await spool.append([message])
    const waits: number[] = []
    let now = 0
    const result = await deliverSpool({
      spool,
      clock: () => now,
      sleep: (ms) => {
        waits.push(ms)
        now += ms
        return Promise.resolve()
      },
      random: () => 0.5,
    })
    expect(waits).toEqual([7_000])
    expect(result).toMatchObject({ delivered: true, acknowledged: 1 })
    await spool.close()
  })

  it('backs off exponentially with jitter while the MP is unreachable', async () => {
    let calls = 0
    const spool = await openSpool({
      dir,
      deliver: (messages) => {
        calls += 1
        return calls <= 3
          ? Promise.reject(new SitrepNetworkError('refused'))
          : Promise.resolve(accepting(messages))
      },
    })
    await spool.append([message])
    const waits: number[] = []
    await deliverSpool({
      spool,
      clock: () => 0,
      sleep: (ms) => {
        waits.push(ms)
        return Promise.resolve()
      },
      random: () => 0.5,
    })
    expect(waits).toEqual([500, 1000, 2000])
    await spool.close()
  })

  it('gives up without throwing when the next attempt would pass the deadline', async () => {
    const spool = await openSpool({ dir, deliver: () => Promise.reject(new SitrepNetworkError('refused')) })
    await spool.append([message])
    const result = await deliverSpool({
      spool,
      clock: () => 0,
      sleep: () => Promise.resolve(),
      deadline: 0,
      random: () => 0.5,
    })
    expect(result.delivered).toBe(false)
    expect(result.lastError?.code).toBe('network_error')
    expect(spool.isEmpty()).toBe(false)
    await spool.close()
  })
})
