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
