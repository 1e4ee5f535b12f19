import type { StatusMessage } from '@sitrep/protocol'
import type { FilterRule, FilterRuleActions, ReplicationPriority, RuleDecision } from '../filter-rule.ts'
import { FILTER_RULE_LIMITS } from './filter-rule-limits.ts'
import { matchesFilterCriteria, sameText } from './matches-filter-criteria.ts'

/** The module whose messages replicate at low priority unless a rule says otherwise (§11). */
const CLIENT_MODULE = 'SMS Client'

/**
 * A decision being built during the walk. Each tri-state action starts undecided; the first
 * (highest) matching rule that decides it fills it in, and lower rules cannot change it.
 */
interface Draft {
  write?: { readonly on: boolean; readonly daysToKeep: number; readonly rule: string }
  osLog?: boolean
  replicate?: { readonly on: boolean; readonly priority: ReplicationPriority; readonly rule: string }
  forward?: boolean
  readonly programs: { readonly commandLine: string; readonly rule: string }[]
  readonly exportTo: string[]
  readonly matchedRules: string[]
  stoppedBy: string | null
}

/**
 * Returns the actions that the ordered rules choose for one message (reference §8.1). Rules are
 * tried top down and disabled ones skipped; every criterion of a rule must match; a matching
 * rule adds the actions it decides, and one that says `stopProcessing` ends the walk, so lower
 * rules never see the message.
 *
 * Conflicts: the highest matching rule that decides an action wins, so an audit rule placed
 * above the catch-all rule keeps audit messages 180 days rather than 30. Programs and export
 * targets are unioned instead (each distinct one once, in rule order). Defaults for actions no
 * rule decides: not written, not logged, summarizers fed, not replicated. A rule that writes
 * without `daysToKeep` keeps 7 days; one that replicates without a priority uses `low` for
 * `SMS Client` messages and `medium` for the rest (§8.3, §11).
 *
 * Pure: the status manager applies its result and the dry run counts it, so both always agree.
 */
export function evaluateFilterRules(rules: readonly FilterRule[], message: StatusMessage): RuleDecision {
  const draft: Draft = { programs: [], exportTo: [], matchedRules: [], stoppedBy: null }
  for (const rule of rules) {
    if (!rule.enabled || !matchesFilterCriteria(rule.criteria, message)) continue
    draft.matchedRules.push(rule.name)
    mergeActions(draft, rule.actions, rule.name, message)
    if (rule.actions.stopProcessing === true) {
      draft.stoppedBy = rule.name
      break
    }
  }
  return finish(draft)
}

function mergeActions(draft: Draft, actions: FilterRuleActions, rule: string, message: StatusMessage): void {
  if (draft.write === undefined && actions.writeToDatabase !== undefined) {
    const daysToKeep = actions.daysToKeep ?? FILTER_RULE_LIMITS.defaultDaysToKeep
    draft.write = { on: actions.writeToDatabase, daysToKeep, rule }
  }
  if (draft.osLog === undefined && actions.reportToOsLog !== undefined) {
    draft.osLog = actions.reportToOsLog
  }
  if (draft.replicate === undefined && actions.replicateToParent !== undefined) {
    const priority = actions.replicationPriority ?? defaultReplicationPriority(message)
    draft.replicate = { on: actions.replicateToParent, priority, rule }
  }
  if (draft.forward === undefined && actions.forwardToSummarizers !== undefined) {
    draft.forward = actions.forwardToSummarizers
  }
  const commandLine = actions.runProgram
  if (commandLine !== undefined && !draft.programs.some((p) => p.commandLine === commandLine)) {
    draft.programs.push({ commandLine, rule })
  }
  for (const target of actions.exportTo ?? []) {
    if (!draft.exportTo.includes(target)) draft.exportTo.push(target)
  }
}

function finish(draft: Draft): RuleDecision {
  const { write, replicate } = draft
  return {
    writeToDatabase: write?.on === true ? { daysToKeep: write.daysToKeep, rule: write.rule } : null,
    reportToOsLog: draft.osLog ?? false,
    replicateToParent: replicate?.on === true ? { priority: replicate.priority, rule: replicate.rule } : null,
    programs: draft.programs,
    forwardToSummarizers: draft.forward ?? true,
    exportTo: draft.exportTo,
    matchedRules: draft.matchedRules,
    stoppedBy: draft.stoppedBy,
  }
}

/**
 * The replication priority of a rule that replicates without naming one: client messages go
 * at low priority and all others at medium, as SMS 2.0–CM 2007 did (reference §11).
 */
export function defaultReplicationPriority(message: StatusMessage): ReplicationPriority {
  return sameText(CLIENT_MODULE, message.module) ? 'low' : 'medium'
}
