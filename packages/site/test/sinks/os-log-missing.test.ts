/**
 * Issue 12, item 8: a site whose syslog socket is missing says so once, not once per message.
 * It logs one warning, raises 1208 once, and counts every OS-log write it could not make in
 * the loss ledger; when the socket appears (a real rsyslogd behind it), it raises 1217 once.
 * The socket path is the site's `osLog.socketPath`, so the test never depends on `/dev/log`.
 */
import { symlinkSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { parseSiteConfig } from '../../src/config.ts'
import { startSite } from '../../src/start-site.ts'
import type { RunningSite } from '../../src/start-site.ts'
import { describeEachEngine } from '../helpers/engines.ts'
import { CAN_RUN_RSYSLOG, IN_CI, startPrivateRsyslog } from '../helpers/rsyslog.ts'
import { createSiteLog } from '../helpers/site-log.ts'
import { waitFor } from '../helpers/site-process.ts'
import { makeSitesDir } from '../hierarchy/linked-sites.ts'

/** Raises `count` 4609s, which the default rules write to the OS log. */
async function raiseForOsLog(site: RunningSite, count: number): Promise<void> {
  for (let i = 0; i < count; i++) {
    await site.reporter.raise({
      component: 'SMS_COMPONENT_STATUS_SUMMARIZER',
      messageId: 4609,
      severity: 'informational',
      insertionStrings: ['SMS_MP_CONTROL_MANAGER', 'SERVER'],
    })
  }
}

async function osLogLoss(site: RunningSite): Promise<number> {
  const rows = await site.store.lossLedger()
  return rows.find((r) => r.origin === 'outbox:os-log' && r.reason === 'sink_unavailable')?.count ?? 0
}

function siteConfig(dataDir: string, socketPath: string) {
  return parseSiteConfig({
    siteCode: 'PS1',
    dataDir,
    http: { port: 0 },
    osLog: { mode: 'syslog', socketPath },
    statusManager: { idlePollMs: 20 },
    outbox: { pollMs: 20 },
  })
}

describeEachEngine('a site whose syslog socket is missing', (engine) => {
  it('logs the failure once, raises 1208 once, and counts every undelivered OS-log write', async () => {
    const dir = engine.tempDir('no-dev-log')
    const log = engine.siteLog('PS1')
    const site = await startSite(siteConfig(path.join(dir, 'site'), path.join(dir, 'no-such-log.sock')), {
      logger: log.logger,
      ...(await engine.siteOptions()),
    })
    try {
      await raiseForOsLog(site, 5)
      await waitFor(async () => (await osLogLoss(site)) === 5, 'five OS-log writes in the loss ledger')
      await site.statusManager.drain()
      await waitFor(async () => (await site.store.countMessages({ messageId: 1208 })) === 1, '1208')

      const [raised] = await site.store.listMessages({ messageId: 1208 })
      expect(raised?.insertionStrings).toEqual([
        'syslog',
        `syslog socket ${path.join(dir, 'no-such-log.sock')} does not exist; start the syslog daemon or set osLog.socketPath`,
      ])
      expect(log.lines().map((l) => l.msg)).toEqual([
        'sink is failing; further failures are counted, not logged, until it works again',
      ])
      expect(await site.store.outboxSize(['os-log'])).toBe(0)

      // The REST API shows the same ledger.
      const reply = await fetch(`${site.url}/api/v1/loss`, {
        headers: { authorization: `Bearer ${site.adminToken}` },
      })
      expect(await reply.json()).toMatchObject({
        rows: [{ siteCode: 'PS1', origin: 'outbox:os-log', reason: 'sink_unavailable', count: 5 }],
      })
    } finally {
      await site.stop()
    }
  })
})

describe.skipIf(!CAN_RUN_RSYSLOG && !IN_CI)(
  `a site whose syslog socket appears later${CAN_RUN_RSYSLOG ? '' : ' (skipped: apt-get install rsyslog)'}`,
  () => {
    it('raises 1217 once when the OS log works again and writes to it from then on', async () => {
      const sites = makeSitesDir('dev-log-returns')
      const rsyslog = await startPrivateRsyslog()
      const socketPath = path.join(sites.dir, 'log.sock')
      const log = createSiteLog('PS1')
      const site = await startSite(siteConfig(path.join(sites.dir, 'site'), socketPath), {
        logger: log.logger,
      })
      try {
        await raiseForOsLog(site, 2)
        await waitFor(async () => (await osLogLoss(site)) === 2, 'two OS-log writes in the loss ledger')
        // The log daemon's socket appears where the site looks for it.
        symlinkSync(rsyslog.socketPath, socketPath)
        await raiseForOsLog(site, 2)
        const received = await rsyslog.lines(2)
        expect(received.map((r) => r.msgid)).toEqual(['4609', '4609'])
        await waitFor(async () => (await site.store.countMessages({ messageId: 1217 })) === 1, '1217')

        const [recovered] = await site.store.listMessages({ messageId: 1217 })
        expect(recovered?.insertionStrings[0]).toBe('os-log')
        expect(recovered?.insertionStrings[2]).toBe('2')
        expect(await site.store.countMessages({ messageId: 1208 })).toBe(1)
        expect(await osLogLoss(site)).toBe(2)
        expect(log.lines().map((l) => l.msg)).toEqual([
          'sink is failing; further failures are counted, not logged, until it works again',
        ])
        log.assertNoUnexpectedErrors()
      } finally {
        await site.stop()
        await rsyslog.stop()
        sites.cleanup()
      }
    })
  },
)
