import type { FieldIssue } from '@sitrep/protocol'
import { describe, expect, it } from 'vitest'
import { parseFilterRules } from './parse-filter-rules.ts'

function validRule(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id: 'audit',
    name: 'Write audit messages',
    enabled: true,
    criteria: { messageType: 'audit' },
    actions: { writeToDatabase: true, daysToKeep: 180 },
    ...overrides,
  }
}

function issuesOf(input: unknown): readonly FieldIssue[] {
  const result = parseFilterRules(input)
  if (result.ok) throw new Error('expected parseFilterRules to refuse the input')
  return result.issues
}

describe('parseFilterRules', () => {
  it('returns typed, frozen rules in the given order', () => {
    const result = parseFilterRules([validRule(), validRule({ id: 'all', name: 'Write all', criteria: {} })])
    expect(result.ok).toBe(true)
    if (!result.ok) return
    expect(result.value.map((r) => r.id)).toEqual(['audit', 'all'])
    expect(Object.isFrozen(result.value[0])).toBe(true)
  })

  it('defaults enabled to true and missing criteria and actions to empty objects', () => {
    const result = parseFilterRules([{ id: 'r1', name: 'Everything' }])
    expect(result).toEqual({
      ok: true,
      value: [{ id: 'r1', name: 'Everything', enabled: true, criteria: {}, actions: {} }],
    })
  })

  it('accepts ConfigMgr numbers for message type and severity and upper-cases site codes', () => {
    const result = parseFilterRules([
      validRule({ criteria: { messageType: 768, severity: 0xc0000000, siteCode: 'ps1' } }),
    ])
    expect(result.ok && result.value[0]?.criteria).toEqual({
      messageType: 'audit',
      severity: 'error',
      siteCode: 'PS1',
    })
  })

  it('refuses input that is not an array', () => {
    expect(issuesOf({ rules: [] })).toMatchObject([{ field: 'rules', code: 'type' }])
  })

  it('names the field path, the value and the limit when daysToKeep is out of range', () => {
    const issues = issuesOf([
      validRule(),
      validRule({ id: 'b', name: 'b' }),
      validRule({ id: 'c', name: 'c', actions: { writeToDatabase: true, daysToKeep: 5000 } }),
    ])
    expect(issues).toEqual([
      expect.objectContaining({
        field: 'rules[2].actions.daysToKeep',
        code: 'out_of_range',
        limit: '1..3650',
        message: 'rules[2].actions.daysToKeep is 5000; it must be between 1 and 3650',
      }),
    ])
  })

  it.each([
    ['a name with a leading space', { name: ' Audit' }, 'rules[0].name', 'format'],
    ['a name with a trailing space', { name: 'Audit ' }, 'rules[0].name', 'format'],
    ['an empty name', { name: '' }, 'rules[0].name', 'too_short'],
    ['a name over 1024 characters', { name: 'x'.repeat(1025) }, 'rules[0].name', 'too_long'],
    ['a missing ID', { id: undefined }, 'rules[0].id', 'required'],
    ['an ID with spaces', { id: 'my rule' }, 'rules[0].id', 'format'],
    ['a non-boolean enabled', { enabled: 'yes' }, 'rules[0].enabled', 'type'],
    ['an unknown rule key', { priority: 1 }, 'rules[0].priority', 'unknown_field'],
    ['message ID 0', { criteria: { messageId: 0 } }, 'rules[0].criteria.messageId', 'out_of_range'],
    ['message ID 65536', { criteria: { messageId: 65536 } }, 'rules[0].criteria.messageId', 'out_of_range'],
    [
      'an unknown severity',
      { criteria: { severity: 'fatal' } },
      'rules[0].criteria.severity',
      'unknown_value',
    ],
    [
      'an unknown message type',
      { criteria: { messageType: 'None' } },
      'rules[0].criteria.messageType',
      'unknown_value',
    ],
    ['a four-letter site code', { criteria: { siteCode: 'PS12' } }, 'rules[0].criteria.siteCode', 'format'],
    [
      'a module over 127 characters',
      { criteria: { module: 'm'.repeat(128) } },
      'rules[0].criteria.module',
      'too_long',
    ],
    ['an unknown criterion', { criteria: { text: 'x' } }, 'rules[0].criteria.text', 'unknown_field'],
    [
      'an attribute without an ID',
      { criteria: { attribute: { value: 'x' } } },
      'rules[0].criteria.attribute.id',
      'type',
    ],
    [
      'an attribute value over 255',
      { criteria: { attribute: { id: 401, value: 'v'.repeat(256) } } },
      'rules[0].criteria.attribute.value',
      'too_long',
    ],
    [
      'days to keep 0',
      { actions: { writeToDatabase: true, daysToKeep: 0 } },
      'rules[0].actions.daysToKeep',
      'out_of_range',
    ],
    [
      'days to keep without writing',
      { actions: { daysToKeep: 30 } },
      'rules[0].actions.daysToKeep',
      'format',
    ],
    [
      'a priority without replicating',
      { actions: { replicationPriority: 'high' } },
      'rules[0].actions.replicationPriority',
      'format',
    ],
    [
      'an unknown priority',
      { actions: { replicateToParent: true, replicationPriority: 'urgent' } },
      'rules[0].actions.replicationPriority',
      'unknown_value',
    ],
    [
      'a string for a boolean action',
      { actions: { reportToOsLog: 'true' } },
      'rules[0].actions.reportToOsLog',
      'type',
    ],
    ['an unknown action', { actions: { sendMail: true } }, 'rules[0].actions.sendMail', 'unknown_field'],
    [
      'a command line over 1024 characters',
      { actions: { runProgram: `a.exe ${'x'.repeat(1024)}` } },
      'rules[0].actions.runProgram',
      'too_long',
    ],
    [
      'a command line with a newline',
      { actions: { runProgram: 'a.exe\nrm -rf /' } },
      'rules[0].actions.runProgram',
      'format',
    ],
    [
      'a command line with an unknown placeholder',
      { actions: { runProgram: 'a.exe %PATH%' } },
      'rules[0].actions.runProgram',
      'unknown_value',
    ],
    [
      'an export target with a space',
      { actions: { exportTo: ['my hook'] } },
      'rules[0].actions.exportTo[0]',
      'format',
    ],
    [
      'an export target listed twice',
      { actions: { exportTo: ['hook', 'hook'] } },
      'rules[0].actions.exportTo[1]',
      'format',
    ],
    [
      'an export target that is not a string',
      { actions: { exportTo: [7] } },
      'rules[0].actions.exportTo[0]',
      'type',
    ],
  ])('refuses %s', (_label, overrides, field, code) => {
    expect(issuesOf([validRule(overrides)])).toContainEqual(expect.objectContaining({ field, code }))
  })

  it('states the 1024-character limit of names in the issue', () => {
    const [issue] = issuesOf([validRule({ name: 'x'.repeat(1025) })])
    expect(issue?.limit).toBe(1024)
    expect(issue?.message).toBe(
      'rules[0].name is 1025 characters long; the limit is 1024 (value "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx...)',
    )
  })

  it('refuses a repeated ID and a name repeated in another case', () => {
    const issues = issuesOf([
      validRule(),
      validRule({ name: 'Other' }),
      validRule({ id: 'x', name: 'WRITE AUDIT MESSAGES' }),
    ])
    expect(issues).toEqual([
      expect.objectContaining({
        field: 'rules[1].id',
        message: 'rules[1].id "audit" is already used by rules[0]',
      }),
      expect.objectContaining({ field: 'rules[2].name', code: 'format' }),
    ])
  })

  it('reports every issue at once, not just the first', () => {
    const issues = issuesOf([
      validRule({ name: '', criteria: { messageId: -1 }, actions: { stopProcessing: 1 } }),
    ])
    expect(issues.map((i) => i.field)).toEqual([
      'rules[0].name',
      'rules[0].criteria.messageId',
      'rules[0].actions.stopProcessing',
    ])
  })
})
