import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { buildStatusMessage } from '../../test/helpers/build-status-message.ts'
import { defineTestRule as rule } from '../../test/helpers/define-test-rule.ts'
import { messageArbitrary, rulesArbitrary } from '../../test/helpers/filter-rule-arbitraries.ts'
import { DEFAULT_FILTER_RULES } from './default-filter-rules.ts'
import { createDryRun, dryRunFilterRules } from './dry-run.ts'
import type { DryRunReport } from './dry-run.ts'
import { evaluateFilterRules } from './evaluate-filter-rules.ts'
import type { FilterRule } from '../filter-rule.ts'
import type { StatusMessage } from '@sitrep/protocol'

/** The report written out the long way: evaluate each message, then count the decisions. */
function countDecisions(rules: readonly FilterRule[], messages: readonly StatusMessage[]): DryRunReport {
  const decisions = messages.map((m) => evaluateFilterRules(rules, m))
  const written = decisions.flatMap((d) => (d.writeToDatabase === null ? [] : [d.writeToDatabase.daysToKeep]))
  const tally = (values: readonly (string | number)[]) => {
    const counts = new Map<string | number, number>()
    for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1)
    return [...counts]
  }
  const priorities = decisions.map((d) => d.replicateToParent?.priority)
  return {
    messages: messages.length,
    writtenToDatabase: written.length,
    notKept: messages.length - written.length,
    reportedToOsLog: decisions.filter((d) => d.reportToOsLog).length,
    replicated: {
      low: priorities.filter((p) => p === 'low').length,
      medium: priorities.filter((p) => p === 'medium').length,
      high: priorities.filter((p) => p === 'high').length,
    },
    forwardedToSummarizers: decisions.filter((d) => d.forwardToSummarizers).length,
    programRuns: decisions.reduce((sum, d) => sum + d.programs.length, 0),
    programs: tally(decisions.flatMap((d) => d.programs.map((p) => p.commandLine))).map(
      ([commandLine, count]) => ({
        commandLine: String(commandLine),
        count,
      }),
    ),
    exports: tally(decisions.flatMap((d) => d.exportTo)).map(([target, count]) => ({
      target: String(target),
      count,
    })),
    rules: rules.map((r) => ({
      id: r.id,
      name: r.name,
      matched: decisions.filter((d) => d.matchedRules.includes(r.name)).length,
      stopped: decisions.filter((d) => d.stoppedBy === r.name).length,
    })),
    retention: tally(written)
      .map(([daysToKeep, count]) => ({ daysToKeep: Number(daysToKeep), count }))
      .sort((a, b) => a.daysToKeep - b.daysToKeep),
  }
}

describe('createDryRun', () => {
  it('counts the default rules over audit, ordinary and summarizer messages', () => {
    const report = dryRunFilterRules(DEFAULT_FILTER_RULES, [
      buildStatusMessage({ messageType: 'audit' }),
      buildStatusMessage(),
      buildStatusMessage({ component: 'SMS_COMPONENT_STATUS_SUMMARIZER', messageId: 4609 }),
    ])
    expect(report).toMatchObject({
      messages: 3,
      writtenToDatabase: 3,
      notKept: 0,
      reportedToOsLog: 1,
      forwardedToSummarizers: 3,
      replicated: { low: 0, medium: 0, high: 0 },
      retention: [
        { daysToKeep: 30, count: 2 },
        { daysToKeep: 180, count: 1 },
      ],
    })
    expect(report.rules.find((r) => r.id === 'default.write-all-other')).toMatchObject({
      matched: 3,
      stopped: 0,
    })
    expect(report.rules.find((r) => r.id === 'default.component-critical')).toMatchObject({ matched: 1 })
  })

  it('counts programs, exports, replication lanes, stops and messages not kept', () => {
    const rules = [
      rule(
        'client',
        { module: 'SMS Client' },
        { replicateToParent: true, runProgram: 'a.exe', exportTo: ['hook'], stopProcessing: true },
      ),
      rule(
        'rest',
        {},
        {
          writeToDatabase: true,
          runProgram: 'b.exe',
          exportTo: ['hook', 'syslog'],
          forwardToSummarizers: false,
        },
      ),
    ]
    const report = dryRunFilterRules(rules, [
      buildStatusMessage({ module: 'SMS Client' }),
      buildStatusMessage(),
      buildStatusMessage(),
    ])
    expect(report).toMatchObject({
      notKept: 1,
      replicated: { low: 1, medium: 0, high: 0 },
      forwardedToSummarizers: 1,
      programRuns: 3,
      programs: [
        { commandLine: 'a.exe', count: 1 },
        { commandLine: 'b.exe', count: 2 },
      ],
      exports: [
        { target: 'hook', count: 3 },
        { target: 'syslog', count: 2 },
      ],
      rules: [
        { id: 'client', name: 'client', matched: 1, stopped: 1 },
        { id: 'rest', name: 'rest', matched: 2, stopped: 0 },
      ],
    })
  })

  it('returns the decision of each message it adds, the same one evaluateFilterRules gives', () => {
    const dryRun = createDryRun(DEFAULT_FILTER_RULES)
    const message = buildStatusMessage({ messageType: 'audit' })
    expect(dryRun.add(message)).toEqual(evaluateFilterRules(DEFAULT_FILTER_RULES, message))
  })

  it('leaves a report already returned unchanged when more messages arrive', () => {
    const dryRun = createDryRun(DEFAULT_FILTER_RULES)
    dryRun.add(buildStatusMessage())
    const first = dryRun.report()
    dryRun.add(buildStatusMessage())
    expect(first.messages).toBe(1)
    expect(first.replicated).not.toBe(dryRun.report().replicated)
    expect(dryRun.report().messages).toBe(2)
  })

  it('refuses rules with repeated names, since decisions name rules', () => {
    expect(() => createDryRun([rule('same', {}, {}), rule('same', {}, {})])).toThrow(TypeError)
  })

  it('counts what applying evaluateFilterRules message by message gives, however the messages are paged', () => {
    fc.assert(
      fc.property(
        rulesArbitrary,
        fc.array(messageArbitrary, { maxLength: 30 }),
        fc.array(fc.integer({ min: 1, max: 7 }), { minLength: 1, maxLength: 10 }),
        (rules, messages, pageSizes) => {
          const dryRun = createDryRun(rules)
          let next = 0
          for (let page = 0; next < messages.length; page++) {
            const size = pageSizes[page % pageSizes.length] ?? 1
            for (const message of messages.slice(next, next + size)) dryRun.add(message)
            next += size
          }
          const report = dryRun.report()
          expect(report).toEqual(countDecisions(rules, messages))
          expect(report).toEqual(dryRunFilterRules(rules, messages))
          expect(report.retention.reduce((sum, r) => sum + r.count, 0)).toBe(report.writtenToDatabase)
          for (const r of report.rules) expect(r.stopped).toBeLessThanOrEqual(r.matched)
        },
      ),
    )
  })
})
