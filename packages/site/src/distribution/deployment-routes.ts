/**
 * The REST routes of deployments (`@sitrep/api`'s `routes/deployments.ts`). A deployment names
 * an application revision that exists and a collection that exists; its settings' times come as
 * ISO text and are kept as the protocol's epoch milliseconds. Creating, changing or cancelling
 * one starts a new policy generation (clients see it on their next poll) and is audited. The
 * status route rolls the deployment up over the collection's members.
 */
import {
  cancelDeployment,
  createDeployment,
  getDeployment,
  getDeploymentStatus,
  listDeployments,
  updateDeployment,
} from '@sitrep/api'
import type { FieldIssue } from '@sitrep/protocol'
import { DeploymentSettingsSchema, formatIsoTime, parseIsoTime } from '@sitrep/protocol'
import type { DeploymentSettings } from '@sitrep/protocol'
import type { DeploymentRecord } from '@sitrep/store'
import { isStoreError } from '@sitrep/store'
import type { FastifyInstance } from 'fastify'
import { requestUser } from '../http/auth/register-auth.ts'
import { mountRoute } from '../http/mount-route.ts'
import { RequestError, refuseRequestBody } from '../http/request-error.ts'
import { mpIssue } from '../mp/field-issues.ts'
import { distributionAuditInput } from './distribution-audit.ts'
import type { DistributionChange } from './distribution-audit.ts'
import type { DistributionApiDeps } from './distribution-api-deps.ts'
import { nextDistributionId } from './distribution-ids.ts'
import { deploymentStatus } from './deployment-status.ts'
import { deploymentSettingsOf, toDeploymentView } from './distribution-views.ts'

/** Settings as the API takes them: times as ISO text, any field may be left out. */
type SettingsInput = {
  readonly [K in Exclude<keyof DeploymentSettings, 'availableAt' | 'deadline'>]?:
    DeploymentSettings[K] | undefined
} & {
  readonly availableAt?: string | undefined
  readonly deadline?: string | null | undefined
}

/**
 * Merges `input` over `base` and checks what the schema alone cannot: an available deployment
 * has no deadline, and a deadline is not before the available time. Issues name `settings.…`.
 */
export function mergeDeploymentSettings(
  base: DeploymentSettings,
  input: SettingsInput,
  field: (name: string) => string,
): DeploymentSettings {
  const { availableAt, deadline, ...rest } = input
  const defined = Object.fromEntries(Object.entries(rest).filter(([, v]) => v !== undefined))
  const merged = DeploymentSettingsSchema.parse({
    ...base,
    ...defined,
    ...(availableAt === undefined ? {} : { availableAt: parseIsoTime(availableAt) }),
    ...(deadline === undefined ? {} : { deadline: deadline === null ? null : parseIsoTime(deadline) }),
  })
  const issues: FieldIssue[] = []
  if (merged.intent === 'available' && merged.deadline !== null) {
    issues.push(
      mpIssue(
        field('deadline'),
        'unknown_value',
        `${field('deadline')} is set but the deployment is available, not required; available deployments have no deadline`,
      ),
    )
  }
  if (merged.deadline !== null && merged.deadline < merged.availableAt) {
    issues.push(
      mpIssue(
        field('deadline'),
        'out_of_range',
        `${field('deadline')} ${formatIsoTime(merged.deadline)} is before availableAt ${formatIsoTime(merged.availableAt)}`,
      ),
    )
  }
  if (issues.length > 0) refuseRequestBody(issues)
  return merged
}

/** Registers the deployment routes on the API scope. */
export function registerDeploymentRoutes(api: FastifyInstance, deps: DistributionApiDeps): void {
  const { store } = deps

  const found = async (id: string): Promise<DeploymentRecord> => {
    const record = await store.getDeployment(id)
    if (record === undefined)
      throw new RequestError(
        'not_found',
        `deployment ${id} does not exist; list them with GET /api/v1/deployments`,
      )
    return record
  }

  const names = async (record: Pick<DeploymentRecord, 'applicationId' | 'collectionId'>) => {
    const [application, collection] = await Promise.all([
      store.getApplication(record.applicationId),
      store.getCollection(record.collectionId),
    ])
    return { applicationName: application?.name ?? '', collectionName: collection?.name ?? '' }
  }

  const view = async (record: DeploymentRecord) => toDeploymentView(record, await names(record))

  const audit = async (
    username: string,
    kind: 'deploymentCreated' | 'deploymentChanged' | 'deploymentCancelled',
    record: DeploymentRecord,
  ) => {
    const change: DistributionChange = {
      kind,
      id: record.id,
      applicationId: record.applicationId,
      collectionId: record.collectionId,
      ...(await names(record)),
    }
    await deps.reporter.raise(distributionAuditInput(username, change))
  }

  mountRoute(api, listDeployments, async (request) => {
    const { collectionId, applicationId, active } = request.query
    const records = await store.listDeployments({
      ...(collectionId === undefined ? {} : { collectionId }),
      ...(applicationId === undefined ? {} : { applicationId }),
      ...(active === 'true' ? { active: true } : {}),
    })
    const deployments = []
    for (const record of records) deployments.push(await view(record))
    return { deployments }
  })

  mountRoute(api, getDeployment, async (request) => ({
    deployment: await view(await found(request.params.id)),
  }))

  mountRoute(api, createDeployment, async (request, reply) => {
    const user = requestUser(request)
    const body = request.body
    const application = await store.getApplication(body.applicationId)
    if (application === undefined || application.removedAt !== null) {
      refuseRequestBody([
        mpIssue(
          'applicationId',
          'unknown_value',
          `applicationId ${body.applicationId} names no application; list them with GET /api/v1/applications`,
        ),
      ])
    }
    const revision = body.revision ?? application.latestRevision
    if ((await store.getApplicationRevision(application.id, revision)) === undefined) {
      refuseRequestBody([
        mpIssue(
          'revision',
          'out_of_range',
          `revision ${revision} of application ${application.id} does not exist; its revisions are 1–${application.latestRevision}`,
          application.latestRevision,
        ),
      ])
    }
    const collection = await store.getCollection(body.collectionId)
    if (collection === undefined || collection.removedAt !== null) {
      refuseRequestBody([
        mpIssue(
          'collectionId',
          'unknown_value',
          `collectionId ${body.collectionId} names no collection; list them with GET /api/v1/collections`,
        ),
      ])
    }
    const now = deps.clock()
    const settings = mergeDeploymentSettings(
      DeploymentSettingsSchema.parse({ intent: body.settings.intent, availableAt: now }),
      body.settings,
      (name) => `settings.${name}`,
    )
    const existing = await store.listDeployments()
    for (let attempt = 0; attempt < 5; attempt++) {
      const id = await nextDistributionId(
        'deployment',
        deps.siteCode,
        existing.length + 1 + attempt,
        async (candidate) => (await store.getDeployment(candidate)) !== undefined,
      )
      if (id === undefined) throw new RequestError('conflict', 'every deployment ID of this site is taken')
      let record: DeploymentRecord
      try {
        record = await store.addDeployment({
          id,
          applicationId: application.id,
          revision,
          collectionId: collection.id,
          settingsJson: JSON.stringify(settings),
          createdAt: now,
          createdBy: user.username,
        })
      } catch (error) {
        if (isStoreError(error) && error.code === 'store_conflict') continue
        throw error
      }
      await deps.runtime.cache.reload()
      await audit(user.username, 'deploymentCreated', record)
      return reply.code(201).send({ deployment: await view(record) })
    }
    throw new RequestError(
      'conflict',
      'another administrator is creating deployments at the same time; retry',
    )
  })

  mountRoute(api, updateDeployment, async (request) => {
    const user = requestUser(request)
    const current = await found(request.params.id)
    if (current.cancelledAt !== null)
      throw new RequestError('conflict', `deployment ${current.id} is cancelled; create a new one`)
    const settings = mergeDeploymentSettings(deploymentSettingsOf(current), request.body, (name) => name)
    const record = await store.updateDeploymentSettings(current.id, JSON.stringify(settings))
    if (record?.cancelledAt !== null)
      throw new RequestError('conflict', `deployment ${current.id} was cancelled meanwhile`)
    await deps.runtime.cache.reload()
    await audit(user.username, 'deploymentChanged', record)
    return { deployment: await view(record) }
  })

  mountRoute(api, cancelDeployment, async (request, reply) => {
    const user = requestUser(request)
    const current = await found(request.params.id)
    if (current.cancelledAt !== null) return reply.code(204).send()
    const record = await store.cancelDeployment(current.id, user.username, deps.clock())
    if (record === undefined) throw new Error(`deployment ${current.id} vanished while it was cancelled`)
    await deps.runtime.cache.reload()
    await audit(user.username, 'deploymentCancelled', record)
    return reply.code(204).send()
  })

  mountRoute(api, getDeploymentStatus, async (request) => {
    const status = await deploymentStatus(store, request.params.id, {
      now: deps.clock(),
      silentAfterMs: deps.runtime.silentAfterMs,
    })
    if (status === undefined)
      throw new RequestError('not_found', `deployment ${request.params.id} does not exist`)
    const wanted = request.query.state
    return {
      deploymentId: request.params.id,
      expected: status.expected,
      counts: status.counts,
      percentages: status.percentages,
      clients: status.clients
        .filter((c) => wanted === undefined || c.state === wanted)
        .map((c) => ({
          clientId: c.clientId,
          machine: c.machine,
          state: c.state,
          ...(c.messageId === undefined ? {} : { messageId: c.messageId }),
          ...(c.stateId === undefined ? {} : { stateId: c.stateId }),
          ...(c.at === undefined ? {} : { at: formatIsoTime(c.at) }),
          ...(c.exitCode === undefined ? {} : { exitCode: c.exitCode }),
        })),
    }
  })
}
