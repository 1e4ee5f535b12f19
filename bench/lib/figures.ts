/**
 * The figures a run produces: each one a number with its unit, either Sitrep's or a baseline's,
 * and for Sitrep's the ratio against the baseline it should be read beside.
 */

/** The scenarios `npm run bench -- --scenario <name>` selects, in the order they run. */
export const SCENARIO_NAMES = [
  'mp-ingest',
  'status-manager',
  'end-to-end',
  'queries',
  'footprint',
  'agent-fleet',
  'policy-poll',
] as const
export type ScenarioName = (typeof SCENARIO_NAMES)[number]

/** Whose figure it is. */
export type FigureRole = 'sitrep' | 'baseline'

/** One compared-with entry: `ratio` is this figure divided by the baseline's. */
export interface Comparison {
  readonly baseline: string
  readonly ratio: number | null
}

/** One measured figure (or one that could not be measured, with `value: null` and `skipped`). */
export interface Figure {
  readonly scenario: ScenarioName
  readonly role: FigureRole
  /** Row name, unique within the run, e.g. `MP ingest JSON×100`. */
  readonly name: string
  readonly value: number | null
  readonly unit: string
  /** Secondary numbers of the same measurement (latency percentiles, CPU, memory, counts). */
  readonly details: Readonly<Record<string, number>>
  readonly comparisons: readonly Comparison[]
  /** Why `value` is null. */
  readonly skipped?: string
  /** A caveat a reader needs (e.g. a capped size). */
  readonly note?: string
}

/** Builds a figure; `details` and `comparisons` default to empty. */
export function figure(
  input: Omit<Figure, 'details' | 'comparisons'> & Partial<Pick<Figure, 'details' | 'comparisons'>>,
): Figure {
  return { details: {}, comparisons: [], ...input }
}

/** A figure that could not be measured, e.g. PostgreSQL rows when the server is unreachable. */
export function skippedFigure(
  scenario: ScenarioName,
  role: FigureRole,
  name: string,
  unit: string,
  reason: string,
): Figure {
  return figure({ scenario, role, name, value: null, unit, skipped: reason })
}

/** `value / base`, or null when either is missing or the base is zero. */
export function ratioOf(value: number | null, base: number | null): number | null {
  if (value === null || base === null || !Number.isFinite(value) || !Number.isFinite(base) || base === 0) {
    return null
  }
  return value / base
}

/** Adds comparisons of `target` against the named baseline figures found in `figures`. */
export function compare(target: Figure, figures: readonly Figure[], baselines: readonly string[]): Figure {
  const comparisons = baselines.map((name) => ({
    baseline: name,
    ratio: ratioOf(target.value, figures.find((f) => f.name === name)?.value ?? null),
  }))
  return { ...target, comparisons: [...target.comparisons, ...comparisons] }
}
