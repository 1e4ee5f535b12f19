/**
 * Closed sets of the status message model, each a const array carrying the ConfigMgr numeric
 * value (reference §2.1, §2.4), so one source feeds the types, validation and the wire codecs.
 */

/** Severities with their ConfigMgr values (the top bits of a Win32 message-table ID). */
export const SEVERITIES = [
  { name: 'informational', value: 0x40000000, letter: 'I' },
  { name: 'warning', value: 0x80000000, letter: 'W' },
  { name: 'error', value: 0xc0000000, letter: 'E' },
] as const
export type Severity = (typeof SEVERITIES)[number]['name']
export const SEVERITY_NAMES: readonly Severity[] = SEVERITIES.map((s) => s.name)

/** Message types with their ConfigMgr values and the one-letter codes of rule programs (§8.5). */
export const MESSAGE_TYPES = [
  { name: 'milestone', value: 256, letter: 'M' },
  { name: 'detail', value: 512, letter: 'D' },
  { name: 'audit', value: 768, letter: 'A' },
  { name: 'event', value: 1024, letter: 'N' },
] as const
export type MessageType = (typeof MESSAGE_TYPES)[number]['name']
export const MESSAGE_TYPE_NAMES: readonly MessageType[] = MESSAGE_TYPES.map((t) => t.name)

/** Which reporting call produced a message (`ReportFunction`, internal in ConfigMgr). */
export const REPORT_FUNCTIONS = [
  { name: 'report', value: 0 },
  { name: 'beginTransaction', value: 16 },
  { name: 'commitSuccessfulTransaction', value: 32 },
  { name: 'commitFailedTransaction', value: 48 },
  { name: 'rollbackTransaction', value: 64 },
  { name: 'reportEx', value: 80 },
] as const
export type ReportFunction = (typeof REPORT_FUNCTIONS)[number]['name']
export const REPORT_FUNCTION_NAMES: readonly ReportFunction[] = REPORT_FUNCTIONS.map((f) => f.name)

/** Who produced a message: a managed client or a site's own component. */
export const ORIGIN_KINDS = ['client', 'site'] as const
export type OriginKind = (typeof ORIGIN_KINDS)[number]

/** ConfigMgr's `PerClient` value for true is 2, not 1. */
export const PER_CLIENT_TRUE = 2
/** ConfigMgr's `Transaction` value for "part of a transaction". */
export const TRANSACTION_TRUE = 4
/** ConfigMgr's `SuccessfulTransaction` value for "successful". */
export const SUCCESSFUL_TRANSACTION_TRUE = 8

/** Returns the ConfigMgr value of a severity, e.g. `0xC0000000` for `error`. */
export function severityToValue(severity: Severity): number {
  return lookup(SEVERITIES, severity).value
}

/** Returns the severity for a ConfigMgr value, or `undefined` when the value is not one. */
export function severityFromValue(value: number): Severity | undefined {
  return SEVERITIES.find((s) => s.value === value)?.name
}

/** Returns the `E`/`W`/`I` letter of a severity (rule program variable `%msgsev`). */
export function severityToLetter(severity: Severity): 'I' | 'W' | 'E' {
  return lookup(SEVERITIES, severity).letter
}

/** Returns the ConfigMgr value of a message type, e.g. `768` for `audit`. */
export function messageTypeToValue(type: MessageType): number {
  return lookup(MESSAGE_TYPES, type).value
}

/** Returns the message type for a ConfigMgr value, or `undefined` when the value is not one. */
export function messageTypeFromValue(value: number): MessageType | undefined {
  return MESSAGE_TYPES.find((t) => t.value === value)?.name
}

/** Returns the `A`/`M`/`D`/`N` letter of a message type (rule program variable `%msgtype`). */
export function messageTypeToLetter(type: MessageType): 'M' | 'D' | 'A' | 'N' {
  return lookup(MESSAGE_TYPES, type).letter
}

/** Returns the ConfigMgr value of a report function. */
export function reportFunctionToValue(fn: ReportFunction): number {
  return lookup(REPORT_FUNCTIONS, fn).value
}

/** Returns the report function for a ConfigMgr value, or `undefined` when the value is not one. */
export function reportFunctionFromValue(value: number): ReportFunction | undefined {
  return REPORT_FUNCTIONS.find((f) => f.value === value)?.name
}

/**
 * Returns the full message-table resource ID, `Severity OR MessageID`, as an unsigned number.
 * `StatusMessages.ID` stores the same bits as a signed 32-bit integer: see {@link toSignedResourceId}.
 */
export function toResourceId(severity: Severity, messageId: number): number {
  return (severityToValue(severity) | messageId) >>> 0
}

/** Returns the resource ID as ConfigMgr's database stores it: a signed 32-bit integer. */
export function toSignedResourceId(severity: Severity, messageId: number): number {
  return severityToValue(severity) | messageId
}

/** Splits a resource ID (signed or unsigned) back into severity and message ID. */
export function fromResourceId(resourceId: number): { severity: Severity | undefined; messageId: number } {
  const unsigned = resourceId >>> 0
  return {
    severity: severityFromValue((unsigned & 0xf0000000) >>> 0),
    messageId: unsigned & 0xffff,
  }
}

function lookup<const T extends { readonly name: string }>(table: readonly T[], name: T['name']): T {
  const entry = table.find((e) => e.name === name)
  // Callers pass a value of the table's own name union, so a miss is a programming error.
  if (entry === undefined) throw new TypeError(`unknown enumeration value ${JSON.stringify(name)}`)
  return entry
}
