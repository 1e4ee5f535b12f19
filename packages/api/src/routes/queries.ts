/** Named queries (docs/queries.md): built-in and saved ones, saving, deleting and running one. */
import { z } from 'zod'
import { NO_CONTENT, defineRoute } from '../define-route.ts'
import { safeText } from '../fields.ts'
import { MessagePageSchema } from './messages.ts'

/** How a prompt asks for its value. */
export const PROMPT_TYPES = [
  'text',
  'time',
  'siteCode',
  'component',
  'machine',
  'severity',
  'number',
] as const

const filterValue = z.union([
  safeText(0, 255),
  z.number(),
  z.array(z.union([safeText(0, 255), z.number()])).max(64),
])
/** The filter of a query: parameters of `GET /api/v1/messages`, by name. */
export const QueryFilterSchema = z.record(safeText(0, 32), filterValue)

/** One prompted parameter: its value fills `filter[name]`. */
export const QueryPromptSchema = z.strictObject({
  name: safeText(1, 32),
  label: safeText(1, 128),
  type: z.enum(PROMPT_TYPES),
})

/** A named query: built in (reference §13) or saved by a user. */
export const NamedQuerySchema = z
  .object({
    id: z.string(),
    name: z.string(),
    builtIn: z.boolean(),
    filter: QueryFilterSchema,
    prompts: z.array(QueryPromptSchema),
  })
  .meta({ id: 'NamedQuery' })
/** A named query. */
export type NamedQueryView = z.output<typeof NamedQuerySchema>

/** Longest name of a saved query. */
export const QUERY_NAME_MAX = 128

const QueryParams = z.object({ id: safeText(1, 256) })

/** `GET /api/v1/queries` */
export const listQueries = defineRoute({
  method: 'GET',
  url: '/api/v1/queries',
  summary: 'The built-in queries, then the saved ones',
  auth: { minRole: 'read-only-analyst' },
  replies: { 200: z.object({ queries: z.array(NamedQuerySchema) }) },
  errors: [],
})

/** `POST /api/v1/queries` */
export const saveQuery = defineRoute({
  method: 'POST',
  url: '/api/v1/queries',
  summary: 'Save a query (its filter is checked now, so it cannot fail on every run)',
  auth: { minRole: 'read-only-analyst' },
  body: z.strictObject({
    name: safeText(1, QUERY_NAME_MAX),
    filter: QueryFilterSchema,
    prompts: z.array(QueryPromptSchema).max(20).default([]),
  }),
  replies: { 201: z.object({ query: NamedQuerySchema }) },
  errors: ['invalid_query'],
})

/** `DELETE /api/v1/queries/:id` */
export const deleteQuery = defineRoute({
  method: 'DELETE',
  url: '/api/v1/queries/:id',
  summary: 'Delete a saved query (a read-only analyst only their own)',
  auth: { minRole: 'read-only-analyst' },
  params: QueryParams,
  replies: { 204: NO_CONTENT },
  errors: ['not_found'],
})

/** `POST /api/v1/queries/:id/run` */
export const runQuery = defineRoute({
  method: 'POST',
  url: '/api/v1/queries/:id/run',
  summary: 'Run a named query with its prompts filled in; answers like GET /api/v1/messages',
  auth: { minRole: 'read-only-analyst' },
  params: QueryParams,
  body: z.strictObject({
    prompts: z.record(safeText(0, 32), safeText(0, 255)).default({}),
    limit: z.number().int().min(1).max(1000).optional(),
    cursor: z.number().int().min(1).optional(),
  }),
  replies: { 200: MessagePageSchema },
  errors: ['not_found', 'invalid_query'],
})
