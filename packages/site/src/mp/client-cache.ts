import type { ClientRecord, ClientStore, SiteStore } from '@sitrep/store'

/** How long a client record read from the store is trusted without asking again, by default. */
export const CLIENT_CACHE_TTL_MS = 5000

/**
 * Wraps a store so the management point reads each client's record from memory instead of
 * the database on every signed request. On SQLite the MP's lookups share one connection with
 * the status manager's batch transactions, so a lookup per request would queue behind them.
 * A status change made through this store (approve, reject, re-register) takes effect at once;
 * one made by another process sharing a PostgreSQL database takes effect within `ttlMs`.
 * Unknown clients are not cached, so a client that registers is found immediately.
 */
export function withClientCache(
  store: SiteStore,
  options: { readonly clock: () => number; readonly ttlMs?: number; readonly maxEntries?: number },
): SiteStore {
  const ttlMs = options.ttlMs ?? CLIENT_CACHE_TTL_MS
  const maxEntries = options.maxEntries ?? 100_000
  const cache = new Map<string, { readonly client: ClientRecord; readonly readAt: number }>()
  const remember = (client: ClientRecord): void => {
    // A full cache is simply emptied: a burst of re-reads is cheaper than tracking recency.
    if (cache.size >= maxEntries) cache.clear()
    cache.set(client.clientId, { client, readAt: options.clock() })
  }
  const overrides: Pick<ClientStore, 'getClient' | 'setClientStatus' | 'registerClient'> = {
    async getClient(clientId) {
      const hit = cache.get(clientId)
      if (hit !== undefined && options.clock() - hit.readAt < ttlMs) return hit.client
      const client = await store.getClient(clientId)
      if (client === undefined) cache.delete(clientId)
      else remember(client)
      return client
    },
    async setClientStatus(clientId, status) {
      cache.delete(clientId)
      const client = await store.setClientStatus(clientId, status)
      cache.delete(clientId)
      return client
    },
    async registerClient(registration) {
      const outcome = await store.registerClient(registration)
      cache.delete(outcome.client.clientId)
      return outcome
    },
  }
  // The other methods stay the store's own; they are closures that do not use `this`.
  return Object.assign(Object.create(store) as SiteStore, overrides)
}
