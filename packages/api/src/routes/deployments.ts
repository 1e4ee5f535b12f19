/**
 * Deployments (docs/software-distribution.md "Deployments"): an application revision × a
 * collection. List, show, create, change the settings, cancel; and the status: every member of
 * the collection in one state, with counts, percentages and the clients behind each count.
 * Analysts read; operations and full administrators change.
 */
import {
  CLIENT_DEPLOYMENT_STATES,
  DEPLOYMENT_INTENTS,
  DEPLOYMENT_PURPOSES,
  DeploymentIdSchema,
  NOTIFICATION_LEVELS,
} from '@sitrep/protocol'
import { z } from 'zod'
import { NO_CONTENT, defineRoute } from '../define-route.ts'
import { IsoTime, IsoTimeText } from '../fields.ts'

const READ = { minRole: 'read-only-analyst' } as const
const CHANGE = { minRole: 'operations-administrator' } as const

const minutes = (max: number) => z.number().int().min(0).max(max)

/** The settings an administrator may give or change; times as ISO 8601 text. */
const settingsFields = {
  purpose: z.enum(DEPLOYMENT_PURPOSES),
  intent: z.enum(DEPLOYMENT_INTENTS),
  /** From when clients may see and run it; default now. */
  availableAt: IsoTimeText,
  /** Required deployments: when it must be installed; `null`: as soon as possible. */
  deadline: IsoTimeText.nullable(),
  restartGraceMinutes: minutes(7 * 24 * 60),
  restartCountdownMinutes: z
    .number()
    .int()
    .min(1)
    .max(24 * 60),
  restartOutsideWindows: z.boolean(),
  installOutsideWindows: z.boolean(),
  notifications: z.enum(NOTIFICATION_LEVELS),
}

/** A deployment's settings as the API writes them. */
export const DeploymentSettingsViewSchema = z
  .object({ ...settingsFields, availableAt: IsoTime, deadline: IsoTime.nullable() })
  .meta({ id: 'DeploymentSettings' })

/** A deployment as the API shows it. */
export const DeploymentViewSchema = z
  .object({
    id: z.string(),
    applicationId: z.string(),
    applicationName: z.string(),
    revision: z.number().int(),
    collectionId: z.string(),
    collectionName: z.string(),
    settings: DeploymentSettingsViewSchema,
    createdAt: IsoTime,
    createdBy: z.string(),
    cancelledAt: IsoTime.nullable(),
    cancelledBy: z.string().nullable(),
  })
  .meta({ id: 'Deployment' })
/** A deployment as the API shows it. */
export type DeploymentView = z.output<typeof DeploymentViewSchema>

/** One expected reporter's state. */
export const ClientDeploymentStateSchema = z
  .object({
    clientId: z.string(),
    machine: z.string(),
    state: z.enum(CLIENT_DEPLOYMENT_STATES),
    /** The status message that set the state. */
    messageId: z.number().int().optional(),
    /** The state ID of the application enforcement state message (topic 1702) that set it. */
    stateId: z.number().int().optional(),
    at: IsoTime.optional(),
    /** The installer's exit code, when the client reported one. */
    exitCode: z.number().int().optional(),
  })
  .meta({ id: 'ClientDeploymentState' })

const stateRecord = z.object(
  Object.fromEntries(CLIENT_DEPLOYMENT_STATES.map((s) => [s, z.number()])) as Record<
    (typeof CLIENT_DEPLOYMENT_STATES)[number],
    z.ZodNumber
  >, // Built from the same const array, so every state has a key.
)

/** A deployment's status. */
export const DeploymentStatusSchema = z
  .object({
    deploymentId: z.string(),
    /** The members of the collection: every one is in exactly one state. */
    expected: z.number().int(),
    counts: stateRecord,
    /** Share of the expected reporters per state, 0–100 with one decimal. */
    percentages: stateRecord,
    /** The clients, only those in `?state=` when it is given. */
    clients: z.array(ClientDeploymentStateSchema),
  })
  .meta({ id: 'DeploymentStatus' })
/** A deployment's status as the API shows it. */
export type DeploymentStatusView = z.output<typeof DeploymentStatusSchema>

const DeploymentParams = z.object({ id: DeploymentIdSchema })
const DeploymentReply = z.object({ deployment: DeploymentViewSchema })

/** `GET /api/v1/deployments` */
export const listDeployments = defineRoute({
  method: 'GET',
  url: '/api/v1/deployments',
  summary: 'Deployments, newest first',
  auth: READ,
  query: z.strictObject({
    collectionId: z.string().max(16).optional(),
    applicationId: z.string().max(64).optional(),
    /** `true`: leave out cancelled ones. */
    active: z.enum(['true', 'false']).optional(),
  }),
  replies: { 200: z.object({ deployments: z.array(DeploymentViewSchema) }) },
  errors: [],
})

/** `GET /api/v1/deployments/:id` */
export const getDeployment = defineRoute({
  method: 'GET',
  url: '/api/v1/deployments/:id',
  summary: 'One deployment',
  auth: READ,
  params: DeploymentParams,
  replies: { 200: DeploymentReply },
  errors: ['not_found'],
})

/** `POST /api/v1/deployments` */
export const createDeployment = defineRoute({
  method: 'POST',
  url: '/api/v1/deployments',
  summary: 'Deploy an application revision (default its newest) to a collection',
  auth: CHANGE,
  body: z.strictObject({
    applicationId: z.string().min(1).max(64),
    revision: z.number().int().min(1).optional(),
    collectionId: z.string().min(1).max(16),
    settings: z.strictObject({
      ...settingsFields,
      purpose: settingsFields.purpose.default('install'),
      availableAt: settingsFields.availableAt.optional(),
      deadline: settingsFields.deadline.optional(),
      restartGraceMinutes: settingsFields.restartGraceMinutes.optional(),
      restartCountdownMinutes: settingsFields.restartCountdownMinutes.optional(),
      restartOutsideWindows: settingsFields.restartOutsideWindows.optional(),
      installOutsideWindows: settingsFields.installOutsideWindows.optional(),
      notifications: settingsFields.notifications.optional(),
    }),
  }),
  replies: { 201: DeploymentReply },
  errors: ['not_found', 'conflict'],
})

/** `PATCH /api/v1/deployments/:id` */
export const updateDeployment = defineRoute({
  method: 'PATCH',
  url: '/api/v1/deployments/:id',
  summary: "Change a deployment's settings; clients fetch the new policy on their next poll",
  auth: CHANGE,
  params: DeploymentParams,
  body: z
    .strictObject({
      intent: settingsFields.intent.optional(),
      availableAt: settingsFields.availableAt.optional(),
      deadline: settingsFields.deadline.optional(),
      restartGraceMinutes: settingsFields.restartGraceMinutes.optional(),
      restartCountdownMinutes: settingsFields.restartCountdownMinutes.optional(),
      restartOutsideWindows: settingsFields.restartOutsideWindows.optional(),
      installOutsideWindows: settingsFields.installOutsideWindows.optional(),
      notifications: settingsFields.notifications.optional(),
    })
    .refine((b) => Object.keys(b).length > 0, { message: 'give at least one setting to change' }),
  replies: { 200: DeploymentReply },
  errors: ['not_found', 'conflict'],
})

/** `DELETE /api/v1/deployments/:id` */
export const cancelDeployment = defineRoute({
  method: 'DELETE',
  url: '/api/v1/deployments/:id',
  summary: 'Cancel a deployment: clients no longer get its policy; its status stays readable',
  auth: CHANGE,
  params: DeploymentParams,
  replies: { 204: NO_CONTENT },
  errors: ['not_found'],
})

/** `GET /api/v1/deployments/:id/status` */
export const getDeploymentStatus = defineRoute({
  method: 'GET',
  url: '/api/v1/deployments/:id/status',
  summary: 'Where each member of the collection stands: counts, percentages and the clients per state',
  auth: READ,
  params: DeploymentParams,
  query: z.strictObject({ state: z.enum(CLIENT_DEPLOYMENT_STATES).optional() }),
  replies: { 200: DeploymentStatusSchema },
  errors: ['not_found'],
})
