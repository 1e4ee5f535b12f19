import { useQuery } from '@tanstack/react-query'
import { useApi } from '../../api/api-context.tsx'
import { formatRoute, param } from '../../router/parse-route.ts'
import type { Route } from '../../router/parse-route.ts'
import { formatDateTime } from '../../ui/format.ts'
import { QueryState } from '../../ui/query-state.tsx'
import { STATE_LABELS, progressSegments, stateParam } from './format-deployment.ts'
import { deploymentClientsQuery, deploymentsQuery } from './queries.ts'

/**
 * Per deployment ID found in status messages (attribute 401, this site and its child sites) a
 * progress bar of its states; a state's link lists its clients.
 */
export function ReportedDeployments({ route }: { route: Route }) {
  const api = useApi()
  const deployments = useQuery(deploymentsQuery(api))
  const openId = param(route, 'reported')
  const openState = param(route, 'reportedState')
  return (
    <QueryState query={deployments} what="deployment status">
      {(data) =>
        data.deployments.length === 0 ? (
          <p>No status message has named a deployment yet.</p>
        ) : (
          <ul className="deployments">
            {data.deployments.map((d) => (
              <li key={d.deploymentId} className="deployment">
                <h3>
                  {d.deploymentId} <span className="small">({d.targeted} targeted)</span>
                </h3>
                <div
                  className="progress"
                  role="img"
                  aria-label={progressSegments(d)
                    .map((s) => `${s.count} ${STATE_LABELS[s.state]}`)
                    .join(', ')}
                >
                  {progressSegments(d).map((s) => (
                    <span
                      key={s.state}
                      className={`segment state-${s.state}`}
                      style={{ width: `${s.percent}%` }}
                    />
                  ))}
                </div>
                <ul className="state-links">
                  {progressSegments(d).map((s) => (
                    <li key={s.state}>
                      <a
                        href={formatRoute('/deployments', {
                          reported: d.deploymentId,
                          reportedState: stateParam(s.state),
                        })}
                      >
                        <span className={`swatch state-${s.state}`} aria-hidden="true" />{' '}
                        {STATE_LABELS[s.state]}: {s.count}
                      </a>
                    </li>
                  ))}
                </ul>
                {openId === d.deploymentId && openState !== undefined ? (
                  <ClientsInState id={d.deploymentId} state={openState} />
                ) : null}
              </li>
            ))}
          </ul>
        )
      }
    </QueryState>
  )
}

function ClientsInState({ id, state }: { id: string; state: string }) {
  const api = useApi()
  const clients = useQuery(deploymentClientsQuery(api, id, state))
  return (
    <QueryState query={clients} what={`the clients in ${state}`}>
      {(data) => (
        <table>
          <caption>
            Clients of {id} in state {state}
          </caption>
          <thead>
            <tr>
              <th scope="col">Machine</th>
              <th scope="col">State</th>
              <th scope="col">Since</th>
            </tr>
          </thead>
          <tbody>
            {data.clients.map((c) => (
              <tr key={c.machine}>
                <td>{c.machine}</td>
                <td>{c.stateName}</td>
                <td>{formatDateTime(c.at)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </QueryState>
  )
}
