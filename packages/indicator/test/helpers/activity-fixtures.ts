/**
 * Agent activity snapshots for the indicator's tests and screenshots: a free agent and the
 * pieces (running job, queued job, pending restart, finished job, available application) to
 * build every other state from. Plain values, checked against the protocol's schema.
 */
import type {
  AgentActivity,
  AvailableApplication,
  CurrentJob,
  FinishedJob,
  PendingRestart,
  QueuedJob,
} from '@sitrep/protocol'
import { AgentActivitySchema } from '@sitrep/protocol'

const MINUTE_MS = 60_000

/** A free agent at `now`, with the site reachable and policy from ten minutes ago. */
export function freeActivity(now: number, patch: Partial<AgentActivity> = {}): AgentActivity {
  const activity: AgentActivity = {
    generatedAt: now,
    agent: {
      version: '0.1.0',
      clientId: 'GUID:test',
      siteCode: 'PS1',
      siteReachable: true,
      lastPolicyAt: now - 10 * MINUTE_MS,
    },
    state: 'idle',
    current: null,
    waiting: null,
    queue: [],
    restart: null,
    recent: [],
    available: [],
    ...patch,
  }
  // A fixture the schema refuses would test states the agent can never send.
  return AgentActivitySchema.parse(activity)
}

/** A running job. */
export function runningJob(patch: Partial<CurrentJob> = {}): CurrentJob {
  return {
    jobId: 'job-firefox',
    deploymentId: 'PS120001',
    applicationName: 'Firefox',
    action: 'install',
    phase: 'downloading',
    index: 1,
    total: 3,
    percent: null,
    startedAt: 0,
    estimatedEndAt: null,
    requestedBy: 'deployment',
    ...patch,
  }
}

/** A queued job. */
export function queuedJob(patch: Partial<QueuedJob> = {}): QueuedJob {
  return {
    jobId: 'job-gimp',
    deploymentId: 'PS120002',
    applicationName: 'GIMP',
    action: 'install',
    requestedBy: 'user',
    userName: 'ada',
    position: 1,
    requestedAt: 0,
    estimatedStartAt: null,
    deadline: null,
    waitingFor: null,
    ...patch,
  }
}

/** A pending restart asked for by a job, with a deadline. */
export function pendingRestart(patch: Partial<PendingRestart> = {}): PendingRestart {
  return {
    kind: 'restart',
    requestedBy: [{ source: 'job', name: 'Firefox' }],
    since: 0,
    deadline: null,
    countdownFrom: null,
    snoozedUntil: null,
    snoozeLimit: null,
    hard: false,
    ...patch,
  }
}

/** A finished job. */
export function finishedJob(patch: Partial<FinishedJob> = {}): FinishedJob {
  return {
    jobId: 'job-done',
    deploymentId: 'PS120003',
    applicationName: 'LibreOffice',
    action: 'install',
    requestedBy: 'user',
    outcome: 'succeeded',
    exitCode: 0,
    finishedAt: 0,
    nextRetryAt: null,
    ...patch,
  }
}

/** An application the user may request. */
export function availableApp(patch: Partial<AvailableApplication> = {}): AvailableApplication {
  return {
    deploymentId: 'PS120002',
    applicationId: 'app-gimp',
    name: 'GIMP',
    publisher: 'The GIMP Team',
    version: '2.10',
    description: 'Image editor',
    installed: false,
    jobId: null,
    ...patch,
  }
}
