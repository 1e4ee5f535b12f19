/** Registered clients: the list, and approving or rejecting one (docs/security.md). */
import { z } from 'zod'
import { defineRoute } from '../define-route.ts'
import { IsoTime, safeText } from '../fields.ts'

/** Approval states of a registered client. */
export const CLIENT_STATUSES = ['approved', 'pending', 'rejected'] as const

/** A registered client as the API shows it. */
export const ClientViewSchema = z
  .object({
    clientId: z.string(),
    publicKey: z.string(),
    machine: z.string(),
    fqdn: z.string(),
    localeId: z.number().int().nullable(),
    agentIdentity: z.string(),
    agentVersion: z.string(),
    agentType: z.number().int(),
    status: z.enum(CLIENT_STATUSES),
    registeredAt: IsoTime,
    lastSeenAt: IsoTime.nullable(),
  })
  .meta({ id: 'Client' })
/** A registered client as the API shows it. */
export type ClientView = z.output<typeof ClientViewSchema>

/** `GET /api/v1/clients` */
export const listClients = defineRoute({
  method: 'GET',
  url: '/api/v1/clients',
  summary: 'The registered clients and their approval state',
  auth: { minRole: 'read-only-analyst' },
  replies: { 200: z.object({ clients: z.array(ClientViewSchema) }) },
  errors: [],
})

const ClientParams = z.object({ id: safeText(1, 256) })
const ClientReply = z.object({ client: ClientViewSchema })

/** `POST /api/v1/clients/:id/approve` */
export const approveClient = defineRoute({
  method: 'POST',
  url: '/api/v1/clients/:id/approve',
  summary: 'Approve a registered client',
  auth: { minRole: 'operations-administrator' },
  params: ClientParams,
  replies: { 200: ClientReply },
  errors: ['not_found'],
})

/** `POST /api/v1/clients/:id/reject` */
export const rejectClient = defineRoute({
  method: 'POST',
  url: '/api/v1/clients/:id/reject',
  summary: 'Reject a registered client',
  auth: { minRole: 'operations-administrator' },
  params: ClientParams,
  replies: { 200: ClientReply },
  errors: ['not_found'],
})
