import fc from 'fast-check'
import type { StatusMessage } from '@sitrep/protocol'
import { MESSAGE_TYPE_NAMES, SEVERITY_NAMES } from '@sitrep/protocol'
import type { FilterRule, FilterRuleActions, FilterRuleCriteria } from '../../src/index.ts'
import { REPLICATION_PRIORITIES } from '../../src/index.ts'
import { buildStatusMessage } from './build-status-message.ts'

// Small pools, in mixed case, so generated rules and messages match each other often.
const MODULES = ['SMS Server', 'SMS Client', 'sms client', 'SMS Provider'] as const
const COMPONENTS = ['SMS_A', 'sms_a', 'SMS_B'] as const
const ATTRIBUTE_VALUES = ['x', 'X', 'y'] as const

/** Criteria drawn from small pools; any subset of fields, often none. */
export const criteriaArbitrary: fc.Arbitrary<FilterRuleCriteria> = fc.record(
  {
    module: fc.constantFrom(...MODULES),
    siteCode: fc.constantFrom('PS1', 'ps1', 'CAS'),
    component: fc.constantFrom(...COMPONENTS),
    messageType: fc.constantFrom(...MESSAGE_TYPE_NAMES),
    severity: fc.constantFrom(...SEVERITY_NAMES),
    messageId: fc.constantFrom(1, 2, 3),
    attribute: fc.record(
      { id: fc.constantFrom(400, 401), value: fc.constantFrom(...ATTRIBUTE_VALUES) },
      { requiredKeys: ['id'] },
    ),
  },
  { requiredKeys: [] },
)

/** Actions with every tri-state left out, true or false, and small program and target pools. */
export const actionsArbitrary: fc.Arbitrary<FilterRuleActions> = fc.record(
  {
    writeToDatabase: fc.boolean(),
    daysToKeep: fc.constantFrom(1, 7, 30, 180),
    reportToOsLog: fc.boolean(),
    replicateToParent: fc.boolean(),
    replicationPriority: fc.constantFrom(...REPLICATION_PRIORITIES),
    runProgram: fc.constantFrom('a.exe', 'b.exe %msgid'),
    forwardToSummarizers: fc.boolean(),
    stopProcessing: fc.boolean(),
    exportTo: fc.subarray(['hook', 'syslog', 'teams']),
  },
  { requiredKeys: [] },
)

/** 0–8 rules with distinct names (`rule-0`, `rule-1`, …), some disabled. */
export const rulesArbitrary: fc.Arbitrary<FilterRule[]> = fc
  .array(fc.record({ enabled: fc.boolean(), criteria: criteriaArbitrary, actions: actionsArbitrary }), {
    maxLength: 8,
  })
  .map((rules) => rules.map((rule, i) => ({ id: `r${i}`, name: `rule-${i}`, ...rule })))

/** Messages whose fields come from the same pools as the criteria. */
export const messageArbitrary: fc.Arbitrary<StatusMessage> = fc
  .record({
    module: fc.constantFrom(...MODULES),
    siteCode: fc.constantFrom('PS1', 'CAS', null),
    component: fc.constantFrom(...COMPONENTS),
    messageType: fc.constantFrom(...MESSAGE_TYPE_NAMES),
    severity: fc.constantFrom(...SEVERITY_NAMES),
    messageId: fc.constantFrom(1, 2, 3),
    attributes: fc.array(
      fc.record({ id: fc.constantFrom(400, 401), value: fc.constantFrom(...ATTRIBUTE_VALUES) }),
      { maxLength: 2 },
    ),
  })
  .map((fields) => buildStatusMessage(fields))
