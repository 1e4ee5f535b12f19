import { formatRoute } from '../../router/parse-route.ts'
import { CLIENT_STATE_LABELS, STATE_TONE, describeSegments, stateSegments } from './deployment-states.ts'
import type { ClientDeploymentState } from './deployment-states.ts'

type Counts = Readonly<Record<ClientDeploymentState, number>>

/**
 * A deployment's progress as one bar: a segment per state with clients, its width the state's
 * share. Screen readers read the counts from its label; colour is never the only cue (the
 * legend names each state with its count).
 */
export function StateBar({ counts, compact = false }: { counts: Counts; compact?: boolean }) {
  const segments = stateSegments(counts)
  const label = describeSegments(segments)
  return (
    <div className={compact ? 'state-bar compact' : 'state-bar'} role="img" aria-label={label} title={label}>
      {segments.map((s) => (
        <span
          key={s.state}
          className={`segment tone-${STATE_TONE[s.state]}`}
          style={{ width: `${s.percent}%` }}
        />
      ))}
    </div>
  )
}

/** The states with clients, each with its count and share; each links to its clients. */
export function StateLegend({
  deploymentId,
  counts,
  selected,
}: {
  deploymentId: string
  counts: Counts
  selected?: ClientDeploymentState | undefined
}) {
  const segments = stateSegments(counts)
  return (
    <ul className="state-legend" aria-label="Clients per state">
      {segments.map((s) => (
        <li key={s.state}>
          <a
            href={formatRoute('/deployments', { id: deploymentId, state: s.state })}
            aria-current={selected === s.state ? 'true' : undefined}
          >
            <span className={`swatch tone-${STATE_TONE[s.state]}`} aria-hidden="true" />{' '}
            {CLIENT_STATE_LABELS[s.state]}: {s.count} ({s.percent}%)
          </a>
        </li>
      ))}
    </ul>
  )
}
