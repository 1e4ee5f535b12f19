// Public API of @sitrep/site: configuration, start-up, and the pieces tests and the CLI use.
export {
  loadSiteConfig,
  parseSiteConfig,
  sqliteFileFor,
  splitRoles,
  SITE_ENV_VARS,
  SITE_ROLES,
} from './config.ts'
export type { SiteConfig, SiteConfigOverrides, ExportTargetConfig, MpConfig, SiteRole } from './config.ts'
export { SiteError, ConfigError, SITE_ERROR_CODES } from './errors.ts'
export type { SiteErrorCode } from './errors.ts'
export { StartupError, isStartupError, STARTUP_ERROR_CODES } from './errors.ts'
export type { StartupErrorCode } from './errors.ts'
export { startSite } from './start-site.ts'
export type { RunningSite, StartSiteOptions } from './start-site.ts'
export { createApp, DEFAULT_MAX_BODY_BYTES } from './http/create-app.ts'
export type { AppDeps } from './http/create-app.ts'
export { registerApiRoutes } from './http/api-routes.ts'
export type { ApiDeps } from './http/api-routes.ts'
export { ensureAdminToken, isAdminAuthorized, ADMIN_TOKEN_FILE } from './http/admin-token.ts'
export { parseMessageListQuery } from './http/message-list-query.ts'
export type { MessageListQuery } from './http/message-list-query.ts'
export { registerErrorHandler, sendRequestError } from './http/error-handler.ts'
export { RequestError, isRequestError } from './http/request-error.ts'
export { MP_ERROR_CODES, MP_ERROR_STATUS, MpError, isMpError } from './mp/mp-error.ts'
export type { MpErrorCode, MpErrorBody } from './mp/mp-error.ts'
export type { MpDeps } from './mp/mp-deps.ts'
export { registerMpRoutes } from './mp/register-mp-routes.ts'
export { createInboxCommitter } from './mp/create-inbox-committer.ts'
export type { InboxCommitter, InboxCommitterDeps } from './mp/create-inbox-committer.ts'
export { createRateLimiter, RATE_LIMITER_MAX_KEYS } from './mp/create-rate-limiter.ts'
export type { RateLimiter } from './mp/create-rate-limiter.ts'
export { takeToken } from './mp/take-token.ts'
export type { TokenBucketSettings, TokenBucketState, TokenDecision } from './mp/take-token.ts'
export { createBodyWorkerPool } from './mp/create-body-worker-pool.ts'
export type { BodyWorkerPoolOptions } from './mp/create-body-worker-pool.ts'
export { createInlineBodyDecoder } from './mp/body-decoder.ts'
export type { BodyDecoder } from './mp/body-decoder.ts'
export type { XmlDocuments, XmlKind } from './mp/decode-xml-body.ts'
export { createSeenClients } from './mp/create-seen-clients.ts'
export type { SeenClients } from './mp/create-seen-clients.ts'
export { authenticateRequest, signedBytes, SIGNATURE_HEADERS } from './mp/authenticate-request.ts'
export type { SignedRequest, AuthenticateDeps } from './mp/authenticate-request.ts'
export { handleStatus, UNSIGNED_RESERVED_MODULES } from './mp/status-endpoint.ts'
export type { StatusRequest, StatusEndpointDeps } from './mp/status-endpoint.ts'
export { handleRelay } from './mp/relay-endpoint.ts'
export type { RelayRequest, RelayEndpointDeps } from './mp/relay-endpoint.ts'
export { handleRegistration, REGISTRATION_STATUSES } from './mp/registration-endpoint.ts'
export type {
  RegistrationReply,
  RegistrationStatusName,
  RegistrationEndpointDeps,
  ApprovalMode,
} from './mp/registration-endpoint.ts'
export { parseRegistrationRequest, registrationProofBytes } from './mp/registration-request.ts'
export type { RegistrationRequest } from './mp/registration-request.ts'
export type { MpSender, ParsedItem, PostResult, PostReply } from './mp/post-reply.ts'
export type { LocationReply, ManagementPointInfo } from './mp/invoke-routes.ts'
// Left out on purpose: the route registrars of mp/ other than registerMpRoutes, the body
// readers, the body-decoding worker entry and task, ed25519 helpers and state-message-id, which are
// internal to the management point.
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
// Software distribution (docs/software-distribution.md).
export { deploymentStatus } from './distribution/deployment-status.ts'
export type { DistributionRuntime, DistributionSettings } from './distribution/distribution-runtime.ts'
