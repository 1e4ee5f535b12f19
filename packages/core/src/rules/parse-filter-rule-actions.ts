import type { FieldIssue, ParseResult } from '@sitrep/protocol'
import type { FilterRuleActions, ReplicationPriority } from '../filter-rule.ts'
import { REPLICATION_PRIORITIES } from '../filter-rule.ts'
import { EXPORT_TARGET_NAME_PATTERN, FILTER_RULE_LIMITS } from './filter-rule-limits.ts'
import { validateProgramCommandLine } from './program-command-line.ts'
import type { Draft } from './rule-field-checks.ts'
import {
  checkBoolean,
  checkIntegerInRange,
  checkKnownKeys,
  isRecord,
  preview,
  ruleIssue,
} from './rule-field-checks.ts'

const BOOLEAN_ACTIONS = [
  'writeToDatabase',
  'reportToOsLog',
  'replicateToParent',
  'forwardToSummarizers',
  'stopProcessing',
] as const
const ACTION_FIELDS = [
  ...BOOLEAN_ACTIONS,
  'daysToKeep',
  'replicationPriority',
  'runProgram',
  'exportTo',
] as const

/**
 * Parses the actions of one rule at `path` (e.g. `rules[2].actions`). `daysToKeep` is allowed
 * only with `writeToDatabase: true` and `replicationPriority` only with `replicateToParent:
 * true`, so every value a rule carries has an effect; `runProgram` must pass
 * {@link validateProgramCommandLine}; `exportTo` lists distinct target names.
 */
export function parseFilterRuleActions(input: unknown, path: string): ParseResult<FilterRuleActions> {
  if (input === undefined) return { ok: true, value: Object.freeze({}) }
  if (!isRecord(input)) {
    return {
      ok: false,
      issues: [ruleIssue(path, 'type', `${path} must be an object, got ${preview(input)}`)],
    }
  }
  const issues: FieldIssue[] = checkKnownKeys(input, ACTION_FIELDS, path)
  const actions: Draft<FilterRuleActions> = {}
  const at = (key: string): string => `${path}.${key}`
  for (const key of BOOLEAN_ACTIONS) {
    const value = input[key]
    const issue = checkBoolean(value, at(key))
    if (issue !== undefined) issues.push(issue)
    else if (typeof value === 'boolean') actions[key] = value
  }
  const { daysToKeep, replicationPriority, runProgram, exportTo } = input
  if (daysToKeep !== undefined) {
    const { daysToKeepMin, daysToKeepMax } = FILTER_RULE_LIMITS
    const issue = checkIntegerInRange(daysToKeep, at('daysToKeep'), daysToKeepMin, daysToKeepMax)
    if (issue !== undefined) issues.push(issue)
    else if (input.writeToDatabase !== true) {
      issues.push(ruleIssue(at('daysToKeep'), 'format', `${at('daysToKeep')} needs writeToDatabase: true`))
    } else if (typeof daysToKeep === 'number') actions.daysToKeep = daysToKeep
  }
  if (replicationPriority !== undefined) {
    const priority = REPLICATION_PRIORITIES.find((p): p is ReplicationPriority => p === replicationPriority)
    const field = at('replicationPriority')
    if (priority === undefined) {
      const message = `${field} is ${preview(replicationPriority)}; use one of ${REPLICATION_PRIORITIES.join(', ')}`
      issues.push(ruleIssue(field, 'unknown_value', message))
    } else if (input.replicateToParent !== true) {
      issues.push(ruleIssue(field, 'format', `${field} needs replicateToParent: true`))
    } else actions.replicationPriority = priority
  }
  if (runProgram !== undefined) {
    if (typeof runProgram !== 'string') {
      issues.push(
        ruleIssue(
          at('runProgram'),
          'type',
          `${at('runProgram')} must be a string, got ${preview(runProgram)}`,
        ),
      )
    } else {
      const programIssues = validateProgramCommandLine(runProgram, at('runProgram'))
      issues.push(...programIssues)
      if (programIssues.length === 0) actions.runProgram = runProgram
    }
  }
  if (exportTo !== undefined) {
    const targets = parseExportTargets(exportTo, at('exportTo'), issues)
    if (targets !== undefined) actions.exportTo = targets
  }
  return issues.length > 0 ? { ok: false, issues } : { ok: true, value: Object.freeze(actions) }
}

function parseExportTargets(
  input: unknown,
  path: string,
  issues: FieldIssue[],
): readonly string[] | undefined {
  if (!Array.isArray(input)) {
    issues.push(
      ruleIssue(path, 'type', `${path} must be an array of export target names, got ${preview(input)}`),
    )
    return undefined
  }
  const { exportTargetsMax, exportTargetNameMaxLength: maxLength } = FILTER_RULE_LIMITS
  if (input.length > exportTargetsMax) {
    const message = `${path} has ${input.length} targets; the limit is ${exportTargetsMax}`
    issues.push(ruleIssue(path, 'too_many', message, exportTargetsMax))
    return undefined
  }
  const before = issues.length
  const targets: string[] = []
  input.forEach((target: unknown, index) => {
    const field = `${path}[${index}]`
    if (typeof target !== 'string') {
      issues.push(ruleIssue(field, 'type', `${field} must be a string, got ${preview(target)}`))
    } else if (target.length > maxLength) {
      const message = `${field} is ${target.length} characters long; the limit is ${maxLength}`
      issues.push(ruleIssue(field, 'too_long', message, maxLength))
    } else if (!EXPORT_TARGET_NAME_PATTERN.test(target)) {
      const message = `${field} ${preview(target)} must be a letter or digit followed by letters, digits, ".", "_" or "-"`
      issues.push(ruleIssue(field, 'format', message))
    } else if (targets.includes(target)) {
      issues.push(ruleIssue(field, 'format', `${field} ${preview(target)} is listed twice`))
    } else {
      targets.push(target)
    }
  })
  return issues.length > before ? undefined : Object.freeze(targets)
}
