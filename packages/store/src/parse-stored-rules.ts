/**
 * Reads the ordered filter rules back from their JSON column through core's `parseFilterRules`,
 * the same parser the API uses when rules are saved: a hand-edited or outdated row fails loudly
 * with `corrupt_row` instead of reaching the status manager half-valid.
 */
import { parseFilterRules } from '@sitrep/core'
import type { FilterRule } from '@sitrep/core'
import { formatIssues } from '@sitrep/protocol'
import { StoreError } from './errors.ts'

/** Parses the `rule_json` column of every row, in position order. */
export function parseStoredRules(
  rows: readonly { readonly position: number; readonly rule_json: string }[],
): FilterRule[] {
  const values = rows.map((row) => {
    try {
      // Widening JSON.parse's `any` to `unknown`: parseFilterRules checks it.
      return JSON.parse(row.rule_json) as unknown
    } catch (cause) {
      throw new StoreError(
        'corrupt_row',
        `filter rule at position ${row.position} is not JSON; save the rule list again`,
        { cause },
      )
    }
  })
  const result = parseFilterRules(values)
  if (!result.ok) {
    throw new StoreError(
      'corrupt_row',
      `stored filter rules are invalid (${formatIssues(result.issues)}); save the rule list again`,
    )
  }
  return result.value
}

/**
 * Checks a rule list before it is written, with the same parser that reads it back, so the
 * store never holds rules it would refuse to load. Throws `invalid_argument` naming each issue
 * (`rules[2].actions.daysToKeep …`); returns the parsed, frozen rules.
 */
export function checkRulesToSave(rules: readonly unknown[]): FilterRule[] {
  const result = parseFilterRules(rules)
  if (!result.ok) {
    throw new StoreError('invalid_argument', `filter rules are invalid: ${formatIssues(result.issues)}`)
  }
  return result.value
}
