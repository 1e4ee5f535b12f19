import { useQuery } from '@tanstack/react-query'
import { useApi } from '../../api/api-context.tsx'
import { isNotAvailable } from '../../api/api-error.ts'
import { formatRoute } from '../../router/parse-route.ts'
import { QueryState } from '../../ui/query-state.tsx'
import { StatusBadge } from '../../ui/status-badge.tsx'
import { worstStatus } from '../../ui/format.ts'
import { componentSummaryQuery } from '../components/queries.ts'
import { ComponentTable } from '../components/component-table.tsx'
import { needsAttention } from '../components/filter-components.ts'
import { buildSiteTree } from './build-site-tree.ts'
import { healthQuery, histogramQuery, linksQuery, siteSummaryQuery } from './queries.ts'
import { lossQuery } from '../loss/queries.ts'
import { SinkLossTable } from './sink-loss-table.tsx'
import { SiteTree } from './site-tree.tsx'
import { SeverityChart } from './severity-chart.tsx'

/** The site (and child sites) with their worst status, the last 24 hours, and components in trouble. */
export function OverviewScreen() {
  const api = useApi()
  const health = useQuery(healthQuery(api))
  const sites = useQuery(siteSummaryQuery(api))
  const links = useQuery(linksQuery(api))
  const histogram = useQuery(histogramQuery(api, 24))
  const components = useQuery(componentSummaryQuery(api, 'since-12am'))
  const loss = useQuery(lossQuery(api))
  const fallbackStatus =
    components.data === undefined ? undefined : worstStatus(components.data.components.map((c) => c.status))
  return (
    <>
      <section aria-labelledby="sites-title">
        <h2 id="sites-title">Sites</h2>
        {sites.isError && isNotAvailable(sites.error) ? (
          <ul className="site-cards">
            <li className="site-card">
              <strong>{health.data?.siteCode ?? '…'}</strong> {health.data?.siteName ?? ''}{' '}
              {fallbackStatus === undefined ? null : <StatusBadge status={fallbackStatus} />}
            </li>
          </ul>
        ) : (
          <QueryState query={sites} what="the site roll-up">
            {(data) => (
              <>
                <SiteTree
                  root={buildSiteTree(
                    health.data?.siteCode ??
                      data.sites.find((s) => s.parentSiteCode === null)?.siteCode ??
                      '',
                    data.sites,
                    links.data?.links ?? [],
                  )}
                />
                <ul className="site-cards">
                  {data.sites.map((site) => (
                    <li key={site.siteCode} className="site-card">
                      <strong>{site.siteCode}</strong>
                      {site.parentSiteCode === null
                        ? ' (this site)'
                        : ` (child of ${site.parentSiteCode})`}{' '}
                      <StatusBadge status={site.status} />
                      <span className="counts">
                        {site.errors} errors · {site.warnings} warnings · {site.components.critical} critical
                        and {site.components.warning} warning components
                      </span>
                    </li>
                  ))}
                </ul>
              </>
            )}
          </QueryState>
        )}
      </section>
      <section aria-labelledby="chart-title">
        <h2 id="chart-title">Messages by severity, last 24 hours</h2>
        <QueryState query={histogram} what="the message histogram">
          {(data) => (
            <>
              <SeverityChart buckets={data.buckets} />
              {data.approximate ? (
                <p className="hint">
                  Counted from the newest 1000 stored messages (this site has no histogram route).
                </p>
              ) : null}
            </>
          )}
        </QueryState>
      </section>
      <section aria-labelledby="attention-title">
        <h2 id="attention-title">Components in Warning or Critical</h2>
        <QueryState query={components} what="component status">
          {(data) => (
            <ComponentTable
              caption={`Components needing attention, ${data.interval.name}`}
              rows={needsAttention(data.components)}
              interval={data.interval.token ?? data.interval.name}
              empty="Every component is OK."
            />
          )}
        </QueryState>
        <p>
          <a href={formatRoute('/components')}>All components</a>
        </p>
      </section>
      <section aria-labelledby="sinks-title">
        <h2 id="sinks-title">Not delivered by the OS log, exports and programs</h2>
        <QueryState query={loss} what="the loss ledger">
          {(data) => <SinkLossTable rows={data.rows} />}
        </QueryState>
        <p>
          <a href={formatRoute('/loss')}>Loss ledger</a>
        </p>
      </section>
    </>
  )
}
