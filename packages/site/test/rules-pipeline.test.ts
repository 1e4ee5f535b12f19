import type { FilterRule } from '@sitrep/core'
import { DEFAULT_FILTER_RULES } from '@sitrep/core'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { createOsLogWriter } from '../src/actions/os-log/create-os-log-writer.ts'
import { createOsLogHandler } from '../src/outbox/action-handlers.ts'
import { dryRunStoredMessages } from '../src/rules/dry-run-stored-messages.ts'
import { makeMessage } from './helpers/messages.ts'
import type { PrivateRsyslog } from './helpers/rsyslog.ts'
import { CAN_RUN_RSYSLOG, IN_CI, startPrivateRsyslog } from './helpers/rsyslog.ts'
import type { TestSite } from './helpers/test-site.ts'
import { createTestSite } from './helpers/test-site.ts'
import { describeEachEngine } from './helpers/engines.ts'

const DAY = 86_400_000
const START = Date.UTC(2026, 10, 21, 8)

function rule(
  id: string,
  criteria: FilterRule['criteria'],
  actions: FilterRule['actions'],
  enabled = true,
): FilterRule {
  return { id, name: `Rule ${id}`, enabled, criteria, actions }
}

describeEachEngine('status filter rules applied by the status manager', (engine) => {
  const onEngine = async () => ({ store: await engine.openStore(), logger: engine.siteLog('PS1').logger })
  let site: TestSite | undefined
  afterEach(async () => {
    await site?.close()
    site = undefined
  })

  it('keeps audit messages 180 days and all other messages 30 days under the default rules', async () => {
    site = await createTestSite(await onEngine())
    const audit = makeMessage({
      messageType: 'audit',
      module: 'SMS Provider',
      messageId: 30015,
      component: 'Microsoft.ConfigurationManagement.exe',
    })
    const ordinary = makeMessage({ messageId: 39998, severity: 'warning' })
    await site.enqueue([audit, ordinary])
    await site.statusManager.drain()
    const stored = await site.store.listMessages({})
    const deleteAfter = new Map(stored.map((m) => [m.id, m.deleteAfter]))
    expect(deleteAfter.get(audit.id)).toBe(START + 180 * DAY)
    expect(deleteAfter.get(ordinary.id)).toBe(START + 30 * DAY)
  })

  it('stops at a rule that says "do not process lower-priority rules"', async () => {
    site = await createTestSite({
      rules: [
        rule(
          'quiet',
          { component: 'Chatty' },
          { writeToDatabase: true, daysToKeep: 2, stopProcessing: true },
        ),
        rule('log', {}, { writeToDatabase: true, reportToOsLog: true }),
      ],
      ...(await onEngine()),
    })
    const chatty = makeMessage({ component: 'Chatty' })
    const other = makeMessage({ component: 'Other' })
    await site.enqueue([chatty, other])
    await site.statusManager.drain()
    const due = await site.store.listDueOutbox({ kinds: ['os-log'], now: START, limit: 10 })
    expect(due.map((e) => e.messageId)).toEqual([other.id])
    const stored = await site.store.listMessages({ component: 'Chatty' })
    expect(stored[0]?.deleteAfter).toBe(START + 2 * DAY)
  })

  it('skips disabled rules', async () => {
    site = await createTestSite({
      rules: [
        rule('off', {}, { writeToDatabase: true, daysToKeep: 1 }, false),
        rule('on', {}, { writeToDatabase: true, daysToKeep: 9 }),
      ],
      ...(await onEngine()),
    })
    await site.enqueue([makeMessage()])
    await site.statusManager.drain()
    expect((await site.store.listMessages({}))[0]?.deleteAfter).toBe(START + 9 * DAY)
  })

  it('lets the higher rule win when two matching rules disagree on days to keep', async () => {
    const short = rule('short', { severity: 'error' }, { writeToDatabase: true, daysToKeep: 10 })
    const long = rule('long', {}, { writeToDatabase: true, daysToKeep: 90 })
    const message = makeMessage({ severity: 'error', messageId: 39999 })
    site = await createTestSite({ rules: [short, long], ...(await onEngine()) })
    await site.enqueue([message])
    await site.statusManager.drain()
    expect((await site.store.listMessages({}))[0]?.deleteAfter).toBe(START + 10 * DAY)
    await site.close()

    site = await createTestSite({ rules: [long, short], ...(await onEngine()) })
    await site.enqueue([message])
    await site.statusManager.drain()
    expect((await site.store.listMessages({}))[0]?.deleteAfter).toBe(START + 90 * DAY)
  })

  it('counts messages that no rule keeps in the loss ledger and keeps nothing of them', async () => {
    site = await createTestSite({
      rules: [rule('errors', { severity: 'error' }, { writeToDatabase: true })],
      ...(await onEngine()),
    })
    await site.enqueue([makeMessage({ severity: 'error', messageId: 39999 }), makeMessage(), makeMessage()])
    await site.statusManager.drain()
    expect(await site.store.countMessages()).toBe(1)
    expect(await site.store.lossLedger()).toMatchObject([{ reason: 'not_kept', count: 2, siteCode: 'PS1' }])
  })

  it('quarantines an unreadable inbox entry with its reason and goes on with the rest', async () => {
    site = await createTestSite(await onEngine())
    await site.store.enqueueInbox([
      { id: 'not-a-message', body: '{"broken": true}', receivedAt: START, source: 'mp', trusted: true },
    ])
    await site.enqueue([makeMessage()])
    await site.statusManager.drain()
    expect(await site.store.countMessages()).toBe(1)
    const [quarantined] = await site.store.listQuarantine()
    expect(quarantined).toMatchObject({ id: 'not-a-message' })
    expect(quarantined?.reason).toMatch(/broken is not a field of a status message/)
    expect(await site.store.inboxSize()).toBe(0)
  })

  it('holds a message stamped 300 s ahead until its time, and raises 1215 once', async () => {
    site = await createTestSite(await onEngine())
    const early = makeMessage({ createdAt: START + 600_000, component: 'Clocky' })
    const alsoEarly = makeMessage({ createdAt: START + 600_000, component: 'Clocky' })
    await site.enqueue([early, alsoEarly])
    await site.statusManager.drain()
    expect(await site.store.countMessages({ component: 'Clocky' })).toBe(0)
    const warnings = await site.store.listMessages({ messageId: 1215 })
    expect(warnings).toHaveLength(1)
    expect(site.render(warnings[0]!)).toContain('Clocky') // listMessages found one above

    site.advance(600_000)
    await site.statusManager.drain()
    expect(await site.store.countMessages({ component: 'Clocky' })).toBe(2)
    expect(await site.store.countMessages({ messageId: 1215 })).toBe(1)
  })

  it('reports on itself with message 1200 and its counters', async () => {
    site = await createTestSite(await onEngine())
    await site.enqueue([makeMessage(), makeMessage(), makeMessage()])
    await site.statusManager.drain()
    site.advance(3_600_000)
    await site.statusManager.selfReport()
    await site.statusManager.drain()
    const [report] = await site.store.listMessages({ messageId: 1200 })
    expect(report).toMatchObject({
      module: 'SMS Server',
      component: 'SMS_STATUS_MANAGER',
      severity: 'informational',
    })
    expect(report?.insertionStrings.slice(0, 7)).toEqual(['1.00', '3', '3', '0', '0', '0', '0'])
  })
})

describe('rule dry-run', () => {
  it('reports for stored messages exactly what applying the rule set does', async () => {
    const severities = ['informational', 'warning', 'error'] as const
    const messages = [
      ...Array.from({ length: 30 }, (_, i) =>
        makeMessage({
          severity: severities[i % 3] ?? 'error',
          component: i % 2 ? 'A' : 'B',
          messageId: 39997 + (i % 3),
        }),
      ),
      makeMessage({ messageType: 'audit', messageId: 30015 }),
      makeMessage({ module: 'SMS Server', component: 'SMS_COMPONENT_STATUS_SUMMARIZER', messageId: 4609 }),
    ]
    const proposed: FilterRule[] = [
      rule(
        'errors-out',
        { severity: 'error' },
        { writeToDatabase: true, daysToKeep: 5, exportTo: ['hook'], reportToOsLog: true },
      ),
      rule('b-up', { component: 'B' }, { replicateToParent: true, replicationPriority: 'high' }),
      rule('warnings-stop', { severity: 'warning' }, { stopProcessing: true }),
      ...DEFAULT_FILTER_RULES,
    ]
    // The messages as they stand in a site's database (kept by the default rules).
    const current = await createTestSite()
    const applied = await createTestSite({ rules: proposed, parentSiteCode: 'CAS', exportTargets: ['hook'] })
    try {
      await current.enqueue(messages)
      await current.statusManager.drain()
      const report = await dryRunStoredMessages(current.store, proposed, { pageSize: 7 })

      await applied.enqueue(messages)
      await applied.statusManager.drain()
      expect(report.messages).toBe(messages.length)
      expect(report.writtenToDatabase).toBe(await applied.store.countMessages())
      expect(report.reportedToOsLog).toBe(await applied.store.outboxSize(['os-log']))
      expect(report.replicated.high).toBe(await applied.store.outboxSize(['replicate']))
      expect(report.exports).toEqual([{ target: 'hook', count: await applied.store.outboxSize(['export']) }])
      expect(report.notKept).toBe(
        (await applied.store.lossLedger())
          .filter((l) => l.reason === 'not_kept')
          .reduce((n, l) => n + l.count, 0),
      )
      // The dry-run changed nothing in the site it read.
      expect(await current.store.countMessages()).toBe(messages.length)
      expect(await current.store.outboxSize()).toBe(1)
    } finally {
      await current.close()
      await applied.close()
    }
  })
})

describe.skipIf(!CAN_RUN_RSYSLOG && !IN_CI)(
  `the OS log action under the default rules${CAN_RUN_RSYSLOG || IN_CI ? '' : ' (skipped: rsyslogd or logger not installed; apt-get install rsyslog)'}`,
  () => {
    let rsyslog: PrivateRsyslog
    beforeAll(async () => {
      rsyslog = await startPrivateRsyslog()
    })
    afterAll(async () => {
      await rsyslog.stop()
    })

    it('writes a 4609 (component set to Critical) to a real rsyslogd, rendered from the catalogue', async () => {
      const writer = createOsLogWriter({ mode: 'syslog', socketPath: rsyslog.socketPath })
      const site = await createTestSite({ handlers: () => ({ 'os-log': createOsLogHandler(writer) }) })
      try {
        const critical = makeMessage({
          module: 'SMS Server',
          component: 'SMS_COMPONENT_STATUS_SUMMARIZER',
          messageId: 4609,
          insertionStrings: ['SMS_DISTRIBUTION_MANAGER', 'SITE-SERVER'],
        })
        await site.enqueue([critical, makeMessage()])
        await site.statusManager.drain()
        expect(await site.dispatcher.runOnce()).toBe(1)
        const [line] = await rsyslog.lines(1)
        expect(line).toMatchObject({ app: 'sitrep', msgid: '4609' })
        expect(line?.msg).toBe(site.render(critical))
        expect(line?.msg).toContain('SMS_DISTRIBUTION_MANAGER')
        expect(line?.sd).toContain(`id="${critical.id}"`)
        expect(await site.store.outboxSize()).toBe(0)
        // It is kept in the database too (the catch-all rule), 30 days.
        expect(await site.store.countMessages({ messageId: 4609 })).toBe(1)
      } finally {
        await site.close()
        await writer.close()
      }
    })
  },
)
