// Public API of @sitrep/site: configuration, start-up, and the pieces tests and the CLI use.
export { loadSiteConfig, parseSiteConfig, sqliteFileFor, SITE_ENV_VARS } from './config.ts'
export type { SiteConfig, SiteConfigOverrides, ExportTargetConfig } from './config.ts'
export { SiteError, ConfigError, SITE_ERROR_CODES } from './errors.ts'
export type { SiteErrorCode } from './errors.ts'
export { startSite } from './start-site.ts'
export type { RunningSite, StartSiteOptions } from './start-site.ts'
export { createApp } from './http/create-app.ts'
export type { AppDeps } from './http/create-app.ts'
export {
  createSiteReporter,
  GENERIC_MESSAGE_IDS,
  GENERIC_TEXT_MAX_LENGTH,
  SITE_MODULE,
} from './reporting/site-reporter.ts'
export type { SiteReporter, SiteReporterDeps, RaiseInput, RaiseOptions } from './reporting/site-reporter.ts'
export { createStatusManager } from './status-manager/status-manager.ts'
export type {
  StatusManager,
  StatusManagerDeps,
  StatusManagerSettings,
} from './status-manager/status-manager.ts'
export { planBatch } from './status-manager/plan-batch.ts'
export type { BatchPlan, PlanContext, SiteIdentity } from './status-manager/plan-batch.ts'
export { processInboxBatch } from './status-manager/process-inbox-batch.ts'
export type { BatchResult } from './status-manager/process-inbox-batch.ts'
export { deleteAgedMessages } from './retention/delete-aged-messages.ts'
export {
  createOsLogWriter,
  resolveOsLogTarget,
  OS_LOG_TARGETS,
} from './actions/os-log/create-os-log-writer.ts'
export type { OsLogWriter, OsLogWriterOptions, OsLogTarget } from './actions/os-log/create-os-log-writer.ts'
export type { OsLogEntry, OsLogMode } from './actions/os-log/os-log-entry.ts'
export { formatRfc5424 } from './actions/os-log/format-rfc5424.ts'
export { createProgramRunner } from './actions/run-program.ts'
export type { ProgramRunner, ProgramRunnerOptions } from './actions/run-program.ts'
export { programOutcomeToStatusMessage } from './actions/program-outcome.ts'
export type { ProgramOutcome } from './actions/program-outcome.ts'
export { createOutboxDispatcher } from './outbox/outbox-dispatcher.ts'
export type { OutboxDispatcher, OutboxHandler, HandlerOutcome } from './outbox/outbox-dispatcher.ts'
