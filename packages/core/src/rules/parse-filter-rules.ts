import type { FieldIssue, ParseResult } from '@sitrep/protocol'
import type { FilterRule } from '../filter-rule.ts'
import { FILTER_RULE_LIMITS, RULE_ID_PATTERN } from './filter-rule-limits.ts'
import { parseFilterRuleActions } from './parse-filter-rule-actions.ts'
import { parseFilterRuleCriteria } from './parse-filter-rule-criteria.ts'
import {
  checkBoolean,
  checkKnownKeys,
  checkRuleText,
  isRecord,
  preview,
  ruleIssue,
} from './rule-field-checks.ts'

const RULE_FIELDS = ['id', 'name', 'enabled', 'criteria', 'actions'] as const

/**
 * Parses an ordered list of status filter rules from outside (an API body, a rules file, a
 * JSON column read back) and reports every issue at once, each naming the field path
 * (`rules[2].actions.daysToKeep`), the value and the limit. Array order is priority.
 *
 * Checks: IDs 1–128 characters (letters, digits, `.`, `_`, `:`, `-`) and unique; names 1–1024
 * characters, no leading or trailing spaces, no control characters, unique ignoring case (a
 * ConfigMgr site stores each rule under its name, reference §8.4); criteria and actions as
 * their parsers say; unknown keys refused. `enabled` defaults to true, and missing `criteria`
 * or `actions` to `{}` (a rule that matches everything, or does nothing, §8.1). Every rule in the
 * result is frozen; the array is the caller's own.
 *
 * @example
 * const result = parseFilterRules(JSON.parse(body))
 * if (!result.ok) return reply.code(400).send({ issues: result.issues })
 */
export function parseFilterRules(input: unknown): ParseResult<FilterRule[]> {
  if (!Array.isArray(input)) {
    return {
      ok: false,
      issues: [ruleIssue('rules', 'type', `rules must be an array, got ${preview(input)}`)],
    }
  }
  const issues: FieldIssue[] = []
  const rules: FilterRule[] = []
  const ids = new Map<string, string>()
  const names = new Map<string, string>()
  input.forEach((raw: unknown, index) => {
    const path = `rules[${index}]`
    const result = parseFilterRule(raw, path)
    if (!result.ok) {
      issues.push(...result.issues)
      return
    }
    const rule = result.value
    const sameId = ids.get(rule.id)
    if (sameId !== undefined) {
      issues.push(
        ruleIssue(`${path}.id`, 'format', `${path}.id ${preview(rule.id)} is already used by ${sameId}`),
      )
    }
    const sameName = names.get(rule.name.toLowerCase())
    if (sameName !== undefined) {
      const message = `${path}.name ${preview(rule.name)} is already used by ${sameName} (names compare ignoring case)`
      issues.push(ruleIssue(`${path}.name`, 'format', message))
    }
    ids.set(rule.id, path)
    names.set(rule.name.toLowerCase(), path)
    rules.push(rule)
  })
  return issues.length > 0 ? { ok: false, issues } : { ok: true, value: rules }
}

function parseFilterRule(input: unknown, path: string): ParseResult<FilterRule> {
  if (!isRecord(input)) {
    return {
      ok: false,
      issues: [ruleIssue(path, 'type', `${path} must be an object, got ${preview(input)}`)],
    }
  }
  const issues = checkKnownKeys(input, RULE_FIELDS, path)
  const { id, name, enabled } = input
  const idIssue = checkRuleText(id, `${path}.id`, { max: FILTER_RULE_LIMITS.idMaxLength, trimmed: true })
  if (idIssue !== undefined) issues.push(idIssue)
  else if (typeof id === 'string' && !RULE_ID_PATTERN.test(id)) {
    const message = `${path}.id ${preview(id)} must be a letter or digit followed by letters, digits, ".", "_", ":" or "-"`
    issues.push(ruleIssue(`${path}.id`, 'format', message))
  }
  const nameIssue = checkRuleText(name, `${path}.name`, {
    max: FILTER_RULE_LIMITS.nameMaxLength,
    trimmed: true,
  })
  if (nameIssue !== undefined) issues.push(nameIssue)
  const enabledIssue = checkBoolean(enabled, `${path}.enabled`)
  if (enabledIssue !== undefined) issues.push(enabledIssue)
  const criteria = parseFilterRuleCriteria(input.criteria, `${path}.criteria`)
  if (!criteria.ok) issues.push(...criteria.issues)
  const actions = parseFilterRuleActions(input.actions, `${path}.actions`)
  if (!actions.ok) issues.push(...actions.issues)
  if (
    issues.length > 0 ||
    !criteria.ok ||
    !actions.ok ||
    typeof id !== 'string' ||
    typeof name !== 'string'
  ) {
    return { ok: false, issues }
  }
  const rule = { id, name, enabled: enabled !== false, criteria: criteria.value, actions: actions.value }
  return { ok: true, value: Object.freeze(rule) }
}
