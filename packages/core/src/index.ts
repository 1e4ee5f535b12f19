// Public API of @sitrep/core: pure domain logic over plain values and an injected clock.
export { REPLICATION_PRIORITIES } from './filter-rule.ts'
export type {
  FilterRule,
  FilterRuleActions,
  FilterRuleCriteria,
  ReplicationPriority,
  RuleDecision,
} from './filter-rule.ts'

// Status filter rules (docs/filter-rules.md). The parsers' helpers (rule-field-checks.ts,
// parse-filter-rule-criteria.ts, parse-filter-rule-actions.ts) and the placeholder scanner stay
// internal: callers go through parseFilterRules and the command-line functions.
export { evaluateFilterRules, defaultReplicationPriority } from './rules/evaluate-filter-rules.ts'
export { matchesFilterCriteria } from './rules/matches-filter-criteria.ts'
export { DEFAULT_FILTER_RULES } from './rules/default-filter-rules.ts'
export { FILTER_RULE_LIMITS } from './rules/filter-rule-limits.ts'
export { parseFilterRules } from './rules/parse-filter-rules.ts'
export { splitCommandLine } from './rules/split-command-line.ts'
export type { SplitCommandLineResult } from './rules/split-command-line.ts'
export { expandProgramCommandLine, validateProgramCommandLine } from './rules/program-command-line.ts'
export type { ProgramContext, ProgramSiteInfo } from './rules/program-command-line.ts'
export { FIELD_PLACEHOLDERS, TIME_PLACEHOLDERS } from './rules/program-placeholders.ts'
export { TIME_LETTERS } from './rules/format-time-letter.ts'
export type { TimeLetter } from './rules/format-time-letter.ts'
export { createDryRun, dryRunFilterRules } from './rules/dry-run.ts'
export type { DryRun, DryRunReport } from './rules/dry-run.ts'
export {
  ACTION_BITS,
  EXTERNAL_NOTIFICATION_TARGET,
  toActionBits,
  fromActionBits,
} from './rules/action-bits.ts'

// Summarizers (docs/summarizers.md): pure folds of hour counters, storage readings and
// software-distribution messages into statuses, counts and the summarizer messages to raise.
// summarizerMessage and latestReset/inResetScope stay internal: callers get messages and
// resets from the functions below.
export { SUMMARY_STATUSES, NO_COUNTS, summaryStatusToValue, worstStatus } from './summarizers/status-level.ts'
export type { SummaryStatus, SeverityCounts } from './summarizers/status-level.ts'
export { SUMMARIZER_COMPONENTS, SUMMARIZER_MESSAGE_SEVERITIES } from './summarizers/summarizer-message.ts'
export type { SummarizerComponent, SummarizerMessage } from './summarizers/summarizer-message.ts'
export {
  TALLY_INTERVAL_NAMES,
  ROLLING_WINDOW_NAMES,
  TALLY_INTERVALS,
  DEFAULT_TALLY_INTERVAL,
  ROLLING_WINDOW_MS,
  tallyInterval,
  isRollingWindow,
  parseTallyToken,
  formatTallyToken,
  windowDisplayName,
} from './summarizers/tally-intervals.ts'
export type {
  TallyIntervalName,
  RollingWindowName,
  SummaryWindow,
  IntervalRecurrence,
  TallyInterval,
} from './summarizers/tally-intervals.ts'
export { intervalStart, hourStartOf, HOUR_BUCKET_MS } from './summarizers/interval-start.ts'
export type { SiteTime } from './summarizers/interval-start.ts'
export { componentKey } from './summarizers/component-hour-counter.ts'
export type { ComponentHourCounter } from './summarizers/component-hour-counter.ts'
export {
  DEFAULT_COMPONENT_THRESHOLDS,
  thresholdsFor,
  thresholdCrossings,
  componentStatus,
} from './summarizers/component-status.ts'
export type {
  ComponentThresholds,
  ComponentThresholdSettings,
  ThresholdCrossing,
} from './summarizers/component-status.ts'
export { summarizeComponents } from './summarizers/summarize-components.ts'
export type { ComponentSummary, SummarizeComponentsOptions } from './summarizers/summarize-components.ts'
export { resetCounts } from './summarizers/count-resets.ts'
export type { CountReset, CountResetScope, ResetCountsRequest } from './summarizers/count-resets.ts'
export {
  DEFAULT_COMPONENT_STATE_SETTINGS,
  nextComponentState,
} from './summarizers/component-state-machine.ts'
export type {
  ComponentState,
  ComponentObservation,
  ComponentStateSettings,
  ComponentTransition,
} from './summarizers/component-state-machine.ts'
export { componentStatusChanges } from './summarizers/component-status-changes.ts'
export type { ComponentChangeContext } from './summarizers/component-status-changes.ts'
export {
  STORAGE_KINDS,
  DEFAULT_STORAGE_THRESHOLDS,
  bytesToKb,
  storageThresholdsFor,
  storageSpaceStatus,
  storageStatus,
} from './summarizers/site-system-status.ts'
export type {
  StorageKind,
  StorageObject,
  StorageThresholds,
  StorageThresholdDefaults,
  StorageThresholdOverride,
  StorageThresholdSettings,
  StorageSpaceStatus,
} from './summarizers/site-system-status.ts'
export { nextStorageStates, siteSystemChanges } from './summarizers/site-system-changes.ts'
export type { StorageState, StorageStateSettings } from './summarizers/site-system-changes.ts'
export {
  DEPLOYMENT_STATES,
  DEPLOYMENT_TRACKS,
  DEPLOYMENT_STATE_INFO,
  DEPLOYMENT_MESSAGE_TABLE,
  deploymentStateName,
  deploymentStateTrack,
  deploymentStateOfMessage,
} from './summarizers/deployment-states.ts'
export type {
  DeploymentState,
  DeploymentTrack,
  DeploymentStateInfo,
} from './summarizers/deployment-states.ts'
export {
  deploymentMessageKey,
  deploymentExitCode,
  applyDeploymentMessage,
  foldDeploymentMessages,
  currentDeploymentState,
} from './summarizers/deployment-status.ts'
export type { ClientDeploymentStatus, DeploymentTrackEntry } from './summarizers/deployment-status.ts'
export { DEPLOYMENT_STATE_COUNTER, deploymentCounts } from './summarizers/deployment-counts.ts'
export type { DeploymentCounts } from './summarizers/deployment-counts.ts'
export { rollUpSite, rollUpSites } from './summarizers/roll-up.ts'
export type {
  SiteRollUpInput,
  SiteSummary,
  SiteTreeNode,
  RolledUpSite,
  HierarchyRollUp,
} from './summarizers/roll-up.ts'
// Software distribution: collection membership and deployment progress (docs/software-distribution.md).
export {
  matchesCollectionRule,
  findCollectionCycle,
  evaluateCollections,
  collectionsOfClient,
} from './distribution/collection-membership.ts'
export type { CollectionClient, CollectionToEvaluate } from './distribution/collection-membership.ts'
export {
  APP_ENFORCEMENT_TOPIC_TYPE,
  deploymentStateOfAppEnforcement,
  deploymentStateOfEntry,
  clientDeploymentProgress,
  summarizeDeploymentProgress,
} from './distribution/deployment-progress.ts'
export type {
  AppEnforcementReport,
  ExpectedReporter,
  ClientDeploymentProgress,
  ReachabilitySettings,
  DeploymentProgressSummary,
} from './distribution/deployment-progress.ts'
