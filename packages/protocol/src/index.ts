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
export { createCatalogue } from './catalogue/builtin-catalogue.ts'
export { RESERVED_MODULE_NAMES, findModule, lookupMessage, registerModule } from './catalogue/catalogue.ts'
export type { Catalogue, CatalogueModule, MessageDefinition, RendererTexts } from './catalogue/catalogue.ts'
export { parseModuleDefinition } from './catalogue/parse-module-definition.ts'
export type { ModuleDefinition, MessageEntry } from './catalogue/parse-module-definition.ts'
export { TEMPLATE_MAX_LENGTH } from './catalogue/parse-template-texts.ts'
export { renderMessage } from './catalogue/render-message.ts'
export type { RenderableMessage, RenderOptions, RenderedMessage } from './catalogue/render-message.ts'
export { checkTemplate } from './catalogue/tokenize-template.ts'
export { formatOsErrorCode } from './catalogue/os-error-text.ts'
export { DEFAULT_LOCALE, localeChain } from './catalogue/locale-chain.ts'
export type {
  StateMessage,
  StateMessageBody,
  StateTopic,
  StateValue,
  StateDetails,
  StateUserParameters,
} from './state/state-message.ts'
export { STATE_LIMITS } from './state/state-message.ts'
export { parseStateMessage } from './state/parse-state-message.ts'
export { parseStateMessageBody, STATE_MESSAGE_BODY_FIELDS } from './state/parse-state-message-body.ts'
export { TOPIC_TYPES, topicTypeName, stateName } from './state/topic-types.ts'
export type { TopicType, StateName } from './state/topic-types.ts'
export { parseXml, XML_LIMITS, DOCTYPE_REFUSED } from './xml/parse-xml.ts'
export type { XmlLimits } from './xml/parse-xml.ts'
export { childElements, attributeOf } from './xml/xml-element.ts'
export type { XmlElement } from './xml/xml-element.ts'
export {
  writeXml,
  xmlElement,
  xmlText,
  xmlCdata,
  xmlTextElement,
  escapeXmlText,
  escapeXmlAttribute,
  replaceIllegalXmlChars,
} from './xml/write-xml.ts'
export type { XmlNode, XmlWriteElement } from './xml/write-xml.ts'
export { decodeXmlBytes, detectXmlEncoding } from './xml/decode-xml-bytes.ts'
export type { XmlByteEncoding } from './xml/decode-xml-bytes.ts'
export { parseCimDateTime, formatCimDateTime, CIM_MAX_OFFSET_MINUTES } from './codecs/cim-datetime.ts'
export type { BatchParseResult, AcceptedItem, RejectedItem } from './codecs/parse-batch.ts'
export {
  encodeStatusMessageJson,
  encodeStatusBatchJson,
  parseStatusBatch,
  STATUS_BATCH_MAX,
} from './codecs/status-json.ts'
export type { StatusMessageJson, StatusBatchJson } from './codecs/status-json.ts'
export {
  encodeStateMessageJson,
  encodeStateBatchJson,
  parseStateBatch,
  STATE_BATCH_MAX,
} from './codecs/state-json.ts'
export type { StateMessageJson, StateBatchJson } from './codecs/state-json.ts'
export { decodeStatusXml, encodeStatusXml } from './codecs/status-xml.ts'
export type { StatusXmlDocument, StatusXmlProperty, StatusXmlQualifier } from './codecs/status-xml.ts'
export {
  EVENT_CLASSES,
  EVENT_CLASS_NAMES,
  eventClassByType,
  eventClassForMessage,
} from './codecs/event-classes.ts'
export type { EventClass, EventClassProperty } from './codecs/event-classes.ts'
export { statusXmlToMessage, messageToStatusXml } from './codecs/status-xml-message.ts'
export type { StatusXmlContext } from './codecs/status-xml-message.ts'
export { decodeStateReportXml } from './codecs/decode-state-report-xml.ts'
export {
  encodeStateReportXml,
  STATE_REPORT_CONTENT,
  REPORT_TYPES,
  STATE_REPORT_LIMITS,
} from './codecs/state-report.ts'
export type { StateReport, StateReportHeader, ReportType } from './codecs/state-report.ts'
// Left out on purpose: parseBatch, the xml-reading helpers, readStateMessageBody,
// read-object-field and readStateReportHeader are internal to the codecs; withModule,
// tokenizeTemplate, renderTemplate and osErrorText are internal to the catalogue.
// Software distribution: applications, deployments, policy (docs/software-distribution.md).
export {
  PLATFORMS,
  LINUX_FAMILIES,
  ARCHITECTURES,
  DISTRIBUTION_LIMITS,
  PACKAGE_MANAGERS,
  REGISTRY_HIVES,
  REGISTRY_OPERATORS,
  SUCCESS_ACTIONS,
  RUN_AS,
  CommandLineSchema,
  Sha256Schema,
  ContentFileSchema,
  DetectionMethodSchema,
  RequirementSchema,
  DeploymentTypeSchema,
  ApplicationSchema,
} from './distribution/application.ts'
export type {
  Platform,
  LinuxFamily,
  Architecture,
  PackageManager,
  CommandLine,
  ContentFile,
  DetectionLeaf,
  DetectionMethod,
  Requirement,
  SuccessAction,
  RunAs,
  DeploymentType,
  Application,
} from './distribution/application.ts'
export {
  DEPLOYMENT_INTENTS,
  DEPLOYMENT_INTENT_VALUES,
  DEPLOYMENT_PURPOSES,
  NOTIFICATION_LEVELS,
  RESTART_DEFAULTS,
  DeploymentIdSchema,
  DeploymentSettingsSchema,
  MAINTENANCE_WINDOW_TYPES,
  MAINTENANCE_WINDOW_TYPE_VALUES,
  RecurrenceSchema,
  MaintenanceWindowSchema,
  isTimeZone,
  CLIENT_DEPLOYMENT_STATES,
  APP_STATUS_TYPE,
  ENFORCEMENT_STATE,
  EXIT_OUTCOMES,
  SPECIAL_EXIT_CODES,
  classifyExitCode,
} from './distribution/deployment.ts'
export type {
  DeploymentIntent,
  DeploymentPurpose,
  NotificationLevel,
  DeploymentSettings,
  MaintenanceWindowType,
  Recurrence,
  MaintenanceWindow,
  ClientDeploymentState,
  ExitOutcome,
} from './distribution/deployment.ts'
export {
  POLICY_SIGNATURE_PREFIX,
  POLICY_POLL_LIMITS,
  PolicyAssignmentsRequestSchema,
  PolicyAssignmentSchema,
  PolicyAssignmentsReplySchema,
  PolicyBodySchema,
  SignedPolicySchema,
  ContentLocationRequestSchema,
  ContentLocationReplySchema,
} from './distribution/policy.ts'
export type {
  PolicyAssignmentsRequest,
  PolicyAssignment,
  PolicyAssignmentsReply,
  PolicyBody,
  SignedPolicy,
  ContentLocationRequest,
  ContentLocationReply,
} from './distribution/policy.ts'
export {
  COLLECTION_LIMITS,
  CollectionIdSchema,
  CollectionRuleSchema,
  CollectionDefinitionSchema,
  ClientFactsSchema,
} from './distribution/collection.ts'
export type { CollectionRule, CollectionDefinition, ClientFacts } from './distribution/collection.ts'
export { compareVersions } from './distribution/compare-versions.ts'
// The agent's local API, read by the indicator and `sitrep agent` (docs/agent.md).
export {
  AGENT_STATES,
  JOB_PHASES,
  WAIT_REASONS,
  JOB_OUTCOMES,
  CurrentJobSchema,
  QueuedJobSchema,
  AgentWaitSchema,
  PendingRestartSchema,
  FinishedJobSchema,
  AvailableApplicationSchema,
  AgentActivitySchema,
  InstallRequestSchema,
  InstallRequestReplySchema,
  SnoozeRequestSchema,
  AGENT_MODULE,
  AGENT_MESSAGE_RANGES,
} from './agent/agent-activity.ts'
export type {
  AgentState,
  JobPhase,
  WaitReason,
  JobOutcome,
  CurrentJob,
  QueuedJob,
  AgentWait,
  PendingRestart,
  FinishedJob,
  AvailableApplication,
  AgentActivity,
  InstallRequest,
  InstallRequestReply,
  SnoozeRequest,
} from './agent/agent-activity.ts'
export { toVisibleText, isVisibleText, escapeJsonLineBreaks } from './text/visible-text.ts'

// The ConfigMgr wire protocol's framing (multipart/mixed, UTF-16, the Msg header).
export * from './configmgr/index.ts'
