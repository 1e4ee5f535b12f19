/** The table `npm run bench` prints: one row per figure, one extra row per further comparison. */
import type { Figure } from './figures.ts'

/** Formats a number for people: thousands separators, 3 significant digits below 100. */
export function formatNumber(value: number): string {
  if (!Number.isFinite(value)) return String(value)
  if (Math.abs(value) >= 100) return Math.round(value).toLocaleString('en-US')
  return Number(value.toPrecision(3)).toString()
}

const DETAIL_LABELS: Readonly<Record<string, string>> = {
  p50Ms: 'p50 ms',
  p99Ms: 'p99 ms',
  countedP50Ms: 'counted p50 ms',
  countedP99Ms: 'counted p99 ms',
  cpuCores: 'server CPU cores',
  loadCpuCores: 'load CPU cores',
  peakRssMb: 'peak RSS MB',
  messages: 'messages',
  rows: 'rows',
  iterations: 'runs',
  bodyBytes: 'body B',
  offeredPerSecond: 'offered/s',
  failures: 'failures',
}

function formatDetails(details: Readonly<Record<string, number>>): string {
  return Object.entries(details)
    .map(([key, value]) => `${DETAIL_LABELS[key] ?? key} ${formatNumber(value)}`)
    .join(', ')
}

function formatValue(f: Figure): string {
  if (f.value === null) return `skipped (${f.skipped ?? 'not measured'})`
  return `${formatNumber(f.value)} ${f.unit}`
}

/** Renders the figures as an aligned plain-text table. */
export function formatTable(figures: readonly Figure[]): string {
  const header = ['Scenario', 'Figure', 'Value', 'Details', 'Ratio (vs baseline)']
  const rows: string[][] = []
  for (const f of figures) {
    const [first, ...rest] = f.comparisons
    const compared = (c: (typeof f.comparisons)[number]): string =>
      `${c.ratio === null ? 'n/a' : c.ratio.toFixed(2)} vs ${c.baseline}`
    const name = f.role === 'baseline' ? `[baseline] ${f.name}` : f.name
    const details = [formatDetails(f.details), f.note ?? ''].filter((s) => s !== '').join('; ')
    rows.push([f.scenario, name, formatValue(f), details, first === undefined ? '' : compared(first)])
    for (const c of rest) rows.push(['', '', '', '', compared(c)])
  }
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)))
  const line = (cells: readonly string[]): string =>
    cells
      .map((c, i) => c.padEnd(widths[i] ?? 0))
      .join('  ')
      .trimEnd()
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n')
}
