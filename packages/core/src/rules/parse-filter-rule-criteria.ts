import type { FieldIssue, MessageType, ParseResult, Severity } from '@sitrep/protocol'
import {
  LIMITS,
  MESSAGE_TYPE_NAMES,
  SEVERITY_NAMES,
  SMSCSTAT,
  checkComponentName,
  checkMachineName,
  checkModuleName,
  checkSiteCode,
  messageTypeFromValue,
  severityFromValue,
} from '@sitrep/protocol'
import type { FilterRuleCriteria } from '../filter-rule.ts'
import { FILTER_RULE_LIMITS } from './filter-rule-limits.ts'
import type { Draft } from './rule-field-checks.ts'
import { checkIntegerInRange, checkKnownKeys, isRecord, preview, ruleIssue } from './rule-field-checks.ts'

const CRITERIA_FIELDS = [
  'module',
  'siteCode',
  'machine',
  'component',
  'messageType',
  'severity',
  'messageId',
  'attribute',
] as const

/**
 * Parses the criteria of one rule at `path` (e.g. `rules[2].criteria`). Text criteria obey the
 * message model's limits, so a rule can never ask for a value no message can carry. Message
 * type and severity are names, or ConfigMgr's numbers (768, `0xC0000000`) as found in exports.
 */
export function parseFilterRuleCriteria(input: unknown, path: string): ParseResult<FilterRuleCriteria> {
  if (input === undefined) return { ok: true, value: Object.freeze({}) }
  if (!isRecord(input)) {
    return fail([ruleIssue(path, 'type', `${path} must be an object, got ${preview(input)}`)])
  }
  const issues: FieldIssue[] = checkKnownKeys(input, CRITERIA_FIELDS, path)
  const criteria: Draft<FilterRuleCriteria> = {}
  const at = (key: string): string => `${path}.${key}`
  const keep = (issue: FieldIssue | undefined): boolean => {
    if (issue !== undefined) issues.push(issue)
    return issue === undefined
  }
  const { module, siteCode, machine, component, messageType, severity, messageId, attribute } = input
  if (module !== undefined && keep(checkModuleName(module, at('module'))) && typeof module === 'string') {
    criteria.module = module
  }
  if (siteCode !== undefined) {
    const issue = checkSiteCode(siteCode, {
      field: at('siteCode'),
      smscstat: SMSCSTAT.unknown,
      nullable: false,
    })
    if (keep(issue) && typeof siteCode === 'string') criteria.siteCode = siteCode.toUpperCase()
  }
  if (
    machine !== undefined &&
    keep(checkMachineName(machine, at('machine'))) &&
    typeof machine === 'string'
  ) {
    criteria.machine = machine
  }
  if (
    component !== undefined &&
    keep(checkComponentName(component, at('component'))) &&
    typeof component === 'string'
  ) {
    criteria.component = component
  }
  if (messageType !== undefined) {
    const type = parseMessageType(messageType)
    if (type === undefined)
      issues.push(unknownValue(at('messageType'), messageType, MESSAGE_TYPE_NAMES, '256, 512, 768, 1024'))
    else criteria.messageType = type
  }
  if (severity !== undefined) {
    const value = parseSeverity(severity)
    if (value === undefined)
      issues.push(unknownValue(at('severity'), severity, SEVERITY_NAMES, 'ConfigMgr severity values'))
    else criteria.severity = value
  }
  if (messageId !== undefined) {
    const { messageIdMin, messageIdMax } = FILTER_RULE_LIMITS
    const issue = checkIntegerInRange(messageId, at('messageId'), messageIdMin, messageIdMax)
    if (keep(issue) && typeof messageId === 'number') criteria.messageId = messageId
  }
  if (attribute !== undefined) {
    const parsed = parseAttributeCriterion(attribute, at('attribute'), issues)
    if (parsed !== undefined) criteria.attribute = parsed
  }
  return issues.length > 0 ? fail(issues) : { ok: true, value: Object.freeze(criteria) }
}

function parseAttributeCriterion(
  input: unknown,
  path: string,
  issues: FieldIssue[],
): FilterRuleCriteria['attribute'] | undefined {
  if (!isRecord(input)) {
    issues.push(
      ruleIssue(path, 'type', `${path} must be an object like { "id": 401 }, got ${preview(input)}`),
    )
    return undefined
  }
  const before = issues.length
  issues.push(...checkKnownKeys(input, ['id', 'value'], path))
  const { attributeIdMin, attributeIdMax } = FILTER_RULE_LIMITS
  const idIssue = checkIntegerInRange(input.id, `${path}.id`, attributeIdMin, attributeIdMax)
  if (idIssue !== undefined) issues.push(idIssue)
  const value = input.value
  const max = LIMITS.attributeValueMaxLength
  if (value !== undefined && typeof value !== 'string') {
    issues.push(ruleIssue(`${path}.value`, 'type', `${path}.value must be a string, got ${preview(value)}`))
  } else if (value !== undefined && value.length > max) {
    const message = `${path}.value is ${value.length} characters long; the limit is ${max}`
    issues.push(ruleIssue(`${path}.value`, 'too_long', message, max))
  }
  const id = input.id
  if (issues.length > before || typeof id !== 'number') return undefined
  return Object.freeze(typeof value === 'string' ? { id, value } : { id })
}

function parseMessageType(value: unknown): MessageType | undefined {
  if (typeof value === 'number') return messageTypeFromValue(value)
  return MESSAGE_TYPE_NAMES.find((name) => name === value)
}

function parseSeverity(value: unknown): Severity | undefined {
  if (typeof value === 'number') return severityFromValue(value)
  return SEVERITY_NAMES.find((name) => name === value)
}

function unknownValue(field: string, value: unknown, names: readonly string[], numbers: string): FieldIssue {
  const message = `${field} is ${preview(value)}; use one of ${names.join(', ')} (or ${numbers})`
  return ruleIssue(field, 'unknown_value', message)
}

function fail(issues: readonly FieldIssue[]): ParseResult<never> {
  return { ok: false, issues }
}
