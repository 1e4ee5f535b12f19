// Public API of @sitrep/agent: the pure core of the client agent (job queue plan, job steps,
// maintenance windows, restart state, deployment reports). The daemon, its I/O and the local
// API are added beside it.
export { JOB_STAGES, createJob, isOpen, isActive, isSuccess, jobPhase } from './core/job.ts'
export type { Job, NewJob, JobStage, JobRequester } from './core/job.ts'
export {
  RETRY_DEFAULTS,
  beginJob,
  beginDownload,
  beginRun,
  beginDetect,
  finishJob,
  retryJob,
  cancelJob,
  judgeRun,
  recoverJob,
  judgeInterrupted,
} from './core/job-steps.ts'
export type { RunResult, RunVerdict } from './core/job-steps.ts'
export { planQueue } from './core/plan-queue.ts'
export type { PlanInput, PlannedJob, QueuePlan, DeploymentConstraints } from './core/plan-queue.ts'
export { estimateRunMs, median } from './core/run-estimate.ts'
export type { PastRun, RunEstimateInput } from './core/run-estimate.ts'
export {
  evaluateWindows,
  windowOccurrences,
  windowAllows,
  WINDOW_SEARCH_DAYS,
} from './core/maintenance-window.ts'
export type { WindowOccurrence, WindowPurpose, WindowVerdict } from './core/maintenance-window.ts'
export {
  addRestartRequest,
  snoozeRestart,
  restartDue,
  reminderDue,
  ADVISORY_SNOOZE_LIMIT_MS,
} from './core/restart-pending.ts'
export type { RestartRequest, SnoozeRefusal } from './core/restart-pending.ts'
export { jobEventReport, JOB_EVENT_MESSAGES, DEPLOYMENT_REPORT_SOURCE } from './core/deployment-reports.ts'
export type { JobEvent, DeploymentReport } from './core/deployment-reports.ts'
// The daemon and its edges.
export { createAgent, SILENT_LOGGER } from './agent.ts'
export type { Agent, AgentOptions, AgentLogger } from './agent.ts'
export { startLocalApi, LOCAL_API_MAX_BODY_BYTES } from './api/local-api.ts'
export type { LocalApi, LocalApiOptions } from './api/local-api.ts'
export { readPeer } from './api/peer-credentials.ts'
export type { Peer } from './api/peer-credentials.ts'
export { AgentError, AGENT_ERROR_CODES, isAgentError } from './errors.ts'
export type { AgentErrorCode } from './errors.ts'
export {
  recordingRestartAction,
  loggingRestartAction,
  systemRestartAction,
  restartCommand,
  logoffCommand,
} from './io/restart-action.ts'
export type { RestartAction, RecordedRestart } from './io/restart-action.ts'
export { platformRestartSources, fileRestartSource } from './io/restart-sources.ts'
export type { RestartSource } from './io/restart-sources.ts'
export { AGENT_STATE_FILES, prepareStateDir } from './io/state-dir.ts'
export { verifySignedPolicy, policyVersion } from './policy/verify-policy.ts'
export type { SiteKey, PolicyVerdict } from './policy/verify-policy.ts'
export { AGENT_VERSION } from './version.ts'
export {
  systemdUnit,
  launchdPlist,
  windowsServiceXml,
  shippedServiceFiles,
  DEFAULT_SERVICE_PATHS,
} from './service/service-files.ts'
export type { ServicePaths } from './service/service-files.ts'
// Left out on purpose: the runner, detection, content cache, queue file and policy client are
// the agent's own plumbing; surfaces talk to an Agent or to its local API.
