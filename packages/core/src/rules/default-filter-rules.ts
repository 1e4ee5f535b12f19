import type { FilterRule, FilterRuleActions, FilterRuleCriteria } from '../filter-rule.ts'

const COMPONENT_STATUS_SUMMARIZER = 'SMS_COMPONENT_STATUS_SUMMARIZER'
const SITE_SYSTEM_STATUS_SUMMARIZER = 'SMS_SITE_SYSTEM_STATUS_SUMMARIZER'

/**
 * One "Detect …" rule: it matches one summarizer message from `SMS Server` and reports it to the
 * OS log. It decides nothing else, so the walk goes on and the database rules below still keep
 * the message (ConfigMgr's export shows `Actions=18, Mask=2`: only the event-log bit decided).
 */
function detectRule(id: string, name: string, component: string, messageId: number): FilterRule {
  return defineRule(id, name, { module: 'SMS Server', component, messageId }, { reportToOsLog: true })
}

function defineRule(
  id: string,
  name: string,
  criteria: FilterRuleCriteria,
  actions: FilterRuleActions,
): FilterRule {
  return Object.freeze({
    id,
    name,
    enabled: true,
    criteria: Object.freeze(criteria),
    actions: Object.freeze(actions),
  })
}

/**
 * The 13 status filter rules a new current-branch site starts with (reference §8.6), in
 * Sitrep's evaluation order.
 *
 * The reference's export does not record the order [?], so Sitrep picks the only order under
 * which "the highest rule that decides an action wins" gives ConfigMgr's observed outcome:
 *
 * 1. the eleven "Detect …" rules first: they only report to the OS log and do not stop, so the
 *    message still reaches the database rules;
 * 2. "Write audit messages …" (type audit, keep 180 days) above
 * 3. "Write all other messages …" (no criteria, keep 30 days), so an audit message is decided
 *    by the audit rule and kept 180 days, and every other message falls through to 30.
 *
 * IDs are stable (`default.…`) so a site can tell a default rule from one an admin added, and
 * restore the defaults like ConfigMgr's site reset did.
 */
export const DEFAULT_FILTER_RULES: readonly FilterRule[] = Object.freeze([
  detectRule(
    'default.component-critical',
    'Detect when the status of a server component changes to Critical',
    COMPONENT_STATUS_SUMMARIZER,
    4609,
  ),
  detectRule(
    'default.component-warning',
    'Detect when the status of a server component changes to Warning',
    COMPONENT_STATUS_SUMMARIZER,
    4610,
  ),
  detectRule(
    'default.storage-not-accessible',
    'Detect when a site system storage object becomes Critical because it cannot be accessed',
    SITE_SYSTEM_STATUS_SUMMARIZER,
    4700,
  ),
  detectRule(
    'default.storage-space-critical',
    'Detect when a site system storage object becomes Critical because free space is low',
    SITE_SYSTEM_STATUS_SUMMARIZER,
    4711,
  ),
  detectRule(
    'default.storage-space-warning',
    'Detect when a site system storage object becomes Warning because free space is low',
    SITE_SYSTEM_STATUS_SUMMARIZER,
    4710,
  ),
  detectRule(
    'default.database-not-accessible',
    'Detect when the site database becomes Critical because it cannot be accessed',
    SITE_SYSTEM_STATUS_SUMMARIZER,
    4703,
  ),
  detectRule(
    'default.database-space-critical',
    'Detect when the site database becomes Critical because free space is low',
    SITE_SYSTEM_STATUS_SUMMARIZER,
    4714,
  ),
  detectRule(
    'default.database-space-warning',
    'Detect when the site database becomes Warning because free space is low',
    SITE_SYSTEM_STATUS_SUMMARIZER,
    4713,
  ),
  detectRule(
    'default.log-not-accessible',
    'Detect when the site database transaction log becomes Critical because it cannot be accessed',
    SITE_SYSTEM_STATUS_SUMMARIZER,
    4706,
  ),
  detectRule(
    'default.log-space-critical',
    'Detect when the site database transaction log becomes Critical because free space is low',
    SITE_SYSTEM_STATUS_SUMMARIZER,
    4717,
  ),
  detectRule(
    'default.log-space-warning',
    'Detect when the site database transaction log becomes Warning because free space is low',
    SITE_SYSTEM_STATUS_SUMMARIZER,
    4716,
  ),
  defineRule(
    'default.write-audit',
    'Write audit messages to the site database and keep them for 180 days',
    { messageType: 'audit' },
    { writeToDatabase: true, daysToKeep: 180 },
  ),
  defineRule(
    'default.write-all-other',
    'Write all other messages to the site database and keep them for 30 days',
    {},
    { writeToDatabase: true, daysToKeep: 30 },
  ),
])
