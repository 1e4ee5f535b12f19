/** Editing the ordered rule list: plain functions over immutable lists, tested without React. */
import type { FilterRule } from '../../api/api-types.ts'

/** The list with the rule at `index` moved one place up (`-1`) or down (`+1`); unchanged at an end. */
export function moveRule(rules: readonly FilterRule[], index: number, by: -1 | 1): FilterRule[] {
  const target = index + by
  const rule = rules[index]
  const other = rules[target]
  if (rule === undefined || other === undefined) return [...rules]
  const next = [...rules]
  next[index] = other
  next[target] = rule
  return next
}

/** The list with the rule at `index` replaced by `rule`. */
export function replaceRule(rules: readonly FilterRule[], index: number, rule: FilterRule): FilterRule[] {
  return rules.map((r, i) => (i === index ? rule : r))
}

/** The list with the rule at `index` enabled or disabled. */
export function setEnabled(rules: readonly FilterRule[], index: number, enabled: boolean): FilterRule[] {
  return rules.map((r, i) => (i === index ? { ...r, enabled } : r))
}

/** True when the draft differs from what the site has. */
export function isChanged(saved: readonly FilterRule[], draft: readonly FilterRule[]): boolean {
  return JSON.stringify(saved) !== JSON.stringify(draft)
}

/** A one-line description of what a rule matches, e.g. `severity error · component SMS_MP`. */
export function describeCriteria(rule: FilterRule): string {
  const c = rule.criteria
  const parts: string[] = []
  if (c.module !== undefined) parts.push(`source ${c.module}`)
  if (c.siteCode !== undefined) parts.push(`site ${c.siteCode}`)
  if (c.machine !== undefined) parts.push(`system ${c.machine}`)
  if (c.component !== undefined) parts.push(`component ${c.component}`)
  if (c.messageType !== undefined) parts.push(`type ${c.messageType}`)
  if (c.severity !== undefined) parts.push(`severity ${c.severity}`)
  if (c.messageId !== undefined) parts.push(`ID ${c.messageId}`)
  if (c.attribute !== undefined)
    parts.push(`attribute ${c.attribute.id}${c.attribute.value === undefined ? '' : `=${c.attribute.value}`}`)
  return parts.length === 0 ? 'every message' : parts.join(' · ')
}

/** A one-line description of a rule's actions, e.g. `keep 7 days · stop`. */
export function describeActions(rule: FilterRule): string {
  const a = rule.actions
  const parts: string[] = []
  if (a.writeToDatabase === true) parts.push(`keep ${a.daysToKeep ?? 7} days`)
  if (a.writeToDatabase === false) parts.push('do not store')
  if (a.reportToOsLog === true) parts.push('OS log')
  if (a.replicateToParent === true) parts.push(`replicate (${a.replicationPriority ?? 'medium'})`)
  if (a.replicateToParent === false) parts.push('do not replicate')
  if (a.runProgram !== undefined) parts.push('run program')
  if (a.forwardToSummarizers === false) parts.push('not summarized')
  if (a.exportTo !== undefined && a.exportTo.length > 0) parts.push(`export to ${a.exportTo.join(', ')}`)
  if (a.stopProcessing === true) parts.push('stop')
  return parts.length === 0 ? 'nothing decided' : parts.join(' · ')
}
