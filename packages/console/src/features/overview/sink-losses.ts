/**
 * What the site's sinks (the OS log, export targets, rules' programs) could not deliver, read
 * from the loss ledger rows whose origin is `outbox:…`, for the overview.
 */
import type { LossRow } from '../../api/api-types.ts'

/** One sink and reason with what it did not deliver. */
export interface SinkLoss {
  /** For people: `OS log`, `export "siem"`, `programs`. */
  readonly sink: string
  readonly reason: string
  readonly count: number
  /** ISO time of the last undelivered message. */
  readonly lastAt: string
}

const OUTBOX_PREFIX = 'outbox:'

/** Names a sink origin for people; `outbox:export:siem` is `export "siem"`. */
export function sinkName(origin: string): string {
  const sink = origin.slice(OUTBOX_PREFIX.length)
  if (sink === 'os-log') return 'OS log'
  if (sink === 'program') return 'programs'
  if (sink.startsWith('export:')) return `export "${sink.slice('export:'.length)}"`
  return sink
}

/** The sink rows of the ledger, summed over sites, most recent first. */
export function sinkLosses(rows: readonly LossRow[]): SinkLoss[] {
  const merged = new Map<string, SinkLoss>()
  for (const row of rows) {
    if (!row.origin.startsWith(OUTBOX_PREFIX)) continue
    const key = `${row.origin}\n${row.reason}`
    const prev = merged.get(key)
    merged.set(key, {
      sink: sinkName(row.origin),
      reason: row.reason,
      count: (prev?.count ?? 0) + row.count,
      lastAt: prev === undefined || row.lastAt > prev.lastAt ? row.lastAt : prev.lastAt,
    })
  }
  return [...merged.values()].sort((a, b) => b.lastAt.localeCompare(a.lastAt) || a.sink.localeCompare(b.sink))
}
