import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { messageArbitrary, rulesArbitrary } from '../../test/helpers/filter-rule-arbitraries.ts'
import { matchesFilterCriteria } from './matches-filter-criteria.ts'
import { buildStatusMessage } from '../../test/helpers/build-status-message.ts'
import { defineTestRule as rule } from '../../test/helpers/define-test-rule.ts'
import { evaluateFilterRules } from './evaluate-filter-rules.ts'

describe('evaluateFilterRules', () => {
  it('decides nothing but forwarding to summarizers when no rule matches', () => {
    const decision = evaluateFilterRules(
      [rule('errors', { severity: 'error' }, { writeToDatabase: true })],
      buildStatusMessage(),
    )
    expect(decision).toEqual({
      writeToDatabase: null,
      reportToOsLog: false,
      replicateToParent: null,
      programs: [],
      forwardToSummarizers: true,
      exportTo: [],
      matchedRules: [],
      stoppedBy: null,
    })
  })

  it('matches every message with a rule whose criteria are empty', () => {
    const decision = evaluateFilterRules([rule('all', {}, { reportToOsLog: true })], buildStatusMessage())
    expect(decision.reportToOsLog).toBe(true)
    expect(decision.matchedRules).toEqual(['all'])
  })

  it('skips disabled rules', () => {
    const rules = [
      rule('off', {}, { stopProcessing: true, reportToOsLog: true }, { enabled: false }),
      rule('on', {}, { writeToDatabase: true }),
    ]
    const decision = evaluateFilterRules(rules, buildStatusMessage())
    expect(decision).toMatchObject({ reportToOsLog: false, matchedRules: ['on'], stoppedBy: null })
    expect(decision.writeToDatabase).toEqual({ daysToKeep: 7, rule: 'on' })
  })

  it('stops at a rule that says stopProcessing, after merging its actions', () => {
    const rules = [
      rule('log and stop', { severity: 'error' }, { reportToOsLog: true, stopProcessing: true }),
      rule('write all', {}, { writeToDatabase: true, daysToKeep: 30 }),
    ]
    const decision = evaluateFilterRules(rules, buildStatusMessage({ severity: 'error' }))
    expect(decision).toMatchObject({
      reportToOsLog: true,
      writeToDatabase: null,
      matchedRules: ['log and stop'],
      stoppedBy: 'log and stop',
    })
    expect(evaluateFilterRules(rules, buildStatusMessage()).writeToDatabase).toEqual({
      daysToKeep: 30,
      rule: 'write all',
    })
  })

  it('keeps the retention of the highest matching rule when two rules write', () => {
    const rules = [
      rule('audit', { messageType: 'audit' }, { writeToDatabase: true, daysToKeep: 180 }),
      rule('all', {}, { writeToDatabase: true, daysToKeep: 30 }),
    ]
    const audit = evaluateFilterRules(rules, buildStatusMessage({ messageType: 'audit' }))
    expect(audit.writeToDatabase).toEqual({ daysToKeep: 180, rule: 'audit' })
    expect(audit.matchedRules).toEqual(['audit', 'all'])
    expect(
      evaluateFilterRules([...rules].reverse(), buildStatusMessage({ messageType: 'audit' })).writeToDatabase,
    ).toEqual({
      daysToKeep: 30,
      rule: 'all',
    })
  })

  it('lets a higher explicit false beat a lower true', () => {
    const rules = [
      rule(
        'quiet client',
        { module: 'SMS Client' },
        { writeToDatabase: false, forwardToSummarizers: false, reportToOsLog: false },
      ),
      rule('all', {}, { writeToDatabase: true, forwardToSummarizers: true, reportToOsLog: true }),
    ]
    const decision = evaluateFilterRules(rules, buildStatusMessage({ module: 'SMS Client' }))
    expect(decision).toMatchObject({
      writeToDatabase: null,
      forwardToSummarizers: false,
      reportToOsLog: false,
    })
  })

  it('lets a lower rule decide what a higher matching rule left undecided', () => {
    const rules = [
      rule('log', {}, { reportToOsLog: true }),
      rule('write', {}, { writeToDatabase: true, daysToKeep: 30 }),
    ]
    const decision = evaluateFilterRules(rules, buildStatusMessage())
    expect(decision).toMatchObject({
      reportToOsLog: true,
      writeToDatabase: { daysToKeep: 30, rule: 'write' },
    })
  })

  it('keeps a written message 7 days when the deciding rule gives no daysToKeep', () => {
    const decision = evaluateFilterRules([rule('write', {}, { writeToDatabase: true })], buildStatusMessage())
    expect(decision.writeToDatabase).toEqual({ daysToKeep: 7, rule: 'write' })
  })

  it('runs each distinct program and sends to each export target once, in rule order', () => {
    const rules = [
      rule('a', {}, { runProgram: 'notify.exe %msgid', exportTo: ['webhook', 'syslog'] }),
      rule('b', {}, { runProgram: 'ticket.exe %msgsys', exportTo: ['syslog', 'teams'] }),
      rule('c', {}, { runProgram: 'notify.exe %msgid', exportTo: ['webhook'] }),
    ]
    const decision = evaluateFilterRules(rules, buildStatusMessage())
    expect(decision.programs).toEqual([
      { commandLine: 'notify.exe %msgid', rule: 'a' },
      { commandLine: 'ticket.exe %msgsys', rule: 'b' },
    ])
    expect(decision.exportTo).toEqual(['webhook', 'syslog', 'teams'])
  })

  it('replicates SMS Client messages at low priority and others at medium unless the rule says', () => {
    const rules = [rule('replicate', {}, { replicateToParent: true })]
    expect(
      evaluateFilterRules(rules, buildStatusMessage({ module: 'SMS Client' })).replicateToParent,
    ).toEqual({
      priority: 'low',
      rule: 'replicate',
    })
    expect(
      evaluateFilterRules(rules, buildStatusMessage({ module: 'sms client' })).replicateToParent?.priority,
    ).toBe('low')
    expect(evaluateFilterRules(rules, buildStatusMessage()).replicateToParent?.priority).toBe('medium')
    const high = [rule('urgent', {}, { replicateToParent: true, replicationPriority: 'high' })]
    expect(
      evaluateFilterRules(high, buildStatusMessage({ module: 'SMS Client' })).replicateToParent?.priority,
    ).toBe('high')
  })

  it('does not replicate when the highest deciding rule says false', () => {
    const rules = [
      rule('no', { severity: 'informational' }, { replicateToParent: false }),
      rule('yes', {}, { replicateToParent: true }),
    ]
    expect(evaluateFilterRules(rules, buildStatusMessage()).replicateToParent).toBeNull()
  })

  it('lets the first rule of the walk that decides an action decide it', () => {
    fc.assert(
      fc.property(rulesArbitrary, messageArbitrary, (rules, message) => {
        // The walk written out: enabled, matching rules, up to and including the first stopper.
        const walked = rules.filter((r) => r.enabled && matchesFilterCriteria(r.criteria, message))
        const stop = walked.findIndex((r) => r.actions.stopProcessing === true)
        const seen = stop < 0 ? walked : walked.slice(0, stop + 1)
        const decision = evaluateFilterRules(rules, message)
        expect(decision.matchedRules).toEqual(seen.map((r) => r.name))
        expect(decision.stoppedBy).toBe(stop < 0 ? null : (seen[stop]?.name ?? null))
        const writer = seen.find((r) => r.actions.writeToDatabase !== undefined)
        expect(decision.writeToDatabase).toEqual(
          writer?.actions.writeToDatabase === true
            ? { daysToKeep: writer.actions.daysToKeep ?? 7, rule: writer.name }
            : null,
        )
        const logger = seen.find((r) => r.actions.reportToOsLog !== undefined)
        expect(decision.reportToOsLog).toBe(logger?.actions.reportToOsLog ?? false)
        const forwarder = seen.find((r) => r.actions.forwardToSummarizers !== undefined)
        expect(decision.forwardToSummarizers).toBe(forwarder?.actions.forwardToSummarizers ?? true)
        expect(new Set(decision.exportTo).size).toBe(decision.exportTo.length)
        expect([...decision.exportTo].sort()).toEqual(
          [...new Set(seen.flatMap((r) => r.actions.exportTo ?? []))].sort(),
        )
      }),
    )
  })
})
