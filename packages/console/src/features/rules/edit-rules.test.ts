import { describe, expect, it } from 'vitest'
import type { FilterRule } from '../../api/api-types.ts'
import { describeActions, describeCriteria, isChanged, moveRule, setEnabled } from './edit-rules.ts'

const rule = (name: string, extra: Partial<FilterRule> = {}): FilterRule => ({
  id: name,
  name,
  enabled: true,
  criteria: {},
  actions: {},
  ...extra,
})

describe('editing the rule list', () => {
  it('moves a rule up and down, and not past either end', () => {
    const rules = [rule('a'), rule('b'), rule('c')]
    expect(moveRule(rules, 1, -1).map((r) => r.name)).toEqual(['b', 'a', 'c'])
    expect(moveRule(rules, 1, 1).map((r) => r.name)).toEqual(['a', 'c', 'b'])
    expect(moveRule(rules, 0, -1).map((r) => r.name)).toEqual(['a', 'b', 'c'])
  })

  it('disables a rule and notices the change', () => {
    const rules = [rule('a')]
    const draft = setEnabled(rules, 0, false)
    expect(draft[0]?.enabled).toBe(false)
    expect(isChanged(rules, draft)).toBe(true)
    expect(isChanged(rules, [rule('a')])).toBe(false)
  })

  it('describes criteria and actions in words', () => {
    const r = rule('x', {
      criteria: { severity: 'error', component: 'SMS_MP' },
      actions: { writeToDatabase: true, daysToKeep: 30, stopProcessing: true },
    })
    expect(describeCriteria(r)).toBe('component SMS_MP · severity error')
    expect(describeActions(r)).toBe('keep 30 days · stop')
    expect(describeCriteria(rule('y'))).toBe('every message')
  })
})
