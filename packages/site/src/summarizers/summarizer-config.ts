/**
 * The `summarizers` section of the site configuration (docs/configuration.md) and how it becomes
 * {@link SummarizerSettings}. Defaults are those of {@link defaultSummarizerSettings}: threshold
 * period since 12:00 AM, ConfigMgr's thresholds, a run every 60 s, a storage poll every 15 min.
 */
import type { ComponentThresholds, SummaryWindow } from '@sitrep/core'
import {
  DEFAULT_COMPONENT_STATE_SETTINGS,
  ROLLING_WINDOW_NAMES,
  TALLY_INTERVAL_NAMES,
  parseTallyToken,
} from '@sitrep/core'
import { z } from 'zod'
import { defaultSummarizerSettings } from './summarizer-settings.ts'
import type { SummarizerSettings } from './summarizer-settings.ts'

const MINUTE_MS = 60_000

const summaryWindow = z.string().transform((text, ctx): SummaryWindow => {
  const lower = text.toLowerCase()
  const named = [...TALLY_INTERVAL_NAMES, ...ROLLING_WINDOW_NAMES].find((n) => n === lower)
  const window = named ?? parseTallyToken(text)
  if (window === undefined) {
    ctx.addIssue({
      code: 'custom',
      message: `a tally interval name (${TALLY_INTERVAL_NAMES.join(', ')}) or token, or ${ROLLING_WINDOW_NAMES.join(' / ')}`,
    })
    return z.NEVER
  }
  return window
})

const count = z.number().int().min(0)
const thresholds = z.strictObject({ IW: count, IE: count, WW: count, WE: count, EW: count, EE: count })
const kb = z.number().int().min(0)
const percent = z.number().min(0).max(100)

/** The `summarizers` section; every field has a default. */
export const SummarizersConfigSchema = z
  .strictObject({
    /** Threshold period of component status: a tally interval name or token, or a rolling window. */
    thresholdPeriod: summaryWindow.default('since-12am'),
    /** Component thresholds (reference §9): defaults for every component, overrides by name. */
    thresholds: z
      .strictObject({
        defaults: thresholds.exactOptional(),
        overrides: z.record(z.string().min(1), thresholds.partial()).default({}),
      })
      .prefault({}),
    /** How often the component status summarizer runs. */
    componentIntervalSeconds: z.number().int().min(1).max(3600).default(60),
    /** How often the site system summarizer polls storage. */
    siteSystemPollMinutes: z.number().positive().max(1440).default(15),
    /** A component silent this long is flagged (4612). */
    silentAfterHours: z
      .number()
      .positive()
      .default(DEFAULT_COMPONENT_STATE_SETTINGS.silentAfterMs / 3_600_000),
    /** Rolling windows: hysteresis band below a threshold, and the longest hold below it. */
    hysteresisPercent: percent.default(DEFAULT_COMPONENT_STATE_SETTINGS.hysteresisFraction * 100),
    holdMinutes: z
      .number()
      .min(0)
      .default(DEFAULT_COMPONENT_STATE_SETTINGS.holdMs / MINUTE_MS),
    /** Minutes to add to UTC for site-local interval boundaries; default this machine's offset. */
    utcOffsetMinutes: z.number().int().min(-840).max(840).exactOptional(),
    /** Storage free-space thresholds (reference §10.3). */
    storage: z
      .strictObject({
        defaults: z
          .strictObject({
            warningPercent: percent,
            warningFreeKb: kb,
            criticalPercent: percent,
            criticalFreeKb: kb,
          })
          .exactOptional(),
        overrides: z
          .array(
            z.strictObject({
              siteSystem: z.string().min(1),
              object: z.string().min(1),
              warningFreeKb: kb,
              criticalFreeKb: kb,
            }),
          )
          .default([]),
      })
      .prefault({}),
  })
  .prefault({})

/** The parsed `summarizers` section. */
export type SummarizersConfig = z.output<typeof SummarizersConfigSchema>

/** Settings for a site with code `siteCode`; `utcOffsetMinutes` is the machine's when not configured. */
export function summarizerSettingsFromConfig(
  siteCode: string,
  config: SummarizersConfig,
  site: { readonly utcOffsetMinutes: number; readonly siteInstalledAt: number },
): SummarizerSettings {
  const overrides: Record<string, Partial<ComponentThresholds>> = {}
  for (const [name, values] of Object.entries(config.thresholds.overrides)) {
    // zod's partial() types absent keys as `undefined`; drop them so the override spreads cleanly.
    overrides[name] = Object.fromEntries(Object.entries(values).filter(([, v]) => v !== undefined))
  }
  return defaultSummarizerSettings(siteCode, {
    site: {
      utcOffsetMinutes: config.utcOffsetMinutes ?? site.utcOffsetMinutes,
      siteInstalledAt: site.siteInstalledAt,
    },
    thresholdPeriod: config.thresholdPeriod,
    thresholds: {
      ...(config.thresholds.defaults === undefined ? {} : { defaults: config.thresholds.defaults }),
      overrides,
    },
    state: {
      hysteresisFraction: config.hysteresisPercent / 100,
      holdMs: config.holdMinutes * MINUTE_MS,
      silentAfterMs: config.silentAfterHours * 3_600_000,
    },
    storage: {
      thresholds: {
        ...(config.storage.defaults === undefined ? {} : { defaults: config.storage.defaults }),
        overrides: config.storage.overrides,
      },
    },
  })
}
