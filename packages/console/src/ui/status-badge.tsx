import type { ComponentStatus } from '../api/api-types.ts'
import { STATUS_LABELS } from './format.ts'

const SYMBOLS: Readonly<Record<ComponentStatus, string>> = { ok: '●', warning: '▲', critical: '■' }

/** A status in colour, with a shape and a word, so it never relies on colour alone. */
export function StatusBadge({ status }: { status: ComponentStatus }) {
  return (
    <span className={`badge badge-${status}`}>
      <span aria-hidden="true">{SYMBOLS[status]} </span>
      {STATUS_LABELS[status]}
    </span>
  )
}

/** A severity word with its colour. */
export function SeverityBadge({ severity }: { severity: 'informational' | 'warning' | 'error' }) {
  const label = severity === 'informational' ? 'Information' : severity === 'warning' ? 'Warning' : 'Error'
  return <span className={`badge badge-sev-${severity}`}>{label}</span>
}

/** Marks a message the site took without a signature: its sender is not proven. */
export function UnsignedBadge() {
  return (
    <span className="badge badge-unsigned" title="Taken by the unsigned endpoint: the sender is not proven">
      Unsigned
    </span>
  )
}
