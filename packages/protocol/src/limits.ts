/**
 * Every size and count limit of a status message, in one place (reference §2.3 where the
 * reference gives one; the others are Sitrep's choices, documented in docs/message-model.md).
 * Lengths count UTF-16 code units, as Windows' WCHAR strings do.
 */
export const LIMITS = {
  /** `ModuleName`, SMSCSTAT constant. */
  moduleMaxLength: 127,
  /** `Component`, SMSCSTAT constant. */
  componentMaxLength: 127,
  /** `MachineName`: the reference gives none; a DNS name fits in 253, so 255 leaves room. */
  machineMaxLength: 255,
  /** Site codes are exactly three characters. */
  siteCodeLength: 3,
  /** Each insertion string, SMSCSTAT constant. */
  insertionStringMaxLength: 255,
  /** Insertion strings per message: %1 to %10. */
  insertionStringsMax: 10,
  /** Each attribute value, SMSCSTAT constant. */
  attributeValueMaxLength: 255,
  /** Attributes per message, SMSCSTAT constant. */
  attributesMax: 1000,
  /** `MessageID` range. */
  messageIdMax: 65535,
  /** `ProcessID`, `ThreadID`, `Win32Error` are UInt32. */
  uint32Max: 0xffffffff,
  /** Origin identifiers (client `GUID:…` IDs, site codes, service names). */
  originIdMaxLength: 128,
  /** Per-origin sequence numbers start at 1 and must stay exact in a JavaScript number. */
  sequenceMax: Number.MAX_SAFE_INTEGER,
} as const

/**
 * Site codes ConfigMgr refuses because Windows reserves them as device names, plus `SMS`.
 * Sitrep refuses them too, so a hierarchy can mix both.
 */
export const RESERVED_SITE_CODES = ['AUX', 'CON', 'NUL', 'PRN', 'SMS'] as const
