// Public API of @sitrep/core: pure domain logic over plain values and an injected clock.
export { REPLICATION_PRIORITIES } from './filter-rule.ts'
export type {
  FilterRule,
  FilterRuleActions,
  FilterRuleCriteria,
  ReplicationPriority,
  RuleDecision,
} from './filter-rule.ts'
