import { describe, expect, it } from 'vitest'
import { buildStatusMessage } from '../../test/helpers/build-status-message.ts'
import { DEFAULT_FILTER_RULES } from './default-filter-rules.ts'
import { evaluateFilterRules } from './evaluate-filter-rules.ts'
import { parseFilterRules } from './parse-filter-rules.ts'

const summarizerMessage = (component: string, messageId: number) =>
  buildStatusMessage({ module: 'SMS Server', component, messageId, severity: 'error' })

describe('DEFAULT_FILTER_RULES', () => {
  it('holds the 13 current-branch default rules, which pass parseFilterRules', () => {
    expect(DEFAULT_FILTER_RULES).toHaveLength(13)
    const result = parseFilterRules(DEFAULT_FILTER_RULES)
    expect(result).toEqual({ ok: true, value: DEFAULT_FILTER_RULES })
  })

  it('keeps an audit message 180 days', () => {
    const decision = evaluateFilterRules(
      DEFAULT_FILTER_RULES,
      buildStatusMessage({ messageType: 'audit', module: 'SMS Provider' }),
    )
    expect(decision.writeToDatabase).toEqual({
      daysToKeep: 180,
      rule: 'Write audit messages to the site database and keep them for 180 days',
    })
  })

  it('keeps an ordinary message 30 days and reports nothing to the OS log', () => {
    const decision = evaluateFilterRules(DEFAULT_FILTER_RULES, buildStatusMessage())
    expect(decision.writeToDatabase?.daysToKeep).toBe(30)
    expect(decision.reportToOsLog).toBe(false)
    expect(decision.forwardToSummarizers).toBe(true)
    expect(decision.replicateToParent).toBeNull()
  })

  it('writes a 4609 from the component status summarizer to the OS log and to the database', () => {
    const decision = evaluateFilterRules(
      DEFAULT_FILTER_RULES,
      summarizerMessage('SMS_COMPONENT_STATUS_SUMMARIZER', 4609),
    )
    expect(decision.reportToOsLog).toBe(true)
    expect(decision.writeToDatabase?.daysToKeep).toBe(30)
    expect(decision.matchedRules).toEqual([
      'Detect when the status of a server component changes to Critical',
      'Write all other messages to the site database and keep them for 30 days',
    ])
    expect(decision.stoppedBy).toBeNull()
  })

  it.each([
    ['SMS_COMPONENT_STATUS_SUMMARIZER', 4610],
    ['SMS_SITE_SYSTEM_STATUS_SUMMARIZER', 4700],
    ['SMS_SITE_SYSTEM_STATUS_SUMMARIZER', 4703],
    ['SMS_SITE_SYSTEM_STATUS_SUMMARIZER', 4706],
    ['SMS_SITE_SYSTEM_STATUS_SUMMARIZER', 4710],
    ['SMS_SITE_SYSTEM_STATUS_SUMMARIZER', 4711],
    ['SMS_SITE_SYSTEM_STATUS_SUMMARIZER', 4713],
    ['SMS_SITE_SYSTEM_STATUS_SUMMARIZER', 4714],
    ['SMS_SITE_SYSTEM_STATUS_SUMMARIZER', 4716],
    ['SMS_SITE_SYSTEM_STATUS_SUMMARIZER', 4717],
  ])('reports %s message %i to the OS log', (component, messageId) => {
    expect(
      evaluateFilterRules(DEFAULT_FILTER_RULES, summarizerMessage(component, messageId)).reportToOsLog,
    ).toBe(true)
  })

  it('does not log a detect message ID raised by another component or module', () => {
    expect(
      evaluateFilterRules(DEFAULT_FILTER_RULES, summarizerMessage('SMS_DISTRIBUTION_MANAGER', 4609))
        .reportToOsLog,
    ).toBe(false)
    const fromClient = buildStatusMessage({
      module: 'SMS Client',
      component: 'SMS_COMPONENT_STATUS_SUMMARIZER',
      messageId: 4609,
    })
    expect(evaluateFilterRules(DEFAULT_FILTER_RULES, fromClient).reportToOsLog).toBe(false)
  })

  it('has distinct, stable IDs and is frozen', () => {
    expect(new Set(DEFAULT_FILTER_RULES.map((r) => r.id)).size).toBe(13)
    expect(DEFAULT_FILTER_RULES.every((r) => r.id.startsWith('default.'))).toBe(true)
    expect(Object.isFrozen(DEFAULT_FILTER_RULES)).toBe(true)
    expect(Object.isFrozen(DEFAULT_FILTER_RULES[0]?.actions)).toBe(true)
  })
})
