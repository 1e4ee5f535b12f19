/** Deployment status: counts per deployment, its clients, and its named targets (docs/api.md "Summaries"). */
import { z } from 'zod'
import { defineRoute } from '../define-route.ts'
import { IsoTime, safeText } from '../fields.ts'

const count = z.number().int()

/** The counters of a deployment, in the order the console shows them. */
export const DEPLOYMENT_COUNTERS = [
  'accepted',
  'running',
  'waiting',
  'retrying',
  'succeeded',
  'failed',
  'rebootPending',
  'noStatus',
  'notYetReported',
] as const

/** One deployment's client counts (summed over the subtree at a parent). */
export const DeploymentSummaryViewSchema = z
  .object({
    deploymentId: z.string(),
    targeted: count,
    accepted: count,
    running: count,
    waiting: count,
    retrying: count,
    succeeded: count,
    failed: count,
    rebootPending: count,
    noStatus: count,
    notYetReported: count,
  })
  .meta({ id: 'DeploymentSummary' })
/** One deployment's client counts. */
export type DeploymentSummaryView = z.output<typeof DeploymentSummaryViewSchema>

/** `GET /api/v1/summaries/deployments` */
export const listDeploymentSummaries = defineRoute({
  method: 'GET',
  url: '/api/v1/summaries/deployments',
  summary: 'Client counts per deployment by state',
  auth: { minRole: 'read-only-analyst' },
  replies: { 200: z.object({ deployments: z.array(DeploymentSummaryViewSchema) }) },
  errors: [],
})

/** One client of a deployment with its current state. */
export const DeploymentClientViewSchema = z
  .object({
    machine: z.string(),
    /** The state number; `null` for a named target that has not reported. */
    state: z.number().int().nullable(),
    stateName: z.string(),
    /** Which track the state came from; `null` when none did. */
    track: z.enum(['acceptance', 'delivery']).nullable(),
    messageId: z.number().int().nullable(),
    at: IsoTime.nullable(),
  })
  .meta({ id: 'DeploymentClient' })
/** One client of a deployment. */
export type DeploymentClientView = z.output<typeof DeploymentClientViewSchema>

const DeploymentParams = z.object({ id: safeText(1, 256) })

/** `GET /api/v1/summaries/deployments/:id/clients` */
export const listDeploymentClients = defineRoute({
  method: 'GET',
  url: '/api/v1/summaries/deployments/:id/clients',
  summary: 'The clients of a deployment, optionally in one state',
  auth: { minRole: 'read-only-analyst' },
  params: DeploymentParams,
  query: z.strictObject({ state: safeText(0, 64).optional() }),
  replies: { 200: z.object({ clients: z.array(DeploymentClientViewSchema) }) },
  errors: ['not_found'],
})

/** `PUT /api/v1/deployments/:id/targets` */
export const setDeploymentTargets = defineRoute({
  method: 'PUT',
  url: '/api/v1/deployments/:id/targets',
  summary: 'Name the machines a deployment targets',
  auth: { minRole: 'operations-administrator' },
  params: DeploymentParams,
  body: z.strictObject({ machines: z.array(safeText(1, 255)).max(100_000) }),
  replies: { 200: z.object({ deploymentId: z.string(), machines: z.array(z.string()) }) },
  errors: [],
})
