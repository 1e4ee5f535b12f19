/**
 * Issue 23: a site whose OS log is off queues nothing for it. Before, every message that a
 * "report to the OS log" rule matched left an outbox entry that no handler would ever take.
 */
import { DEFAULT_FILTER_RULES } from '@sitrep/core'
import { expect, it } from 'vitest'
import { parseSiteConfig } from '../src/config.ts'
import { startSite } from '../src/start-site.ts'
import { describeEachEngine } from './helpers/engines.ts'

describeEachEngine('a site with the OS log off', (engine) => {
  it('stores messages that a "report to the OS log" rule matches and queues no OS-log entry for them', async () => {
    const log = engine.siteLog('PS1')
    const config = parseSiteConfig({
      siteCode: 'PS1',
      dataDir: engine.tempDir('os-log-off'),
      http: { port: 0 },
      osLog: { mode: 'off' },
      statusManager: { idlePollMs: 20 },
    })
    const site = await startSite(config, { logger: log.logger, ...(await engine.siteOptions()) })
    try {
      // The default rules send the component status summarizer's 4609 to the OS log.
      expect(DEFAULT_FILTER_RULES.some((r) => r.actions.reportToOsLog === true)).toBe(true)
      const raised = await site.reporter.raise({
        component: 'SMS_COMPONENT_STATUS_SUMMARIZER',
        messageId: 4609,
        severity: 'error',
        insertionStrings: ['SMS_MP_CONTROL_MANAGER', 'SERVER', '5', 'Since 12:00:00 AM'],
      })
      await site.statusManager.drain()
      expect((await site.store.listMessages({ messageId: 4609, limit: 10 })).map((m) => m.id)).toEqual([
        raised.id,
      ])
      expect(await site.store.outboxSize(['os-log'])).toBe(0)
    } finally {
      await site.stop()
    }
  })
})
