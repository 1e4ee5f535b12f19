/**
 * Software distribution on the REST API: applications and content, collections, deployments
 * (docs/software-distribution.md). Registered in a scope of their own under the API's auth
 * hooks, so that only here does an `application/octet-stream` body reach a handler, as the raw
 * stream a content upload reads.
 */
import type { FastifyInstance } from 'fastify'
import { registerApplicationRoutes } from './application-routes.ts'
import { registerCollectionRoutes } from './collection-routes.ts'
import type { DistributionApiDeps } from './distribution-api-deps.ts'
import { registerDeploymentRoutes } from './deployment-routes.ts'

/** Registers every software-distribution route on the API scope. */
export function registerDistributionApiRoutes(api: FastifyInstance, deps: DistributionApiDeps): void {
  void api.register((scope, _options, done) => {
    // The stream is passed on unread; the content store counts, hashes and limits it.
    scope.addContentTypeParser('application/octet-stream', (_request, payload, parsed) => {
      parsed(null, payload)
    })
    registerApplicationRoutes(scope, deps)
    registerCollectionRoutes(scope, deps)
    registerDeploymentRoutes(scope, deps)
    done()
  })
}
