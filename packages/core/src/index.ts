// Public API of @sitrep/core: pure domain logic over plain values and an injected clock.
export { REPLICATION_PRIORITIES } from './filter-rule.ts'
export type {
  FilterRule,
  FilterRuleActions,
  FilterRuleCriteria,
  ReplicationPriority,
  RuleDecision,
} from './filter-rule.ts'

// Status filter rules (docs/filter-rules.md). The parsers' helpers (rule-field-checks.ts,
// parse-filter-rule-criteria.ts, parse-filter-rule-actions.ts) and the placeholder scanner stay
// internal: callers go through parseFilterRules and the command-line functions.
export { evaluateFilterRules, defaultReplicationPriority } from './rules/evaluate-filter-rules.ts'
export { matchesFilterCriteria } from './rules/matches-filter-criteria.ts'
export { DEFAULT_FILTER_RULES } from './rules/default-filter-rules.ts'
export { FILTER_RULE_LIMITS } from './rules/filter-rule-limits.ts'
export { parseFilterRules } from './rules/parse-filter-rules.ts'
export { splitCommandLine } from './rules/split-command-line.ts'
export type { SplitCommandLineResult } from './rules/split-command-line.ts'
export { expandProgramCommandLine, validateProgramCommandLine } from './rules/program-command-line.ts'
export type { ProgramContext, ProgramSiteInfo } from './rules/program-command-line.ts'
export { FIELD_PLACEHOLDERS, TIME_PLACEHOLDERS } from './rules/program-placeholders.ts'
export { TIME_LETTERS } from './rules/format-time-letter.ts'
export type { TimeLetter } from './rules/format-time-letter.ts'
export { createDryRun, dryRunFilterRules } from './rules/dry-run.ts'
export type { DryRun, DryRunReport } from './rules/dry-run.ts'
export {
  ACTION_BITS,
  EXTERNAL_NOTIFICATION_TARGET,
  toActionBits,
  fromActionBits,
} from './rules/action-bits.ts'
