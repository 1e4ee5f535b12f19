import type { SiteStore } from '@sitrep/store'
import { createSqliteStore } from '@sitrep/store'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { withClientCache } from './client-cache.ts'

const KEY = 'MCowBQYDK2VwAyEA'.padEnd(44, 'A')

describe('withClientCache', () => {
  let store: SiteStore
  let now = 1_000_000
  let reads = 0
  beforeEach(async () => {
    store = await createSqliteStore({ filename: ':memory:' })
    const getClient = store.getClient.bind(store)
    // Count the reads that reach the database; everything else stays the real store.
    store = Object.assign(Object.create(store) as SiteStore, {
      getClient: (id: string) => {
        reads++
        return getClient(id)
      },
    })
    reads = 0
  })
  afterEach(async () => {
    await store.close()
  })

  async function registered(cached: SiteStore): Promise<string> {
    const outcome = await cached.registerClient({
      publicKey: KEY,
      machine: 'WKS-1',
      fqdn: 'wks-1.example',
      agentIdentity: 'test',
      agentVersion: '1',
      agentType: 0,
      localeId: 1033,
      status: 'pending',
      registeredAt: now,
    })
    return outcome.client.clientId
  }

  it('reads a client from the database once and then from memory until the time to live passes', async () => {
    const cached = withClientCache(store, { clock: () => now, ttlMs: 5000 })
    const id = await registered(cached)
    await cached.getClient(id)
    await cached.getClient(id)
    expect(reads).toBe(1)
    now += 5000
    await cached.getClient(id)
    expect(reads).toBe(2)
  })

  it('sees an approval made through it at once', async () => {
    const cached = withClientCache(store, { clock: () => now })
    const id = await registered(cached)
    expect((await cached.getClient(id))?.status).toBe('pending')
    await cached.setClientStatus(id, 'approved')
    expect((await cached.getClient(id))?.status).toBe('approved')
  })

  it('does not remember unknown clients, so one that registers is found at once', async () => {
    const cached = withClientCache(store, { clock: () => now })
    expect(await cached.getClient('GUID:00000000-0000-4000-8000-000000000000')).toBeUndefined()
    const id = await registered(cached)
    expect(await cached.getClient(id)).toBeDefined()
  })
})
