import type { FilterRuleActions } from '../filter-rule.ts'
import type { Draft } from './rule-field-checks.ts'

/**
 * ConfigMgr's `Actions` / `Actions Mask` bits of a status filter rule (reference §8.4). Bits 1,
 * 2, 16 and 64 were seen in exports; 4 (replicate) and 8 (run a program) were not [?] and are
 * Sitrep's reading, in the order the console lists the actions.
 */
export const ACTION_BITS = {
  writeToDatabase: 1,
  reportToOsLog: 2,
  replicateToParent: 4,
  runProgram: 8,
  forwardToSummarizers: 16,
  externalNotification: 64,
} as const

/** The export target that ConfigMgr's "external service notification" bit (64) maps to. */
export const EXTERNAL_NOTIFICATION_TARGET = 'external-notification'

const BOOLEAN_BITS = [
  ['writeToDatabase', ACTION_BITS.writeToDatabase],
  ['reportToOsLog', ACTION_BITS.reportToOsLog],
  ['replicateToParent', ACTION_BITS.replicateToParent],
  ['forwardToSummarizers', ACTION_BITS.forwardToSummarizers],
] as const

/**
 * ConfigMgr's bit form of a rule's actions: `mask` holds the bits the rule decides, `actions`
 * which of those are on. Tri-state booleans map one to one. A command line sets bit 8 and a
 * non-empty `exportTo` sets bit 64, in both words. What bits cannot hold (days to keep,
 * replication priority, the command line itself, target names, stop processing) lives in the
 * rule's other keys (`Days To Keep`, `Stop Evaluating`, …). Bits outside the mask are 0, where
 * ConfigMgr sometimes leaves 16 set; that bit means nothing outside the mask anyway.
 */
export function toActionBits(actions: FilterRuleActions): {
  readonly actions: number
  readonly mask: number
} {
  let on = 0
  let mask = 0
  for (const [key, bit] of BOOLEAN_BITS) {
    const value = actions[key]
    if (value === undefined) continue
    mask |= bit
    if (value) on |= bit
  }
  if (actions.runProgram !== undefined && actions.runProgram !== '') {
    on |= ACTION_BITS.runProgram
    mask |= ACTION_BITS.runProgram
  }
  if (actions.exportTo !== undefined && actions.exportTo.length > 0) {
    on |= ACTION_BITS.externalNotification
    mask |= ACTION_BITS.externalNotification
  }
  return { actions: on, mask }
}

/**
 * Reads ConfigMgr's `Actions` / `Actions Mask` pair back into rule actions, for importing rule
 * exports. Only bits in the mask count. Bit 8 on needs the command line, which lives in another
 * key: pass it as `programCommandLine`, or the rule gets no program (Sitrep cannot run one it
 * does not know). Bit 64 on becomes `exportTo: [exportTarget]` (default
 * {@link EXTERNAL_NOTIFICATION_TARGET}). Bits 8 and 64 off decide nothing, since programs and
 * exports are unioned rather than switched off. Unknown bits are ignored.
 */
export function fromActionBits(
  actions: number,
  mask: number,
  options: { readonly programCommandLine?: string; readonly exportTarget?: string } = {},
): FilterRuleActions {
  const result: Draft<FilterRuleActions> = {}
  const on = (bit: number): boolean => (mask & bit) !== 0 && (actions & bit) !== 0
  for (const [key, bit] of BOOLEAN_BITS) {
    if ((mask & bit) !== 0) result[key] = (actions & bit) !== 0
  }
  if (on(ACTION_BITS.runProgram) && options.programCommandLine !== undefined) {
    result.runProgram = options.programCommandLine
  }
  if (on(ACTION_BITS.externalNotification)) {
    result.exportTo = [options.exportTarget ?? EXTERNAL_NOTIFICATION_TARGET]
  }
  return result
}
