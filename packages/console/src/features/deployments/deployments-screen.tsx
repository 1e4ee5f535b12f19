/**
 * Deployments: the list with each one's progress, one deployment's status per client, and the
 * form that creates one. Which of the three shows is in the route (`?id=`, `?new=1`).
 */
import { param } from '../../router/parse-route.ts'
import type { Route } from '../../router/parse-route.ts'
import { DeploymentDetail } from './deployment-detail.tsx'
import { DeploymentForm } from './deployment-form.tsx'
import { DeploymentList } from './deployment-list.tsx'
import { ReportedDeployments } from './reported-deployments.tsx'

export function DeploymentsScreen({ route }: { route: Route }) {
  const id = param(route, 'id')
  if (param(route, 'new') !== undefined) return <DeploymentForm route={route} />
  if (id !== undefined) return <DeploymentDetail id={id} route={route} />
  return (
    <>
      <DeploymentList />
      <section aria-labelledby="reported-title">
        <h2 id="reported-title">Deployments named in status messages</h2>
        <p className="hint">
          Counts from status messages with a deployment ID (attribute 401), from this site and its child
          sites.
        </p>
        <ReportedDeployments route={route} />
      </section>
    </>
  )
}
