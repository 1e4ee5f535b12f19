/**
 * What the policy endpoint answers from (docs/software-distribution.md "Policy"): the active
 * deployments, the application revisions they carry, the collections with their maintenance
 * windows and members, all in memory. Each client's assignments are computed once per
 * generation and kept with their version, so a poll that changes nothing costs one comparison
 * and no database read. Any change to deployments, applications or collections reloads the
 * whole state and starts a new generation; a client's own membership change drops its entry.
 */
import { createHash } from 'node:crypto'
import {
  ApplicationSchema,
  CollectionDefinitionSchema,
  DeploymentSettingsSchema,
  PolicyBodySchema,
} from '@sitrep/protocol'
import type {
  Application,
  CollectionDefinition,
  DeploymentSettings,
  PolicyAssignment,
  PolicyBody,
} from '@sitrep/protocol'
import type { SiteStore } from '@sitrep/store'

/** An active deployment, parsed. */
export interface CachedDeployment {
  readonly id: string
  readonly collectionId: string
  readonly settings: DeploymentSettings
  readonly application: Application
  readonly createdAt: number
}

/** One client's assignments, as of a generation. */
export interface ClientAssignments {
  readonly generation: number
  readonly version: string
  readonly assignments: readonly PolicyAssignment[]
  /** Content the client may download: the files of its assigned deployments' types. */
  readonly content: ReadonlySet<string>
}

/** The in-memory policy state. */
export interface PolicyCache {
  /** Reads deployments, applications, collections and memberships again; a new generation. */
  reload(): Promise<void>
  /** The client's assignments, computed only when its entry is missing or older than the generation. */
  assignmentsOf(clientId: string): ClientAssignments
  /** The exact body text of one policy for one client, or `undefined` if it is not assigned to it. */
  bodyOf(clientId: string, policyId: string): string | undefined
  /** Updates one client's collections after an incremental evaluation. */
  setClientCollections(clientId: string, collectionIds: readonly string[]): void
  /** Collection definitions by ID (the collection evaluator reads them). */
  collections(): ReadonlyMap<string, CollectionDefinition>
  readonly generation: number
}

const sha256 = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex')

/** Creates the cache; call {@link PolicyCache.reload} before the first poll. */
export function createPolicyCache(options: {
  readonly store: SiteStore
  readonly siteCode: string
}): PolicyCache {
  let generation = 0
  let deploymentsByCollection = new Map<string, CachedDeployment[]>()
  let definitions = new Map<string, CollectionDefinition>()
  let membership = new Map<string, Set<string>>()
  const entries = new Map<string, ClientAssignments>()

  const deploymentsOf = (clientId: string): CachedDeployment[] => {
    const collections = membership.get(clientId) ?? new Set<string>()
    return [...collections]
      .flatMap((c) => deploymentsByCollection.get(c) ?? [])
      .sort((a, b) => a.id.localeCompare(b.id))
  }

  const windowsOf = (clientId: string): CollectionDefinition['maintenanceWindows'] =>
    [...(membership.get(clientId) ?? [])].sort().flatMap((c) => definitions.get(c)?.maintenanceWindows ?? [])

  const bodyText = (clientId: string, deployment: CachedDeployment): string => {
    const body: PolicyBody = {
      policyId: deployment.id,
      siteCode: options.siteCode,
      clientId,
      deploymentId: deployment.id,
      collectionId: deployment.collectionId,
      settings: deployment.settings,
      application: deployment.application,
      maintenanceWindows: windowsOf(clientId),
      issuedAt: deployment.createdAt,
    }
    return JSON.stringify(body)
  }

  const cache: PolicyCache = {
    get generation() {
      return generation
    },

    async reload() {
      const [deployments, collections, members] = await Promise.all([
        options.store.listDeployments({ active: true }),
        options.store.listCollections(),
        options.store.listAllCollectionMembers(),
      ])
      const nextDefinitions = new Map<string, CollectionDefinition>()
      for (const c of collections)
        nextDefinitions.set(c.id, CollectionDefinitionSchema.parse(JSON.parse(c.definitionJson)))
      const nextByCollection = new Map<string, CachedDeployment[]>()
      for (const d of deployments) {
        const revision = await options.store.getApplicationRevision(d.applicationId, d.revision)
        if (revision === undefined || !nextDefinitions.has(d.collectionId)) continue
        const cached: CachedDeployment = {
          id: d.id,
          collectionId: d.collectionId,
          settings: DeploymentSettingsSchema.parse(JSON.parse(d.settingsJson)),
          application: ApplicationSchema.parse(JSON.parse(revision.bodyJson)),
          createdAt: d.createdAt,
        }
        const list = nextByCollection.get(d.collectionId) ?? []
        list.push(cached)
        nextByCollection.set(d.collectionId, list)
      }
      const nextMembership = new Map<string, Set<string>>()
      for (const m of members) {
        const set = nextMembership.get(m.clientId) ?? new Set<string>()
        set.add(m.collectionId)
        nextMembership.set(m.clientId, set)
      }
      definitions = nextDefinitions
      deploymentsByCollection = nextByCollection
      membership = nextMembership
      generation += 1
    },

    assignmentsOf(clientId) {
      const known = entries.get(clientId)
      if (known?.generation === generation) return known
      const deployments = deploymentsOf(clientId)
      const assignments = deployments.map((d) => ({
        policyId: d.id,
        version: sha256(bodyText(clientId, d)),
        target: 'machine' as const,
      }))
      const content = new Set<string>()
      for (const d of deployments) {
        for (const type of d.application.deploymentTypes)
          for (const file of type.content) content.add(file.sha256)
        if (d.application.iconSha256 !== undefined) content.add(d.application.iconSha256)
      }
      const entry: ClientAssignments = {
        generation,
        version: sha256(assignments.map((a) => `${a.policyId}:${a.version}`).join('\n')),
        assignments,
        content,
      }
      entries.set(clientId, entry)
      return entry
    },

    bodyOf(clientId, policyId) {
      const deployment = deploymentsOf(clientId).find((d) => d.id === policyId)
      if (deployment === undefined) return undefined
      const text = bodyText(clientId, deployment)
      // Parse once more so a body the site serves is always one the client can read.
      PolicyBodySchema.parse(JSON.parse(text))
      return text
    },

    setClientCollections(clientId, collectionIds) {
      membership.set(clientId, new Set(collectionIds))
      entries.delete(clientId)
    },

    collections: () => definitions,
  }
  return cache
}
