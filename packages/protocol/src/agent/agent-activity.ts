/**
 * What the client agent is doing, as its local API serves it to the people at the machine
 * (the status indicator, `sitrep agent status`, scripts). One snapshot holds everything a
 * surface shows; the agent sends a new one on every change (the activity stream), so a
 * surface never has to merge events. Times are epoch ms UTC.
 *
 * Local API (Unix socket, named pipe on Windows; docs/agent.md):
 * - `GET  /v1/activity` → {@link AgentActivitySchema}
 * - `GET  /v1/activity/stream` → server-sent events, `event: activity`, data one snapshot
 * - `POST /v1/requests` {@link InstallRequestSchema} → {@link InstallRequestReplySchema} (queued, never refused)
 * - `DELETE /v1/requests/<jobId>` → cancel a queued request of one's own
 * - `POST /v1/restart/snooze` {@link SnoozeRequestSchema}; `POST /v1/restart/accept` → restart or log off now
 * - `POST /v1/report` → a status message from the session's indicator (e.g. a dismissed notification)
 */
import { z } from 'zod'

/** What the agent does now, in the words of `CCM_Application.EvaluationState` (reference §16.2). */
export const AGENT_STATES = ['idle', 'busy', 'waiting'] as const
export type AgentState = (typeof AGENT_STATES)[number]

/** Steps of a job while it runs. */
export const JOB_PHASES = ['checking', 'downloading', 'installing', 'uninstalling', 'detecting'] as const
export type JobPhase = (typeof JOB_PHASES)[number]

/** Why the agent waits instead of working. */
export const WAIT_REASONS = [
  'maintenance_window',
  'content',
  'user_closes_application',
  'another_installation',
  'pending_restart',
  'retry',
] as const
export type WaitReason = (typeof WAIT_REASONS)[number]

/** How a finished job ended. */
export const JOB_OUTCOMES = [
  'succeeded',
  'succeeded_restart_required',
  'succeeded_logoff_required',
  'already_installed',
  'requirements_not_met',
  'failed',
  'timed_out',
  'cancelled',
] as const
export type JobOutcome = (typeof JOB_OUTCOMES)[number]

const time = z.number().int().min(0)

/** The job running now. */
export const CurrentJobSchema = z.object({
  jobId: z.string(),
  deploymentId: z.string(),
  applicationName: z.string(),
  action: z.enum(['install', 'uninstall']),
  phase: z.enum(JOB_PHASES),
  /** n of m: this job's place among the jobs due now, counting from 1. */
  index: z.number().int().min(1),
  total: z.number().int().min(1),
  /** 0–100 when known (downloads, installers that report it). */
  percent: z.number().min(0).max(100).nullable(),
  startedAt: time,
  estimatedEndAt: time.nullable(),
  requestedBy: z.enum(['deployment', 'user']),
})
export type CurrentJob = z.infer<typeof CurrentJobSchema>

/** A job waiting its turn. */
export const QueuedJobSchema = z.object({
  jobId: z.string(),
  deploymentId: z.string(),
  applicationName: z.string(),
  action: z.enum(['install', 'uninstall']),
  requestedBy: z.enum(['deployment', 'user']),
  /** The user who asked, for user requests. */
  userName: z.string().nullable(),
  /** 1 runs next. */
  position: z.number().int().min(1),
  requestedAt: time,
  /** When it should start, from estimates of the jobs ahead and the next maintenance window; `null` if unknown. */
  estimatedStartAt: time.nullable(),
  deadline: time.nullable(),
  /** Set while this job cannot start, e.g. it waits for a maintenance window. */
  waitingFor: z.enum(WAIT_REASONS).nullable(),
})
export type QueuedJob = z.infer<typeof QueuedJobSchema>

/** Why the agent is waiting, when it is. */
export const AgentWaitSchema = z.object({
  reason: z.enum(WAIT_REASONS),
  /** When the wait should end (a window opens, a retry is due), if known. */
  until: time.nullable(),
  /** For people: e.g. the application to close. */
  detail: z.string().nullable(),
})
export type AgentWait = z.infer<typeof AgentWaitSchema>

/** A restart or logoff the machine owes (reference §16.3, §16.4). */
export const PendingRestartSchema = z.object({
  kind: z.enum(['restart', 'logoff']),
  /** Jobs that asked for it, and OS sources (`/var/run/reboot-required`, `needs-restarting`, …). */
  requestedBy: z.array(z.object({ source: z.enum(['job', 'os']), name: z.string() })),
  /** Since when it is pending. */
  since: time,
  /** When the agent enforces it, if it will (required deployments); `null` when only advised. */
  deadline: time.nullable(),
  /** From when the non-closable countdown shows (deadline minus the countdown minutes). */
  countdownFrom: time.nullable(),
  snoozedUntil: time.nullable(),
  /** Latest time a snooze may reach; `null` when snoozing is not allowed. */
  snoozeLimit: time.nullable(),
  /** Whether the agent may enforce it outside maintenance windows. */
  hard: z.boolean(),
})
export type PendingRestart = z.infer<typeof PendingRestartSchema>

/** A job that ended recently. */
export const FinishedJobSchema = z.object({
  jobId: z.string(),
  deploymentId: z.string(),
  applicationName: z.string(),
  action: z.enum(['install', 'uninstall']),
  requestedBy: z.enum(['deployment', 'user']),
  outcome: z.enum(JOB_OUTCOMES),
  exitCode: z.number().int().nullable(),
  finishedAt: time,
  /** What happens next, for failures: `retry` at a time, or `none`. */
  nextRetryAt: time.nullable(),
})
export type FinishedJob = z.infer<typeof FinishedJobSchema>

/** An application the user may ask for (an available deployment). */
export const AvailableApplicationSchema = z.object({
  deploymentId: z.string(),
  applicationId: z.string(),
  name: z.string(),
  publisher: z.string(),
  version: z.string(),
  description: z.string(),
  installed: z.boolean(),
  /** Set while a request for it is queued or running. */
  jobId: z.string().nullable(),
})
export type AvailableApplication = z.infer<typeof AvailableApplicationSchema>

/** The whole picture, one snapshot. */
export const AgentActivitySchema = z.object({
  generatedAt: time,
  agent: z.object({
    version: z.string(),
    clientId: z.string().nullable(),
    siteCode: z.string().nullable(),
    /** False while the site cannot be reached; the agent works from cached policy. */
    siteReachable: z.boolean(),
    lastPolicyAt: time.nullable(),
  }),
  state: z.enum(AGENT_STATES),
  current: CurrentJobSchema.nullable(),
  waiting: AgentWaitSchema.nullable(),
  queue: z.array(QueuedJobSchema),
  restart: PendingRestartSchema.nullable(),
  recent: z.array(FinishedJobSchema),
  available: z.array(AvailableApplicationSchema),
})
export type AgentActivity = z.infer<typeof AgentActivitySchema>

/** `POST /v1/requests`: install (or uninstall) an available application. */
export const InstallRequestSchema = z.object({
  deploymentId: z.string().min(1).max(64),
  action: z.enum(['install', 'uninstall']).default('install'),
})
export type InstallRequest = z.infer<typeof InstallRequestSchema>

/** The reply: the request is queued, with where it stands. */
export const InstallRequestReplySchema = z.object({
  jobId: z.string(),
  position: z.number().int().min(1),
  estimatedStartAt: time.nullable(),
})
export type InstallRequestReply = z.infer<typeof InstallRequestReplySchema>

/** `POST /v1/restart/snooze`: put the restart off, within the snooze limit. */
export const SnoozeRequestSchema = z.object({
  minutes: z
    .number()
    .int()
    .min(1)
    .max(24 * 60),
})
export type SnoozeRequest = z.infer<typeof SnoozeRequestSchema>

/**
 * The catalogue module of Sitrep's agent and indicator messages (user actions, restart and
 * logoff pending, local refusals). IDs 42000–42199 are the agent's, 42200–42299 the indicator's.
 */
export const AGENT_MODULE = 'Sitrep Agent'
export const AGENT_MESSAGE_RANGES = {
  agent: { from: 42000, to: 42199 },
  indicator: { from: 42200, to: 42299 },
} as const
