/**
 * The queue file (`jobs.json`): every job, the status and state messages not yet handed to
 * their spools (the outboxes), the state messages' serial number, the run history for estimates
 * and the pending restart, written in one atomic replace. Because a job's step and the messages it raises are written together, a crash
 * either loses both (the step runs again) or keeps both (the outbox is spooled at the next
 * start, with the same message IDs, so the site drops any copy it already has).
 */
import type { PendingRestart, StateMessageJson, StatusMessageJson } from '@sitrep/protocol'
import { JOB_OUTCOMES, PendingRestartSchema, WAIT_REASONS } from '@sitrep/protocol'
import { z } from 'zod'
import { JOB_STAGES } from '../core/job.ts'
import type { Job } from '../core/job.ts'
import type { PastRun } from '../core/run-estimate.ts'
import { AgentError } from '../errors.ts'
import { readJsonFile, writeJsonDurably } from './durable-file.ts'

/** Runs kept for estimates (the newest). */
export const HISTORY_MAX = 500
/** Finished jobs kept in the file (the newest); older ones are only in the history. */
export const FINISHED_JOBS_MAX = 200

const nullableTime = z.number().int().min(0).nullable()

const JobSchema = z.object({
  jobId: z.string().min(1),
  deploymentId: z.string().min(1),
  policyVersion: z.string(),
  applicationId: z.string(),
  applicationName: z.string(),
  applicationVersion: z.string(),
  deploymentTypeId: z.string(),
  deploymentTypeName: z.string(),
  action: z.enum(['install', 'uninstall']),
  requestedBy: z.enum(['deployment', 'user']),
  userName: z.string().nullable(),
  userUid: z.number().int().nullable(),
  requestedAt: z.number().int().min(0),
  deadline: nullableTime,
  estimatedRunMinutes: z.number().min(0),
  maxRunMinutes: z.number().min(0),
  stage: z.enum(JOB_STAGES),
  attempts: z.number().int().min(0),
  runStartedAt: nullableTime,
  runPid: z.number().int().nullable().default(null),
  interrupted: z.boolean().default(false),
  startedAt: nullableTime,
  notBefore: nullableTime,
  waitingFor: z.enum(WAIT_REASONS).nullable(),
  outcome: z.enum(JOB_OUTCOMES).nullable(),
  exitCode: z.number().int().nullable(),
  finishedAt: nullableTime,
  output: z.string(),
  detail: z.string().nullable(),
  reported: z.array(z.string()).default([]),
})

const QueueFileSchema = z.object({
  version: z.literal(1),
  jobs: z.array(JobSchema),
  /** Messages built for a step but not yet confirmed in the spool; the JSON form is checked by the spool's MP. */
  outbox: z.array(z.record(z.string(), z.unknown())),
  /** State messages built for a step but not yet in the state spool; checked by the relay. */
  stateOutbox: z.array(z.record(z.string(), z.unknown())).default([]),
  /** The serial number of the last state message built (reference: per-client, increasing). */
  stateSerial: z.number().int().min(0).default(0),
  history: z.array(z.object({ applicationId: z.string(), durationMs: z.number().min(0) })),
  restart: PendingRestartSchema.nullable(),
})

/** What the queue file holds. */
export interface QueueState {
  readonly jobs: readonly Job[]
  readonly outbox: readonly StatusMessageJson[]
  readonly stateOutbox: readonly StateMessageJson[]
  readonly stateSerial: number
  readonly history: readonly PastRun[]
  readonly restart: PendingRestart | null
}

/** An empty queue. */
export const EMPTY_QUEUE: QueueState = {
  jobs: [],
  outbox: [],
  stateOutbox: [],
  stateSerial: 0,
  history: [],
  restart: null,
}

/** Reads the queue file; an absent file is an empty queue. */
export async function readQueueFile(file: string): Promise<QueueState> {
  const raw = await readJsonFile(file)
  if (raw === undefined) return EMPTY_QUEUE
  const parsed = QueueFileSchema.safeParse(raw)
  if (!parsed.success) {
    throw new AgentError(
      'invalid_config',
      `the queue file ${file} is not readable (${z.prettifyError(parsed.error)}); move it aside to start with an empty queue`,
    )
  }
  return {
    jobs: parsed.data.jobs,
    // The outbox holds only what the agent's SDK client built and encoded itself.
    outbox: parsed.data.outbox as unknown as StatusMessageJson[],
    // Likewise the state outbox holds only state messages the agent built.
    stateOutbox: parsed.data.stateOutbox as unknown as StateMessageJson[],
    stateSerial: parsed.data.stateSerial,
    history: parsed.data.history,
    restart: parsed.data.restart,
  }
}

/** Writes the queue file atomically, trimming old finished jobs and history. */
export async function writeQueueFile(file: string, state: QueueState): Promise<void> {
  const open = state.jobs.filter((j) => j.stage !== 'finished')
  const finished = state.jobs
    .filter((j) => j.stage === 'finished')
    .sort((a, b) => (a.finishedAt ?? 0) - (b.finishedAt ?? 0))
    .slice(-FINISHED_JOBS_MAX)
  await writeJsonDurably(file, {
    version: 1,
    jobs: [...open, ...finished],
    outbox: state.outbox,
    stateOutbox: state.stateOutbox,
    stateSerial: state.stateSerial,
    history: state.history.slice(-HISTORY_MAX),
    restart: state.restart,
  })
}
