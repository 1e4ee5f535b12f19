/**
 * Named queries (docs/queries.md): `GET /api/v1/queries` lists the built-in queries of reference
 * §13 and the saved ones, `POST` saves one, `DELETE /:id` removes a saved one, and
 * `POST /:id/run` fills the prompts and answers like `GET /api/v1/messages`.
 */
import { randomUUID } from 'node:crypto'
import {
  QueryFilterSchema,
  QueryPromptSchema,
  deleteQuery,
  listQueries,
  runQuery,
  saveQuery,
} from '@sitrep/api'
import type { Catalogue } from '@sitrep/protocol'
import type { SavedQueryRecord, SavedQueryStore, SiteStore } from '@sitrep/store'
import type { FastifyInstance } from 'fastify'
import { z } from 'zod'
import { BUILT_IN_QUERIES, fillPrompts } from '../queries/built-in-queries.ts'
import type { NamedQuery } from '../queries/built-in-queries.ts'
import { requestUser } from './auth/register-auth.ts'
import { parseMessageListQuery } from './message-list-query.ts'
import { toMessagePage, toMessageView } from './message-view.ts'
import { mountRoute } from './mount-route.ts'
import { RequestError } from './request-error.ts'

/** Every named query: the built-in ones, then the saved ones. */
export async function listNamedQueries(store: SavedQueryStore): Promise<NamedQuery[]> {
  return [...BUILT_IN_QUERIES, ...(await store.listSavedQueries()).map(savedToNamed)]
}

/** The filter a query run uses: the query's own, with the prompt values filled in; or not_found. */
export async function filterOfQuery(
  store: SavedQueryStore,
  id: string,
  prompts: Readonly<Record<string, string>>,
): Promise<Record<string, unknown>> {
  const query = (await listNamedQueries(store)).find((q) => q.id === id)
  if (query === undefined) throw new RequestError('not_found', `no query ${id.slice(0, 64)}`)
  return fillPrompts(query, prompts)
}

/** Registers the query routes on the API scope. */
export function registerQueryRoutes(
  api: FastifyInstance,
  deps: { readonly store: SiteStore; readonly catalogue: Catalogue; readonly clock?: () => number },
): void {
  const clock = deps.clock ?? Date.now
  const all = (): Promise<NamedQuery[]> => listNamedQueries(deps.store)

  mountRoute(api, listQueries, async () => ({ queries: await all() }))

  mountRoute(api, saveQuery, async (request, reply) => {
    const body = request.body
    // Check the filter now, so a saved query cannot fail on every run.
    parseMessageListQuery(body.filter, undefined)
    const record: SavedQueryRecord = {
      id: randomUUID(),
      name: body.name,
      owner: requestUser(request).username,
      filterJson: JSON.stringify(body.filter),
      promptsJson: JSON.stringify(body.prompts),
      createdAt: clock(),
    }
    await deps.store.saveQuery(record)
    return reply.code(201).send({ query: savedToNamed(record) })
  })

  mountRoute(api, deleteQuery, async (request, reply) => {
    const { id } = request.params
    const user = requestUser(request)
    const saved = (await deps.store.listSavedQueries()).find((q) => q.id === id)
    if (saved === undefined) throw new RequestError('not_found', `no saved query ${id.slice(0, 64)}`)
    if (saved.owner !== user.username && user.role === 'read-only-analyst') {
      throw new RequestError('forbidden', 'a read-only analyst may delete only their own saved queries')
    }
    await deps.store.deleteSavedQuery(id)
    return reply.code(204).send()
  })

  mountRoute(api, runQuery, async (request) => {
    const { id } = request.params
    const body = request.body
    const filter = {
      ...(await filterOfQuery(deps.store, id, body.prompts)),
      ...(body.limit === undefined ? {} : { limit: body.limit }),
      ...(body.cursor === undefined ? {} : { cursor: body.cursor }),
    }
    const { query: parsed, locale } = parseMessageListQuery(filter, request.headers['accept-language'])
    const messages = await deps.store.listMessages(parsed)
    return toMessagePage(messages, parsed.limit ?? messages.length + 1, (m) =>
      toMessageView(m, deps.catalogue, locale),
    )
  })
}

const StoredFilter = QueryFilterSchema
const StoredPrompts = z.array(QueryPromptSchema)

function savedToNamed(record: SavedQueryRecord): NamedQuery {
  return {
    id: record.id,
    name: record.name,
    builtIn: false,
    filter: StoredFilter.parse(JSON.parse(record.filterJson)),
    prompts: StoredPrompts.parse(JSON.parse(record.promptsJson)),
  }
}
