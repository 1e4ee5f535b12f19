/**
 * Every limit and default of status filter rules, in one place, with the reference section it
 * comes from or a note that it is Sitrep's own choice (docs/filter-rules.md explains each).
 */
export const FILTER_RULE_LIMITS = {
  /** Rule IDs: Sitrep's choice, long enough for a UUID or a readable slug. */
  idMaxLength: 128,
  /** Rule names: 1–1024 characters (reference §8.1; the console shows 250). */
  nameMaxLength: 1024,
  /** Message ID criterion: 1–65535; ConfigMgr's 0 ("any") is written by leaving it out (§8.2). */
  messageIdMin: 1,
  messageIdMax: 65535,
  /** Attribute ID criterion: ConfigMgr's `AttributeID` is a UInt32; 0 means "no property". */
  attributeIdMin: 1,
  attributeIdMax: 0xffffffff,
  /** Days to keep: at least one day, at most ten years (Sitrep's choice; ConfigMgr gives none). */
  daysToKeepMin: 1,
  daysToKeepMax: 3650,
  /** Days to keep when a rule writes to the database without saying how long (§8.3). */
  defaultDaysToKeep: 7,
  /** Run-a-program command lines (§8.3). */
  commandLineMaxLength: 1024,
  /** Export target names: Sitrep's choice, a short slug naming a configured target. */
  exportTargetNameMaxLength: 64,
  /** Export targets per rule: Sitrep's choice. */
  exportTargetsMax: 32,
} as const

/** Export target names: a letter or digit, then letters, digits, `.`, `_` or `-`. */
export const EXPORT_TARGET_NAME_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]*$/

/** Rule IDs: a letter or digit, then letters, digits, `.`, `_`, `:` or `-`. */
export const RULE_ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._:-]*$/
