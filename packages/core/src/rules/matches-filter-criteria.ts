import type { StatusMessage } from '@sitrep/protocol'
import type { FilterRuleCriteria } from '../filter-rule.ts'

/**
 * Tells whether a message meets every criterion of a rule (reference §8.1, §8.2). Criteria are
 * ANDed and an empty object matches every message. Strings (module, site code, machine,
 * component, attribute value) compare case-insensitively, as ConfigMgr's do; a site-code
 * criterion never matches a client message that names no site (`siteCode: null`).
 */
export function matchesFilterCriteria(criteria: FilterRuleCriteria, message: StatusMessage): boolean {
  if (criteria.module !== undefined && !sameText(criteria.module, message.module)) return false
  if (criteria.siteCode !== undefined && !sameText(criteria.siteCode, message.siteCode)) return false
  if (criteria.machine !== undefined && !sameText(criteria.machine, message.machine)) return false
  if (criteria.component !== undefined && !sameText(criteria.component, message.component)) return false
  if (criteria.messageType !== undefined && criteria.messageType !== message.messageType) return false
  if (criteria.severity !== undefined && criteria.severity !== message.severity) return false
  if (criteria.messageId !== undefined && criteria.messageId !== message.messageId) return false
  const attribute = criteria.attribute
  if (attribute !== undefined) {
    const wanted = attribute.value
    return message.attributes.some(
      (a) => a.id === attribute.id && (wanted === undefined || sameText(wanted, a.value)),
    )
  }
  return true
}

/**
 * Case-insensitive equality for rule criteria. `toLowerCase` (not `toLocaleLowerCase`) keeps the
 * result the same on every server, whatever its locale.
 */
export function sameText(a: string, b: string | null): boolean {
  return b !== null && a.toLowerCase() === b.toLowerCase()
}
