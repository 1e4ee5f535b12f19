/**
 * The REST routes of applications and content (`@sitrep/api`'s `routes/applications.ts`):
 * adding and revising check that every content file and icon named is stored with the size
 * given, so a deployment never carries content the site cannot serve. Uploads stream to the
 * content store; each change is audited.
 */
import { Readable } from 'node:stream'
import {
  addApplication,
  getApplication,
  getContent,
  listApplications,
  listContent,
  removeApplication,
  reviseApplication,
  uploadContent,
} from '@sitrep/api'
import type { FieldIssue } from '@sitrep/protocol'
import { ApplicationSchema } from '@sitrep/protocol'
import type { Application } from '@sitrep/protocol'
import { isStoreError } from '@sitrep/store'
import type { FastifyInstance } from 'fastify'
import { requestUser } from '../http/auth/register-auth.ts'
import { mountRoute } from '../http/mount-route.ts'
import { RequestError, refuseRequestBody } from '../http/request-error.ts'
import { mpIssue } from '../mp/field-issues.ts'
import { distributionAuditInput } from './distribution-audit.ts'
import type { DistributionApiDeps } from './distribution-api-deps.ts'
import { nextDistributionId } from './distribution-ids.ts'
import { toApplicationView, toContentView } from './distribution-views.ts'

/** Registers the application and content routes on the API scope. */
export function registerApplicationRoutes(api: FastifyInstance, deps: DistributionApiDeps): void {
  const { store } = deps

  const checkContent = async (application: Omit<Application, 'id' | 'revision'>): Promise<void> => {
    const issues: FieldIssue[] = []
    for (const [t, type] of application.deploymentTypes.entries()) {
      for (const [c, file] of type.content.entries()) {
        const field = `deploymentTypes[${t}].content[${c}]`
        const stored = await store.getContent(file.sha256)
        if (stored === undefined) {
          issues.push(
            mpIssue(
              `${field}.sha256`,
              'unknown_value',
              `${field}.sha256 ${file.sha256} is not stored on the site; upload it first (PUT /api/v1/content/${file.sha256})`,
            ),
          )
        } else if (stored.size !== file.size) {
          issues.push(
            mpIssue(
              `${field}.size`,
              'out_of_range',
              `${field}.size is ${file.size} but the stored file ${file.sha256} has ${stored.size} bytes`,
              stored.size,
            ),
          )
        }
      }
    }
    if (
      application.iconSha256 !== undefined &&
      (await store.getContent(application.iconSha256)) === undefined
    ) {
      issues.push(
        mpIssue(
          'iconSha256',
          'unknown_value',
          `iconSha256 ${application.iconSha256} is not stored on the site; upload the icon first`,
        ),
      )
    }
    if (issues.length > 0) refuseRequestBody(issues)
  }

  const found = async (id: string) => {
    const record = await store.getApplication(id)
    if (record === undefined) {
      throw new RequestError(
        'not_found',
        `application ${id.slice(0, 64)} does not exist; list them with GET /api/v1/applications`,
      )
    }
    return record
  }

  const saveRevision = async (
    id: string,
    revision: number,
    input: Omit<Application, 'id' | 'revision'>,
    username: string,
  ) => {
    const application = ApplicationSchema.parse({ ...input, id, revision })
    try {
      return await store.addApplicationRevision({
        applicationId: id,
        revision,
        name: application.name,
        bodyJson: JSON.stringify(application),
        createdAt: deps.clock(),
        createdBy: username,
      })
    } catch (error) {
      if (isStoreError(error) && error.code === 'store_conflict')
        throw new RequestError('conflict', error.message, { cause: error })
      throw error
    }
  }

  mountRoute(api, listApplications, async () => ({
    applications: (await store.listApplications()).map((record) => toApplicationView(record)),
  }))

  mountRoute(api, getApplication, async (request) => {
    const record = await found(request.params.id)
    const revisions = await store.listApplicationRevisions(record.id)
    const wanted = request.query.revision ?? record.latestRevision
    const shown = revisions.find((r) => r.revision === wanted)
    if (shown === undefined) {
      throw new RequestError(
        'not_found',
        `application ${record.id} has no revision ${wanted}; its revisions are 1–${record.latestRevision}`,
      )
    }
    return {
      application: toApplicationView(record, shown),
      revisions: revisions.map((r) => ({
        revision: r.revision,
        createdAt: new Date(r.createdAt).toISOString(),
        createdBy: r.createdBy,
      })),
    }
  })

  mountRoute(api, addApplication, async (request, reply) => {
    const user = requestUser(request)
    await checkContent(request.body)
    // Two requests may pick the same ID; the store lets only one make revision 1, so retry.
    for (let attempt = 0; attempt < 5; attempt++) {
      const id = await nextDistributionId(
        'application',
        deps.siteCode,
        (await store.listApplications()).length + 1,
        async (candidate) => (await store.getApplication(candidate)) !== undefined,
      )
      if (id === undefined)
        throw new RequestError(
          'conflict',
          'every application ID is taken; remove applications no longer used',
        )
      try {
        const record = await saveRevision(id, 1, request.body, user.username)
        await deps.runtime.evaluateAll()
        await deps.reporter.raise(
          distributionAuditInput(user.username, {
            kind: 'applicationAdded',
            id,
            name: record.name,
            revision: 1,
          }),
        )
        return await reply.code(201).send({ application: toApplicationView(record) })
      } catch (error) {
        if (!(error instanceof RequestError && error.code === 'conflict')) throw error
      }
    }
    throw new RequestError('conflict', 'another administrator is adding applications at the same time; retry')
  })

  mountRoute(api, reviseApplication, async (request) => {
    const user = requestUser(request)
    const current = await found(request.params.id)
    const { baseRevision, ...input } = request.body
    if (baseRevision !== undefined && baseRevision !== current.latestRevision) {
      throw new RequestError(
        'conflict',
        `application ${current.id} is at revision ${current.latestRevision}, not ${baseRevision}: someone revised it meanwhile; read it again and retry`,
      )
    }
    await checkContent(input)
    const record = await saveRevision(current.id, current.latestRevision + 1, input, user.username)
    // Deployments name their revision, so a revision changes no policy; the reload is for names.
    await deps.runtime.evaluateAll()
    await deps.reporter.raise(
      distributionAuditInput(user.username, {
        kind: 'applicationRevised',
        id: record.id,
        name: record.name,
        revision: record.latestRevision,
      }),
    )
    return { application: toApplicationView(record) }
  })

  mountRoute(api, removeApplication, async (request, reply) => {
    const user = requestUser(request)
    const record = await found(request.params.id)
    if (record.removedAt !== null)
      throw new RequestError('not_found', `application ${record.id} is removed already`)
    const active = await store.listDeployments({ applicationId: record.id, active: true })
    if (active.length > 0) {
      throw new RequestError(
        'conflict',
        `application ${record.id} is carried by active deployments ${active.map((d) => d.id).join(', ')}; cancel them first`,
      )
    }
    await store.removeApplication(record.id, deps.clock())
    await deps.reporter.raise(
      distributionAuditInput(user.username, {
        kind: 'applicationRemoved',
        id: record.id,
        name: record.name,
        revision: record.latestRevision,
      }),
    )
    return reply.code(204).send()
  })

  mountRoute(api, listContent, async () => ({ content: (await store.listContent()).map(toContentView) }))

  mountRoute(api, getContent, async (request) => {
    const record = await store.getContent(request.params.sha256)
    if (record === undefined)
      throw new RequestError('not_found', `content ${request.params.sha256} is not stored on the site`)
    return { content: toContentView(record) }
  })

  mountRoute(api, uploadContent, async (request, reply) => {
    const user = requestUser(request)
    const body: unknown = request.body
    if (!(body instanceof Readable)) {
      throw new RequestError(
        'unsupported_media_type',
        'a content upload is the raw file as the body with Content-Type: application/octet-stream',
      )
    }
    const declared = Number(request.headers['content-length'] ?? Number.NaN)
    const { maxBytes } = deps.runtime.content
    if (declared > maxBytes) {
      // Refused before reading, so the caller hears why instead of seeing the connection drop.
      const message = `the upload is ${declared} bytes, larger than the content limit of ${maxBytes} bytes (distribution.maxContentBytes)`
      throw new RequestError('payload_too_large', message, {
        issues: [mpIssue('body', 'too_long', message, maxBytes)],
      })
    }
    const known = await store.getContent(request.params.sha256)
    // Uploads deduplicate: bytes the site holds already are not read again.
    if (known !== undefined && (await deps.runtime.content.locate(known.sha256)) !== undefined)
      return reply.code(200).send({ content: toContentView(known), created: false as const })
    const stored = await deps.runtime.content.put(body, request.params.sha256)
    const record = await store.getContent(stored.sha256)
    if (record === undefined) throw new Error(`content ${stored.sha256} vanished after its upload`)
    if (!stored.created)
      return reply.code(200).send({ content: toContentView(record), created: false as const })
    await deps.reporter.raise(
      distributionAuditInput(user.username, {
        kind: 'contentUploaded',
        sha256: stored.sha256,
        size: stored.size,
      }),
    )
    return reply.code(201).send({ content: toContentView(record), created: true as const })
  })
}
