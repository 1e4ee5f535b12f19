import type { Severity } from '@sitrep/protocol'
import type { SeverityCounts, SummaryStatus } from './status-level.ts'

/**
 * Message counts that switch a component to Warning or Critical within a threshold period
 * (reference §9): `IW`/`IE` informational count for Warning/Error(Critical), `WW`/`WE` for
 * warnings, `EW`/`EE` for errors. A threshold of 0 behaves like 1: it cannot switch a check off.
 */
export interface ComponentThresholds {
  readonly IW: number
  readonly IE: number
  readonly WW: number
  readonly WE: number
  readonly EW: number
  readonly EE: number
}

/** ConfigMgr's defaults for every component: IW 2000, IE 5000, WW 10, WE 50, EW 1, EE 5. */
export const DEFAULT_COMPONENT_THRESHOLDS: ComponentThresholds = Object.freeze({
  IW: 2000,
  IE: 5000,
  WW: 10,
  WE: 50,
  EW: 1,
  EE: 5,
})

/**
 * Threshold configuration of a site: defaults for every component and per-component overrides
 * (keyed by component name, compared case-insensitively; an override may set only some values).
 */
export interface ComponentThresholdSettings {
  readonly defaults?: ComponentThresholds
  readonly overrides?: Readonly<Record<string, Partial<ComponentThresholds>>>
}

/** Returns the thresholds that apply to one component: its override over the site defaults. */
export function thresholdsFor(
  component: string,
  settings: ComponentThresholdSettings = {},
): ComponentThresholds {
  const defaults = settings.defaults ?? DEFAULT_COMPONENT_THRESHOLDS
  const upper = component.toUpperCase()
  const key = Object.keys(settings.overrides ?? {}).find((name) => name.toUpperCase() === upper)
  const override = key === undefined ? undefined : settings.overrides?.[key]
  return { ...defaults, ...override }
}

/** One severity's count against the threshold it reached. */
export interface ThresholdCrossing {
  readonly severity: Severity
  readonly count: number
  /** The threshold as it acts: a configured 0 shows as 1. */
  readonly threshold: number
}

const CHECKS = [
  { severity: 'informational', count: 'infos', warning: 'IW', critical: 'IE' },
  { severity: 'warning', count: 'warnings', warning: 'WW', critical: 'WE' },
  { severity: 'error', count: 'errors', warning: 'EW', critical: 'EE' },
] as const satisfies readonly {
  severity: Severity
  count: keyof SeverityCounts
  warning: keyof ComponentThresholds
  critical: keyof ComponentThresholds
}[]

/** A threshold as it acts: 0 behaves like 1 (reference §9), and `scale` lowers it for hysteresis. */
function reaches(count: number, threshold: number, scale = 1): boolean {
  return count >= Math.max(1, threshold) * scale
}

/**
 * Returns the severities whose counts reached their threshold for `level`, informational first:
 * the 4603–4605 (critical) or 4606–4608 (warning) messages to raise before 4609/4610.
 */
export function thresholdCrossings(
  counts: SeverityCounts,
  thresholds: ComponentThresholds,
  level: 'warning' | 'critical',
): readonly ThresholdCrossing[] {
  return CHECKS.flatMap((check) => {
    const threshold = thresholds[level === 'critical' ? check.critical : check.warning]
    const count = counts[check.count]
    return reaches(count, threshold)
      ? [{ severity: check.severity, count, threshold: Math.max(1, threshold) }]
      : []
  })
}

/**
 * Returns a component's status for its counts: Critical when any count reached its critical
 * threshold, else Warning when any reached its warning threshold, else OK. Reaching means
 * "at or above". `scale` (default 1) multiplies every threshold, for the hysteresis band of the
 * rolling-window state machine.
 */
export function componentStatus(
  counts: SeverityCounts,
  thresholds: ComponentThresholds,
  scale = 1,
): SummaryStatus {
  if (CHECKS.some((check) => reaches(counts[check.count], thresholds[check.critical], scale))) {
    return 'critical'
  }
  if (CHECKS.some((check) => reaches(counts[check.count], thresholds[check.warning], scale))) {
    return 'warning'
  }
  return 'ok'
}
