/** Choosing and ordering component rows: plain functions, tested without React. */
import { ROLLING_WINDOW_NAMES, TALLY_INTERVALS, windowDisplayName } from '@sitrep/core'
import type { ComponentStatus, ComponentSummary } from '../../api/api-types.ts'

const RANK: Readonly<Record<ComponentStatus, number>> = { critical: 0, warning: 1, ok: 2 }

/** Worst first, then by site, machine and component name. */
export function sortByStatus(rows: readonly ComponentSummary[]): ComponentSummary[] {
  return [...rows].sort(
    (a, b) =>
      RANK[a.status] - RANK[b.status] ||
      a.siteCode.localeCompare(b.siteCode) ||
      a.machine.localeCompare(b.machine) ||
      a.component.localeCompare(b.component),
  )
}

/** The components in Warning or Critical, worst first. */
export function needsAttention(rows: readonly ComponentSummary[]): ComponentSummary[] {
  return sortByStatus(rows.filter((r) => r.status !== 'ok'))
}

/** Rows whose site, machine or component contains `text` (case-insensitive). */
export function matchComponents(rows: readonly ComponentSummary[], text: string): ComponentSummary[] {
  const needle = text.trim().toLowerCase()
  if (needle === '') return [...rows]
  return rows.filter((r) => `${r.siteCode} ${r.machine} ${r.component}`.toLowerCase().includes(needle))
}

/** The interval chooser's options: the 16 tally intervals, then the two rolling windows. */
export const INTERVAL_OPTIONS: readonly { readonly value: string; readonly label: string }[] = [
  ...TALLY_INTERVALS.map((i) => ({ value: i.name, label: i.displayName })),
  ...ROLLING_WINDOW_NAMES.map((name) => ({ value: name, label: windowDisplayName(name) })),
]

/** Thresholds as `IW 2000 · IE —`, for the table. */
export function formatThresholds(
  thresholds: Readonly<Record<keyof ComponentSummary['thresholds'], number | null>>,
): string {
  return (['IW', 'IE', 'WW', 'WE', 'EW', 'EE'] as const)
    .map((key) => `${key} ${thresholds[key] ?? '—'}`)
    .join(' · ')
}
