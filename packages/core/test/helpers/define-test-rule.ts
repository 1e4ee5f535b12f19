import type { FilterRule, FilterRuleActions, FilterRuleCriteria } from '../../src/index.ts'

/** Builds an enabled rule named `name` (its ID is the name too), for compact tests. */
export function defineTestRule(
  name: string,
  criteria: FilterRuleCriteria,
  actions: FilterRuleActions,
  options: { readonly enabled?: boolean } = {},
): FilterRule {
  return { id: name, name, enabled: options.enabled ?? true, criteria, actions }
}
