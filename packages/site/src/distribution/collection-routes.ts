/**
 * The REST routes of collections (`@sitrep/api`'s `routes/collections.ts`). A definition may
 * include and exclude only collections that exist, and never in a cycle; built-in collections
 * cannot be changed or removed; a collection a deployment or another collection uses cannot be
 * removed. Every change evaluates membership at once and is audited.
 */
import {
  createCollection,
  getCollection,
  listCollectionMembers,
  listCollections,
  listMembershipHistory,
  removeCollection,
  updateCollection,
} from '@sitrep/api'
import { findCollectionCycle } from '@sitrep/core'
import type { CollectionToEvaluate } from '@sitrep/core'
import type { CollectionDefinition, FieldIssue } from '@sitrep/protocol'
import { CollectionDefinitionSchema, formatIsoTime } from '@sitrep/protocol'
import type { CollectionRecord } from '@sitrep/store'
import type { FastifyInstance } from 'fastify'
import { requestUser } from '../http/auth/register-auth.ts'
import { mountRoute } from '../http/mount-route.ts'
import { RequestError, refuseRequestBody } from '../http/request-error.ts'
import { mpIssue } from '../mp/field-issues.ts'
import { distributionAuditInput } from './distribution-audit.ts'
import type { DistributionApiDeps } from './distribution-api-deps.ts'
import { nextDistributionId } from './distribution-ids.ts'
import { toCollectionView } from './distribution-views.ts'

/** Registers the collection routes on the API scope. */
export function registerCollectionRoutes(api: FastifyInstance, deps: DistributionApiDeps): void {
  const { store } = deps

  const found = async (id: string): Promise<CollectionRecord> => {
    const record = await store.getCollection(id)
    if (record === undefined || record.removedAt !== null) {
      throw new RequestError(
        'not_found',
        `collection ${id.slice(0, 16)} does not exist; list them with GET /api/v1/collections`,
      )
    }
    return record
  }

  const changeable = async (id: string): Promise<CollectionRecord> => {
    const record = await found(id)
    if (record.builtin) {
      throw new RequestError(
        'conflict',
        `collection ${record.id} ("${record.name}") is built in and cannot be changed or removed; create your own that includes it`,
      )
    }
    return record
  }

  /** Refuses references to collections that do not exist, and cycles, naming the field. */
  const checkDefinition = async (id: string, definition: CollectionDefinition): Promise<void> => {
    const existing = await store.listCollections()
    const known = new Set(existing.map((c) => c.id))
    const issues: FieldIssue[] = []
    for (const key of ['include', 'exclude'] as const) {
      for (const [i, ref] of definition[key].entries()) {
        if (ref === id) {
          issues.push(
            mpIssue(
              `${key}[${i}]`,
              'unknown_value',
              `${key}[${i}] is ${ref}, the collection itself; a collection cannot ${key} itself`,
            ),
          )
        } else if (!known.has(ref)) {
          issues.push(
            mpIssue(
              `${key}[${i}]`,
              'unknown_value',
              `${key}[${i}] names collection ${ref}, which does not exist`,
            ),
          )
        }
      }
    }
    if (issues.length > 0) refuseRequestBody(issues)
    const all: CollectionToEvaluate[] = existing
      .filter((c) => c.id !== id)
      .map((c) => ({ id: c.id, definition: CollectionDefinitionSchema.parse(JSON.parse(c.definitionJson)) }))
    all.push({ id, definition })
    const cycle = findCollectionCycle(all)
    if (cycle !== undefined) {
      const message = `include and exclude would form a cycle: ${cycle.join(' → ')}; a collection cannot contain itself`
      refuseRequestBody([
        mpIssue(
          definition.include.some((r) => cycle.includes(r)) ? 'include' : 'exclude',
          'unknown_value',
          message,
        ),
      ])
    }
  }

  const save = async (id: string, definition: CollectionDefinition): Promise<CollectionRecord> => {
    await store.saveCollection({
      id,
      name: definition.name,
      definitionJson: JSON.stringify(definition),
      builtin: false,
      at: deps.clock(),
    })
    await deps.runtime.evaluateAll()
    return found(id)
  }

  mountRoute(api, listCollections, async () => {
    const records = await store.listCollections()
    const ordered = [...records.filter((c) => c.builtin), ...records.filter((c) => !c.builtin)]
    return { collections: ordered.map(toCollectionView) }
  })

  mountRoute(api, getCollection, async (request) => ({
    collection: toCollectionView(await found(request.params.id)),
  }))

  mountRoute(api, createCollection, async (request, reply) => {
    const user = requestUser(request)
    const existing = await store.listCollections()
    const id = await nextDistributionId(
      'collection',
      deps.siteCode,
      existing.filter((c) => !c.builtin).length + 1,
      async (candidate) => (await store.getCollection(candidate)) !== undefined,
    )
    if (id === undefined)
      throw new RequestError('conflict', 'every collection ID is taken; remove collections no longer used')
    await checkDefinition(id, request.body)
    const record = await save(id, request.body)
    await deps.reporter.raise(
      distributionAuditInput(user.username, { kind: 'collectionCreated', id, name: record.name }),
    )
    return reply.code(201).send({ collection: toCollectionView(record) })
  })

  mountRoute(api, updateCollection, async (request) => {
    const user = requestUser(request)
    const current = await changeable(request.params.id)
    await checkDefinition(current.id, request.body)
    const record = await save(current.id, request.body)
    await deps.reporter.raise(
      distributionAuditInput(user.username, { kind: 'collectionChanged', id: record.id, name: record.name }),
    )
    return { collection: toCollectionView(record) }
  })

  mountRoute(api, removeCollection, async (request, reply) => {
    const user = requestUser(request)
    const record = await changeable(request.params.id)
    const deployments = await store.listDeployments({ collectionId: record.id, active: true })
    if (deployments.length > 0) {
      throw new RequestError(
        'conflict',
        `collection ${record.id} is the target of active deployments ${deployments.map((d) => d.id).join(', ')}; cancel them first`,
      )
    }
    const users = (await store.listCollections()).filter((c) => {
      const definition = CollectionDefinitionSchema.parse(JSON.parse(c.definitionJson))
      return definition.include.includes(record.id) || definition.exclude.includes(record.id)
    })
    if (users.length > 0) {
      throw new RequestError(
        'conflict',
        `collection ${record.id} is included or excluded by ${users.map((c) => c.id).join(', ')}; change those first`,
      )
    }
    await store.removeCollection(record.id, deps.clock())
    await deps.runtime.evaluateAll()
    await deps.reporter.raise(
      distributionAuditInput(user.username, { kind: 'collectionRemoved', id: record.id, name: record.name }),
    )
    return reply.code(204).send()
  })

  const machines = async (): Promise<Map<string, string>> =>
    new Map((await store.listClients()).map((c) => [c.clientId, c.machine]))

  mountRoute(api, listCollectionMembers, async (request) => {
    const record = await found(request.params.id)
    const [members, names] = await Promise.all([store.listCollectionMembers(record.id), machines()])
    return {
      members: members.map((m) => ({
        clientId: m.clientId,
        machine: names.get(m.clientId) ?? '',
        since: formatIsoTime(m.since),
      })),
    }
  })

  mountRoute(api, listMembershipHistory, async (request) => {
    const record = await found(request.params.id)
    const [changes, names] = await Promise.all([
      store.listMembershipHistory(
        record.id,
        request.query.limit === undefined ? {} : { limit: request.query.limit },
      ),
      machines(),
    ])
    return {
      changes: changes.map((c) => ({
        clientId: c.clientId,
        machine: names.get(c.clientId) ?? '',
        change: c.change,
        at: formatIsoTime(c.at),
      })),
    }
  })
}
