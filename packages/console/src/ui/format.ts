/** Formatting shared by the screens: plain functions, tested without React. */
import type { ComponentStatus } from '../api/api-types.ts'

/** A time in the reader's locale, to the second; `—` when absent or invalid. */
export function formatDateTime(iso: string | null | undefined, locale?: string): string {
  if (iso === null || iso === undefined) return '—'
  const date = new Date(iso)
  if (Number.isNaN(date.getTime())) return '—'
  return date.toLocaleString(locale, {
    year: 'numeric',
    month: 'short',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  })
}

/** How long ago `iso` was, from `now` (ms): `just now`, `5 min ago`, `3 h ago`, `2 d ago`. */
export function formatAge(iso: string | null | undefined, now: number): string {
  if (iso === null || iso === undefined) return 'never'
  const ms = now - new Date(iso).getTime()
  if (Number.isNaN(ms)) return 'never'
  if (ms < 60_000) return 'just now'
  if (ms < 3_600_000) return `${Math.floor(ms / 60_000)} min ago`
  if (ms < 86_400_000) return `${Math.floor(ms / 3_600_000)} h ago`
  return `${Math.floor(ms / 86_400_000)} d ago`
}

const UNITS = ['B', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB'] as const

/** Bytes in binary units with one decimal above KiB: `512 B`, `1.5 GiB`; `—` when unknown. */
export function formatBytes(bytes: number | null | undefined): string {
  if (bytes === null || bytes === undefined || !Number.isFinite(bytes) || bytes < 0) return '—'
  let value = bytes
  let unit = 0
  while (value >= 1024 && unit < UNITS.length - 1) {
    value /= 1024
    unit += 1
  }
  return unit === 0 ? `${value} B` : `${value.toFixed(1)} ${UNITS[unit] ?? ''}`
}

/** Status words people read next to the colour (never colour alone). */
export const STATUS_LABELS: Readonly<Record<ComponentStatus, string>> = {
  ok: 'OK',
  warning: 'Warning',
  critical: 'Critical',
}

/** The worst of `statuses` (`ok` when there are none). */
export function worstStatus(statuses: readonly ComponentStatus[]): ComponentStatus {
  if (statuses.includes('critical')) return 'critical'
  if (statuses.includes('warning')) return 'warning'
  return 'ok'
}
