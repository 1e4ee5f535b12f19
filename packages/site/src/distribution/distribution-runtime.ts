/**
 * Software distribution's moving parts on one site process: the policy cache, the content
 * store, the policy signer, and collection evaluation — full (on a schedule and after a
 * collection changes) and for one client (when it reports new facts or first polls).
 */
import path from 'node:path'
import { collectionsOfClient, evaluateCollections } from '@sitrep/core'
import type { CollectionClient, CollectionToEvaluate } from '@sitrep/core'
import { ClientFactsSchema } from '@sitrep/protocol'
import type { ClientFacts } from '@sitrep/protocol'
import type { ClientRecord, SiteStore } from '@sitrep/store'
import { BUILTIN_COLLECTIONS } from './builtin-collections.ts'
import { createContentStore } from './content-store.ts'
import type { ContentStore } from './content-store.ts'
import { createPolicyCache } from './policy-cache.ts'
import type { PolicyCache } from './policy-cache.ts'
import type { PolicySigner } from './policy-signer.ts'

/** Settings of software distribution; defaults in {@link DISTRIBUTION_DEFAULTS}. */
export interface DistributionSettings {
  /** How often clients poll policy, in seconds. */
  readonly pollSeconds: number
  /** Up to this many seconds added at random by each client. */
  readonly jitterSeconds: number
  /** Largest content upload in bytes. */
  readonly maxContentBytes?: number
}

export const DISTRIBUTION_DEFAULTS: DistributionSettings = { pollSeconds: 3600, jitterSeconds: 300 }

/** What the MP routes and the REST API use. */
export interface DistributionRuntime {
  readonly cache: PolicyCache
  readonly content: ContentStore
  readonly signer: PolicySigner
  readonly settings: DistributionSettings
  /** A client silent longer than this is unreachable for deployment status, in ms. */
  readonly silentAfterMs: number
  /** Makes the built-in collections, evaluates every collection, and loads the cache. */
  start(): Promise<void>
  /** Evaluates every collection over every client and reloads the cache. */
  evaluateAll(): Promise<void>
  /** Records a client's facts when they changed and re-evaluates its collections. */
  clientReported(client: ClientRecord, facts: ClientFacts | undefined): Promise<void>
}

/** Creates the runtime; `start` must run before the MP serves policy. */
export function createDistributionRuntime(options: {
  readonly store: SiteStore
  readonly siteCode: string
  readonly dataDir: string
  readonly signer: PolicySigner
  readonly clock: () => number
  readonly settings?: Partial<DistributionSettings>
}): DistributionRuntime {
  const { store, siteCode, clock } = options
  const settings = { ...DISTRIBUTION_DEFAULTS, ...options.settings }
  const cache = createPolicyCache({ store, siteCode })
  const content = createContentStore({
    store,
    directory: path.join(options.dataDir, 'content'),
    clock,
    ...(settings.maxContentBytes === undefined ? {} : { maxBytes: settings.maxContentBytes }),
  })
  const facts = new Map<string, string>()
  const evaluated = new Set<string>()

  const toEvaluate = (): CollectionToEvaluate[] =>
    [...cache.collections()].map(([id, definition]) => ({ id, definition }))
  const asCollectionClient = (client: ClientRecord): CollectionClient => {
    const json = facts.get(client.clientId)
    return {
      clientId: client.clientId,
      machine: client.machine,
      siteCode,
      facts: json === undefined ? undefined : ClientFactsSchema.parse(JSON.parse(json)),
    }
  }

  const runtime: DistributionRuntime = {
    cache,
    content,
    signer: options.signer,
    settings,
    silentAfterMs: (2 * settings.pollSeconds + settings.jitterSeconds) * 1000,

    async start() {
      const existing = new Set((await store.listCollections()).map((c) => c.id))
      for (const [id, definition] of BUILTIN_COLLECTIONS) {
        if (existing.has(id)) continue
        await store.saveCollection({
          id,
          name: definition.name,
          definitionJson: JSON.stringify(definition),
          builtin: true,
          at: clock(),
        })
      }
      for (const f of await store.listClientFacts()) facts.set(f.clientId, f.factsJson)
      await runtime.evaluateAll()
    },

    async evaluateAll() {
      await cache.reload()
      const clients = (await store.listClients()).filter((c) => c.status === 'approved')
      const members = evaluateCollections(toEvaluate(), clients.map(asCollectionClient))
      const at = clock()
      for (const [id, set] of members) await store.setCollectionMembers(id, [...set], at)
      for (const c of clients) evaluated.add(c.clientId)
      await cache.reload()
    },

    async clientReported(client, reported) {
      const json = reported === undefined ? undefined : JSON.stringify(reported)
      const changed = json !== undefined && facts.get(client.clientId) !== json
      if (!changed && evaluated.has(client.clientId)) return
      if (changed) {
        facts.set(client.clientId, json)
        await store.saveClientFacts({ clientId: client.clientId, factsJson: json, updatedAt: clock() })
      }
      const ids = collectionsOfClient(toEvaluate(), asCollectionClient(client))
      await store.setClientCollections(client.clientId, ids, clock())
      cache.setClientCollections(client.clientId, ids)
      evaluated.add(client.clientId)
    },
  }
  return runtime
}
