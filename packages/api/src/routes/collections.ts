/**
 * Collections of clients (docs/software-distribution.md "Collections"): list, show, create,
 * change and remove; read the members and the history of membership changes. Built-in
 * collections can be read but not changed. Analysts read; operations and full administrators
 * change.
 */
import { CollectionDefinitionSchema } from '@sitrep/protocol'
import { z } from 'zod'
import { NO_CONTENT, defineRoute } from '../define-route.ts'
import { IsoTime } from '../fields.ts'

const READ = { minRole: 'read-only-analyst' } as const
const CHANGE = { minRole: 'operations-administrator' } as const

/** A collection as the API shows it. */
export const CollectionViewSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    builtin: z.boolean(),
    memberCount: z.number().int(),
    /** When membership was last evaluated; `null` until then. */
    evaluatedAt: IsoTime.nullable(),
    createdAt: IsoTime,
    updatedAt: IsoTime,
    definition: CollectionDefinitionSchema,
  })
  .meta({ id: 'Collection' })
/** A collection as the API shows it. */
export type CollectionView = z.output<typeof CollectionViewSchema>

/** A member of a collection. */
export const CollectionMemberSchema = z
  .object({ clientId: z.string(), machine: z.string(), since: IsoTime })
  .meta({ id: 'CollectionMember' })

/** One change of membership. */
export const MembershipChangeSchema = z
  .object({
    clientId: z.string(),
    machine: z.string(),
    change: z.enum(['added', 'removed']),
    at: IsoTime,
  })
  .meta({ id: 'MembershipChange' })

const CollectionParams = z.object({ id: z.string().min(1).max(16) })
const CollectionReply = z.object({ collection: CollectionViewSchema })

/** `GET /api/v1/collections` */
export const listCollections = defineRoute({
  method: 'GET',
  url: '/api/v1/collections',
  summary: 'The collections, built-in ones first, with their member counts',
  auth: READ,
  replies: { 200: z.object({ collections: z.array(CollectionViewSchema) }) },
  errors: [],
})

/** `GET /api/v1/collections/:id` */
export const getCollection = defineRoute({
  method: 'GET',
  url: '/api/v1/collections/:id',
  summary: 'One collection: its definition and member count',
  auth: READ,
  params: CollectionParams,
  replies: { 200: CollectionReply },
  errors: ['not_found'],
})

/** `POST /api/v1/collections` */
export const createCollection = defineRoute({
  method: 'POST',
  url: '/api/v1/collections',
  summary: 'Create a collection; its members are evaluated at once',
  auth: CHANGE,
  body: CollectionDefinitionSchema,
  replies: { 201: CollectionReply },
  errors: ['conflict'],
})

/** `PUT /api/v1/collections/:id` */
export const updateCollection = defineRoute({
  method: 'PUT',
  url: '/api/v1/collections/:id',
  summary: "Replace a collection's definition; its members are evaluated again at once",
  auth: CHANGE,
  params: CollectionParams,
  body: CollectionDefinitionSchema,
  replies: { 200: CollectionReply },
  errors: ['not_found', 'conflict'],
})

/** `DELETE /api/v1/collections/:id` */
export const removeCollection = defineRoute({
  method: 'DELETE',
  url: '/api/v1/collections/:id',
  summary: 'Remove a collection; refused for built-ins, and while a deployment or collection uses it',
  auth: CHANGE,
  params: CollectionParams,
  replies: { 204: NO_CONTENT },
  errors: ['not_found', 'conflict'],
})

/** `GET /api/v1/collections/:id/members` */
export const listCollectionMembers = defineRoute({
  method: 'GET',
  url: '/api/v1/collections/:id/members',
  summary: 'The members of a collection, with when each joined',
  auth: READ,
  params: CollectionParams,
  replies: { 200: z.object({ members: z.array(CollectionMemberSchema) }) },
  errors: ['not_found'],
})

/** `GET /api/v1/collections/:id/history` */
export const listMembershipHistory = defineRoute({
  method: 'GET',
  url: '/api/v1/collections/:id/history',
  summary: 'Membership changes of a collection, newest first',
  auth: READ,
  params: CollectionParams,
  query: z.strictObject({ limit: z.coerce.number().int().min(1).max(1000).optional() }),
  replies: { 200: z.object({ changes: z.array(MembershipChangeSchema) }) },
  errors: ['not_found'],
})
