import { DEFAULT_FILTER_RULES } from '@sitrep/core'
import type { FilterRule } from '@sitrep/core'
import { describe, expect, it } from 'vitest'
import { asInboxItems, makeMessage } from '../../test/helpers/messages.ts'
import type { PlanContext } from './plan-batch.ts'
import { planBatch } from './plan-batch.ts'

const NOW = Date.UTC(2026, 10, 21, 8)
const DAY = 86_400_000

function context(overrides: Partial<PlanContext> = {}): PlanContext {
  return {
    rules: DEFAULT_FILTER_RULES,
    site: { siteCode: 'PS1', parentSiteCode: null },
    now: NOW,
    futureThresholdMs: 300_000,
    render: (m) => `text of ${m.messageId}`,
    exportTargets: new Set(['hook']),
    ...overrides,
  }
}

describe('planBatch', () => {
  it('keeps ordinary messages 30 days and audit messages 180 days under the default rules', () => {
    const ordinary = makeMessage({ createdAt: NOW })
    const audit = makeMessage({ createdAt: NOW, messageType: 'audit', messageId: 30015 })
    const plan = planBatch(asInboxItems([ordinary, audit]), context())
    expect(plan.toStore.map((s) => s.deleteAfter)).toEqual([NOW + 30 * DAY, NOW + 180 * DAY])
    expect(plan.done).toEqual([ordinary.id, audit.id])
  })

  it('queues an OS log entry with the rendered text for a 4609 from the component status summarizer', () => {
    const critical = makeMessage({
      module: 'SMS Server',
      component: 'SMS_COMPONENT_STATUS_SUMMARIZER',
      messageId: 4609,
    })
    const plan = planBatch(asInboxItems([critical]), context())
    expect(plan.outbox).toHaveLength(1)
    expect(plan.outbox[0]).toMatchObject({ kind: 'os-log', messageId: critical.id })
    expect(JSON.parse(plan.outbox[0]?.payload ?? '{}')).toMatchObject({ text: 'text of 4609' })
    expect(plan.toStore).toHaveLength(1)
  })

  it('queues no OS log entry, and renders no text for one, when the OS log is off', () => {
    const critical = makeMessage({
      module: 'SMS Server',
      component: 'SMS_COMPONENT_STATUS_SUMMARIZER',
      messageId: 4609,
    })
    let rendered = 0
    const plan = planBatch(
      asInboxItems([critical]),
      context({ osLogEnabled: false, render: () => String((rendered += 1)) }),
    )
    expect(plan.outbox).toEqual([])
    expect(rendered).toBe(0)
    expect(plan.toStore).toHaveLength(1)
  })

  it('counts a message no rule keeps in the loss ledger as not_kept, by origin', () => {
    const rules: FilterRule[] = [
      { id: 'log-only', name: 'Log only', enabled: true, criteria: {}, actions: { reportToOsLog: true } },
    ]
    const message = makeMessage()
    const plan = planBatch(asInboxItems([message]), context({ rules }))
    expect(plan.toStore).toHaveLength(0)
    expect(plan.loss).toEqual([
      { siteCode: 'PS1', origin: `client:${message.origin.id}`, reason: 'not_kept', count: 1, at: NOW },
    ])
  })

  it('quarantines an unreadable inbox entry with its reason and goes on with the rest', () => {
    const good = makeMessage()
    const items = asInboxItems([good])
    const broken = { ...items[0]!, id: 'broken-1', body: '{"severity":' } // a copy of a real item, body cut short
    const invalid = { ...items[0]!, id: 'broken-2', body: JSON.stringify({ severity: 'fatal' }) }
    const plan = planBatch([broken, invalid, ...items], context())
    expect(plan.quarantine.map((q) => q.id)).toEqual(['broken-1', 'broken-2'])
    expect(plan.quarantine[0]?.reason).toMatch(/not valid JSON/)
    expect(plan.quarantine[1]?.reason).toMatch(/severity must be one of/)
    expect(plan.toStore.map((s) => s.message.id)).toEqual([good.id])
    expect(plan.loss.filter((l) => l.reason === 'quarantined')).toHaveLength(2)
  })

  it('holds a message stamped 300 s or more in the future until its time, and takes one 299 s ahead', () => {
    const ahead = makeMessage({ createdAt: NOW + 300_000 })
    const almost = makeMessage({ createdAt: NOW + 299_000 })
    const plan = planBatch(asInboxItems([ahead, almost]), context())
    expect(plan.deferred).toMatchObject([{ id: ahead.id, until: NOW + 300_000, aheadMs: 300_000 }])
    expect(plan.done).toEqual([almost.id])
  })

  it('fills in its own site code for a client message that names none', () => {
    const message = makeMessage({ siteCode: null })
    const plan = planBatch(asInboxItems([message]), context())
    expect(plan.toStore[0]?.message.siteCode).toBe('PS1')
  })

  it('counts forwarded messages per site, machine, component, hour and severity', () => {
    const a = makeMessage({ severity: 'error', createdAt: NOW + 10 })
    const b = makeMessage({ severity: 'error', createdAt: NOW + 20 })
    const c = makeMessage({ severity: 'warning', createdAt: NOW + 3_600_000 })
    const plan = planBatch(asInboxItems([a, b, c]), context({ now: NOW + 7_200_000 }))
    expect(plan.counts).toEqual([
      { siteCode: 'PS1', machine: 'WKS-001', component: 'Demo', hourStart: NOW, severity: 'error', count: 2 },
      {
        siteCode: 'PS1',
        machine: 'WKS-001',
        component: 'Demo',
        hourStart: NOW + 3_600_000,
        severity: 'warning',
        count: 1,
      },
    ])
  })

  it('plans a deployment report, with the exit code in %2, for each forwarded software-distribution message with attribute 401', () => {
    const sd = { module: 'SMS Client', component: 'Software Distribution', machine: 'PC-7' }
    const ran = makeMessage({
      ...sd,
      messageId: 10008,
      insertionStrings: ['PS120001', '3010'],
      attributes: [{ id: 401, value: 'PS120001' }],
    })
    const noDeployment = makeMessage({ ...sd, messageId: 10008 })
    const other = makeMessage({ messageId: 10008, attributes: [{ id: 401, value: 'PS120001' }] })
    const plan = planBatch(asInboxItems([ran, noDeployment, other]), context())
    expect(plan.deployments).toEqual([
      {
        deploymentId: 'PS120001',
        client: 'PC-7',
        messageId: 10008,
        severity: ran.severity,
        createdAt: ran.createdAt,
        sequence: ran.sequence,
        exitCode: 3010,
      },
    ])
  })

  it("counts a child's replicated messages and takes their deployment reports nowhere: the child's summaries carry them", () => {
    const fromChild = makeMessage({
      siteCode: 'SS1',
      module: 'SMS Client',
      component: 'Software Distribution',
      machine: 'PC-9',
      messageId: 10008,
      attributes: [{ id: 401, value: 'SS120001' }],
    })
    const own = makeMessage({ severity: 'warning' })
    const items = asInboxItems([fromChild, own]).map((item, i) =>
      i === 0 ? { ...item, source: 'link:SS1' } : item,
    )
    const plan = planBatch(items, context())
    // Stored like any other message, but counted only once: where it was first taken.
    expect(plan.toStore.map((s) => s.message.id)).toEqual([fromChild.id, own.id])
    expect(plan.counts).toEqual([
      {
        siteCode: 'PS1',
        machine: 'WKS-001',
        component: 'Demo',
        hourStart: NOW,
        severity: 'warning',
        count: 1,
      },
    ])
    expect(plan.deployments).toEqual([])
  })

  it('does not count messages a rule keeps away from the summarizers', () => {
    const rules: FilterRule[] = [
      {
        id: 'quiet',
        name: 'Quiet',
        enabled: true,
        criteria: {},
        actions: { writeToDatabase: true, forwardToSummarizers: false },
      },
    ]
    const plan = planBatch(asInboxItems([makeMessage()]), context({ rules }))
    expect(plan.counts).toEqual([])
  })

  it('replicates to the parent only when the site has one and the top-level site code does not stop it here', () => {
    const rules: FilterRule[] = [
      {
        id: 'up',
        name: 'Up',
        enabled: true,
        criteria: {},
        actions: { replicateToParent: true, replicationPriority: 'high' },
      },
    ]
    const free = makeMessage()
    const stopped = makeMessage({ topLevelSiteCode: 'PS1' })
    expect(planBatch(asInboxItems([free]), context({ rules })).outbox).toEqual([])
    const plan = planBatch(
      asInboxItems([free, stopped]),
      context({ rules, site: { siteCode: 'PS1', parentSiteCode: 'CAS' } }),
    )
    expect(plan.outbox).toMatchObject([
      { kind: 'replicate', target: 'CAS', priority: 'high', messageId: free.id },
    ])
  })

  it('queues exports only for configured targets and reports the others', () => {
    const rules: FilterRule[] = [
      {
        id: 'x',
        name: 'Export',
        enabled: true,
        criteria: {},
        actions: { writeToDatabase: true, exportTo: ['hook', 'missing'] },
      },
    ]
    const plan = planBatch(asInboxItems([makeMessage()]), context({ rules }))
    expect(plan.outbox).toMatchObject([{ kind: 'export', target: 'hook' }])
    expect(plan.unknownExportTargets).toEqual(new Map([['missing', 1]]))
  })
})
