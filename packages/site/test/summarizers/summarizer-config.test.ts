import { thresholdsFor } from '@sitrep/core'
import { afterEach, describe, expect, it } from 'vitest'
import { parseSiteConfig } from '../../src/config.ts'
import { ConfigError } from '../../src/errors.ts'
import { startSummarizers } from '../../src/summarizers/start-summarizers.ts'
import { summarizerSettingsFromConfig } from '../../src/summarizers/summarizer-config.ts'
import { defaultSummarizerSettings } from '../../src/summarizers/summarizer-settings.ts'
import { describeEachEngine } from '../helpers/engines.ts'
import type { Harness } from './summarizer-harness.ts'
import { T, createHarness } from './summarizer-harness.ts'

const site = { utcOffsetMinutes: 60, siteInstalledAt: 0 }

describe('the summarizers configuration', () => {
  it('defaults to since 12:00 AM, ConfigMgr thresholds, a run every 60 s and a storage poll every 15 min', () => {
    const config = parseSiteConfig({})
    expect(config.summarizers).toMatchObject({
      thresholdPeriod: 'since-12am',
      componentIntervalSeconds: 60,
      siteSystemPollMinutes: 15,
      silentAfterHours: 24,
    })
    expect(summarizerSettingsFromConfig('PS1', config.summarizers, site)).toEqual(
      defaultSummarizerSettings('PS1', {
        site,
        thresholds: { overrides: {} },
        storage: { thresholds: { overrides: [] } },
      }),
    )
  })

  it('takes a threshold period by token or rolling window, thresholds per component, storage thresholds and silence time', () => {
    const byToken = parseSiteConfig({ summarizers: { thresholdPeriod: '0001128000100008' } })
    expect(byToken.summarizers.thresholdPeriod).toBe('since-12am')
    const config = parseSiteConfig({
      summarizers: {
        thresholdPeriod: 'last-hour',
        thresholds: { overrides: { Backup: { WW: 3 } } },
        silentAfterHours: 2,
        utcOffsetMinutes: -480,
        storage: {
          overrides: [{ siteSystem: 'SRV', object: '/data', warningFreeKb: 10, criticalFreeKb: 5 }],
        },
      },
    })
    const settings = summarizerSettingsFromConfig('PS1', config.summarizers, site)
    expect(settings.thresholdPeriod).toBe('last-hour')
    expect(settings.site.utcOffsetMinutes).toBe(-480)
    expect(settings.state.silentAfterMs).toBe(7_200_000)
    expect(thresholdsFor('BACKUP', settings.thresholds)).toMatchObject({ WW: 3, WE: 50, EE: 5 })
    expect(settings.storage.thresholds?.overrides).toHaveLength(1)
  })

  it('refuses a threshold period it does not know, naming the setting', () => {
    expect(() => parseSiteConfig({ summarizers: { thresholdPeriod: 'fortnight' } })).toThrow(ConfigError)
    expect(() => parseSiteConfig({ summarizers: { thresholdPeriod: 'fortnight' } })).toThrow(
      /thresholdPeriod/,
    )
  })
})

// Parsing the configuration touches no store; running the summarizers does, on each engine.
describeEachEngine('the summarizers running in a site', (engine) => {
  let h: Harness | undefined
  afterEach(async () => {
    await h?.close()
    h = undefined
  })

  it('logs a failed run instead of crashing, runs again on request, and stops after the run in progress', async () => {
    const site = await createHarness(await engine.openStore())
    h = site
    const log = engine.siteLog('PS1')
    // The failure this test provokes; any other error line fails it.
    log.expectError(/"message":"database away".*"msg":"component status summarizer run failed/)
    let fail = true
    const store = {
      ...site.store,
      componentCounts: (query: Parameters<typeof site.store.componentCounts>[0]) =>
        fail ? Promise.reject(new Error('database away')) : site.store.componentCounts(query),
    }
    const runtime = startSummarizers({
      store,
      reporter: site.reporter,
      settings: site.settings,
      clock: () => T,
      logger: log.logger,
      readStorage: () => Promise.resolve([]),
      componentIntervalMs: 3_600_000,
      siteSystemPollMs: 3_600_000,
    })
    await runtime.runComponents()
    const errors = () => log.lines().filter((l) => l.level >= 50)
    expect(errors().map((l) => l.msg)).toEqual([
      'component status summarizer run failed; the next run retries',
    ])
    fail = false
    await runtime.runComponents()
    await runtime.pollSiteSystems()
    await runtime.stop()
    expect(errors()).toHaveLength(1)
  })
})
