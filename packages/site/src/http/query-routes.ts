/**
 * Named queries (docs/queries.md): `GET /api/v1/queries` lists the built-in queries of reference
 * §13 and the saved ones, `POST` saves one, `DELETE /:id` removes a saved one, and
 * `POST /:id/run` fills the prompts and answers like `GET /api/v1/messages`.
 */
import { randomUUID } from 'node:crypto'
import type { Catalogue } from '@sitrep/protocol'
import type { SavedQueryRecord, SiteStore } from '@sitrep/store'
import type { FastifyInstance } from 'fastify'
import { z } from 'zod'
import { MpError } from '../mp/mp-error.ts'
import { BUILT_IN_QUERIES, PROMPT_TYPES, fillPrompts } from '../queries/built-in-queries.ts'
import type { NamedQuery } from '../queries/built-in-queries.ts'
import { toMessageView } from './message-view.ts'
import { requestUser } from './auth/register-auth.ts'
import { parseBody } from './auth/parse-body.ts'
import { parseMessageListQuery } from './message-list-query.ts'

const filterValue = z.union([
  z.string().max(255),
  z.number(),
  z.array(z.union([z.string().max(255), z.number()])).max(64),
])
const Filter = z.record(z.string().max(32), filterValue)
const Prompt = z.strictObject({
  name: z.string().min(1).max(32),
  label: z.string().min(1).max(128),
  type: z.enum(PROMPT_TYPES),
})
const SaveBody = z.strictObject({
  name: z.string().min(1).max(128),
  filter: Filter,
  prompts: z.array(Prompt).max(20).default([]),
})
const RunBody = z.strictObject({
  prompts: z.record(z.string(), z.string().max(255)).default({}),
  limit: z.number().int().min(1).max(1000).optional(),
  cursor: z.number().int().min(1).optional(),
})

/** Every named query: the built-in ones, then the saved ones. */
export async function listNamedQueries(store: Pick<SiteStore, 'listSavedQueries'>): Promise<NamedQuery[]> {
  return [...BUILT_IN_QUERIES, ...(await store.listSavedQueries()).map(savedToNamed)]
}

/** The filter a query run uses: the query's own, with the prompt values filled in; or not_found. */
export async function filterOfQuery(
  store: Pick<SiteStore, 'listSavedQueries'>,
  id: string,
  prompts: Readonly<Record<string, string>>,
): Promise<Record<string, unknown>> {
  const query = (await listNamedQueries(store)).find((q) => q.id === id)
  if (query === undefined) throw new MpError('not_found', `no query ${id.slice(0, 64)}`)
  return fillPrompts(query, prompts)
}

/** Registers the query routes on the API scope. */
export function registerQueryRoutes(
  api: FastifyInstance,
  deps: { readonly store: SiteStore; readonly catalogue: Catalogue; readonly clock?: () => number },
): void {
  const clock = deps.clock ?? Date.now
  const all = (): Promise<NamedQuery[]> => listNamedQueries(deps.store)

  api.get('/api/v1/queries', { config: { minRole: 'read-only-analyst' } }, async () => ({
    queries: await all(),
  }))

  api.post('/api/v1/queries', { config: { minRole: 'read-only-analyst' } }, async (request, reply) => {
    const body = parseBody(SaveBody, request.body)
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

  api.delete('/api/v1/queries/:id', { config: { minRole: 'read-only-analyst' } }, async (request, reply) => {
    const { id } = request.params as { id: string } // The route pattern guarantees :id.
    const user = requestUser(request)
    const saved = (await deps.store.listSavedQueries()).find((q) => q.id === id)
    if (saved === undefined) throw new MpError('not_found', `no saved query ${id.slice(0, 64)}`)
    if (saved.owner !== user.username && user.role === 'read-only-analyst') {
      throw new MpError('forbidden', 'a read-only analyst may delete only their own saved queries')
    }
    await deps.store.deleteSavedQuery(id)
    return reply.code(204).send()
  })

  api.post('/api/v1/queries/:id/run', { config: { minRole: 'read-only-analyst' } }, async (request) => {
    const { id } = request.params as { id: string } // The route pattern guarantees :id.
    const body = parseBody(RunBody, request.body)
    const filter = {
      ...(await filterOfQuery(deps.store, id, body.prompts)),
      ...(body.limit === undefined ? {} : { limit: body.limit }),
      ...(body.cursor === undefined ? {} : { cursor: body.cursor }),
    }
    const { query: parsed, locale } = parseMessageListQuery(filter, request.headers['accept-language'])
    const messages = await deps.store.listMessages(parsed)
    const last = messages.at(-1)
    return {
      messages: messages.map((m) => toMessageView(m, deps.catalogue, locale)),
      nextCursor: last !== undefined && messages.length === parsed.limit ? last.recordId : null,
    }
  })
}

const StoredFilter = Filter
const StoredPrompts = z.array(Prompt)

function savedToNamed(record: SavedQueryRecord): NamedQuery {
  return {
    id: record.id,
    name: record.name,
    builtIn: false,
    filter: StoredFilter.parse(JSON.parse(record.filterJson)),
    prompts: StoredPrompts.parse(JSON.parse(record.promptsJson)),
  }
}
