/**
 * Applications and their content (docs/software-distribution.md): list, show, add, revise and
 * remove applications; upload content by SHA-256 and read what is stored. Analysts read;
 * operations and full administrators change.
 */
import { ApplicationSchema, Sha256Schema } from '@sitrep/protocol'
import { z } from 'zod'
import { NO_CONTENT, defineRoute } from '../define-route.ts'
import { IsoTime } from '../fields.ts'

const READ = { minRole: 'read-only-analyst' } as const
const CHANGE = { minRole: 'operations-administrator' } as const

/** What an administrator writes to add or revise an application: everything but ID and revision. */
export const ApplicationInputSchema = ApplicationSchema.omit({ id: true, revision: true }).meta({
  id: 'ApplicationInput',
  description:
    'Name, publisher, version, description, icon and deployment types (install and uninstall as argv arrays, content by SHA-256, detection, requirements).',
})

/** One revision of an application as the API shows it. */
export const ApplicationViewSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    /** The revision shown (the newest unless another was asked for). */
    revision: z.number().int(),
    latestRevision: z.number().int(),
    /** When and by whom the revision shown was made. */
    revisedAt: IsoTime,
    revisedBy: z.string(),
    createdAt: IsoTime,
    updatedAt: IsoTime,
    /** When it was removed; its revisions stay for the deployments that name them. */
    removedAt: IsoTime.nullable(),
    application: ApplicationSchema,
  })
  .meta({ id: 'Application' })
/** An application as the API shows it. */
export type ApplicationView = z.output<typeof ApplicationViewSchema>

/** A stored content file. */
export const ContentViewSchema = z
  .object({ sha256: z.string(), size: z.number().int(), createdAt: IsoTime })
  .meta({ id: 'Content' })
/** A stored content file as the API shows it. */
export type ContentView = z.output<typeof ContentViewSchema>

const ApplicationParams = z.object({ id: z.string().min(1).max(64) })
const ApplicationReply = z.object({ application: ApplicationViewSchema })

/** `GET /api/v1/applications` */
export const listApplications = defineRoute({
  method: 'GET',
  url: '/api/v1/applications',
  summary: 'The applications that are not removed, by name (newest revision of each)',
  auth: READ,
  replies: { 200: z.object({ applications: z.array(ApplicationViewSchema) }) },
  errors: [],
})

/** `GET /api/v1/applications/:id` */
export const getApplication = defineRoute({
  method: 'GET',
  url: '/api/v1/applications/:id',
  summary: 'One application (its newest revision, or ?revision=N) and the list of its revisions',
  auth: READ,
  params: ApplicationParams,
  query: z.strictObject({ revision: z.coerce.number().int().min(1).optional() }),
  replies: {
    200: ApplicationReply.extend({
      revisions: z.array(z.object({ revision: z.number().int(), createdAt: IsoTime, createdBy: z.string() })),
    }),
  },
  errors: ['not_found'],
})

/** `POST /api/v1/applications` */
export const addApplication = defineRoute({
  method: 'POST',
  url: '/api/v1/applications',
  summary: 'Add an application (revision 1); its content must be uploaded first',
  auth: CHANGE,
  body: ApplicationInputSchema,
  replies: { 201: ApplicationReply },
  errors: ['conflict'],
})

/** `PUT /api/v1/applications/:id` */
export const reviseApplication = defineRoute({
  method: 'PUT',
  url: '/api/v1/applications/:id',
  summary: 'Revise an application: the body becomes its next revision',
  auth: CHANGE,
  params: ApplicationParams,
  body: ApplicationInputSchema.extend({
    /** The revision the edit was based on; a newer one stored meanwhile refuses it (409). */
    baseRevision: z.number().int().min(1).optional(),
  }),
  replies: { 200: ApplicationReply },
  errors: ['not_found', 'conflict'],
})

/** `DELETE /api/v1/applications/:id` */
export const removeApplication = defineRoute({
  method: 'DELETE',
  url: '/api/v1/applications/:id',
  summary: 'Remove an application; refused while an active deployment carries it',
  auth: CHANGE,
  params: ApplicationParams,
  replies: { 204: NO_CONTENT },
  errors: ['not_found', 'conflict'],
})

const ContentParams = z.object({ sha256: Sha256Schema })

/** `GET /api/v1/content` */
export const listContent = defineRoute({
  method: 'GET',
  url: '/api/v1/content',
  summary: 'The content files the site holds',
  auth: READ,
  replies: { 200: z.object({ content: z.array(ContentViewSchema) }) },
  errors: [],
})

/** `GET /api/v1/content/:sha256` */
export const getContent = defineRoute({
  method: 'GET',
  url: '/api/v1/content/:sha256',
  summary: 'Whether the site holds a content file (ask before uploading: uploads deduplicate)',
  auth: READ,
  params: ContentParams,
  replies: { 200: z.object({ content: ContentViewSchema }) },
  errors: ['not_found'],
})

/** `PUT /api/v1/content/:sha256` */
export const uploadContent = defineRoute({
  method: 'PUT',
  url: '/api/v1/content/:sha256',
  summary: 'Upload a content file as application/octet-stream; its bytes must hash to :sha256',
  auth: CHANGE,
  params: ContentParams,
  consumes: 'application/octet-stream',
  replies: {
    201: z.object({ content: ContentViewSchema, created: z.literal(true) }),
    200: z.object({ content: ContentViewSchema, created: z.literal(false) }),
  },
  errors: ['invalid_body', 'payload_too_large', 'unsupported_media_type'],
})
