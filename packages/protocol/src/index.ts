// Public API of @sitrep/protocol: the status message model, its limits, the catalogue and the
// codecs. Nothing here does I/O, so the console bundles it for the browser.
export {
  SEVERITIES,
  SEVERITY_NAMES,
  MESSAGE_TYPES,
  MESSAGE_TYPE_NAMES,
  REPORT_FUNCTIONS,
  REPORT_FUNCTION_NAMES,
  ORIGIN_KINDS,
  PER_CLIENT_TRUE,
  TRANSACTION_TRUE,
  SUCCESSFUL_TRANSACTION_TRUE,
  severityToValue,
  severityFromValue,
  severityToLetter,
  messageTypeToValue,
  messageTypeFromValue,
  messageTypeToLetter,
  reportFunctionToValue,
  reportFunctionFromValue,
  toResourceId,
  toSignedResourceId,
  fromResourceId,
} from './enumerations.ts'
export type { Severity, MessageType, ReportFunction, OriginKind } from './enumerations.ts'
export { ATTRIBUTE_IDS, ATTRIBUTE, attributeName } from './attributes.ts'
export type { KnownAttributeId } from './attributes.ts'
export { LIMITS, RESERVED_SITE_CODES } from './limits.ts'
export { SMSCSTAT, SMSCSTAT_CODES, smscstatName } from './smscstat.ts'
export type { SmscstatCode, SmscstatName } from './smscstat.ts'
export { ISSUE_CODES, formatIssues } from './field-issue.ts'
export type { FieldIssue, IssueCode, ParseResult } from './field-issue.ts'
export {
  checkAttributeCount,
  checkAttributeValue,
  checkComponentName,
  checkInsertionString,
  checkInsertionStringCount,
  checkMachineName,
  checkModuleName,
  checkSiteCode,
} from './field-checks.ts'
export { newMessageId, isMessageId, messageIdTime } from './message-id.ts'
export { parseIsoTime, formatIsoTime, MAX_TIME_MS } from './iso-time.ts'
export { parseStatusMessage } from './parse-status-message.ts'
export type { StatusMessage, StoredStatusMessage, Origin, StatusAttribute } from './status-message.ts'
