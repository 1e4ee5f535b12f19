import type {
  ComponentStateSettings,
  ComponentThresholdSettings,
  SiteTime,
  StorageStateSettings,
  SummaryWindow,
} from '@sitrep/core'
import { DEFAULT_COMPONENT_STATE_SETTINGS } from '@sitrep/core'

/** How the site runs its summarizers (config `summarizers`, docs/configuration.md). */
export interface SummarizerSettings {
  readonly siteCode: string
  readonly site: SiteTime
  /** The component status summarizer's threshold period: a tally interval or rolling window. */
  readonly thresholdPeriod: SummaryWindow
  readonly thresholds: ComponentThresholdSettings
  readonly state: ComponentStateSettings
  readonly storage: StorageStateSettings
}

/** Settings for tests and sites without a `summarizers` section. */
export function defaultSummarizerSettings(
  siteCode: string,
  overrides: Partial<Omit<SummarizerSettings, 'siteCode'>> = {},
): SummarizerSettings {
  return {
    siteCode,
    site: { utcOffsetMinutes: 0, siteInstalledAt: 0 },
    thresholdPeriod: 'since-12am',
    thresholds: {},
    state: DEFAULT_COMPONENT_STATE_SETTINGS,
    storage: {},
    ...overrides,
  }
}
