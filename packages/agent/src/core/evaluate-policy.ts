/**
 * What the policy the agent holds asks of it: which jobs to queue for required deployments,
 * which applications the user may ask for, which deployment type fits this machine, and the
 * windows each deployment must respect. Pure.
 */
import type {
  AvailableApplication,
  DeploymentType,
  LinuxFamily,
  Platform,
  PolicyBody,
} from '@sitrep/protocol'
import type { Job, NewJob } from './job.ts'
import { createJob, isSuccess } from './job.ts'
import type { DeploymentConstraints } from './plan-queue.ts'

/** A verified policy body and its version. */
export interface HeldPolicy {
  readonly body: PolicyBody
  readonly version: string
}

/** The machine facts deployment-type choice needs. */
export interface PlatformFacts {
  readonly platform: Exclude<Platform, 'any'>
  readonly linuxFamily: Exclude<LinuxFamily, 'any'> | null
}

/** The first deployment type of the application for this machine (`any` platforms fit all). */
export function chooseDeploymentType(body: PolicyBody, facts: PlatformFacts): DeploymentType | null {
  return (
    body.application.deploymentTypes.find((dt) => {
      if (dt.platform !== 'any' && dt.platform !== facts.platform) return false
      if (facts.platform !== 'linux' || dt.platform === 'any') return true
      return dt.linuxFamily === 'any' || dt.linuxFamily === facts.linuxFamily
    }) ?? null
  )
}

/** The job fields of a deployment, for the deployment type chosen (or a placeholder when none fits). */
export function jobFields(
  policy: HeldPolicy,
  facts: PlatformFacts,
  request: {
    readonly jobId: string
    readonly now: number
    readonly requestedBy: Job['requestedBy']
    readonly action: Job['action']
    readonly userName: string | null
    readonly userUid: number | null
  },
): NewJob {
  const { body } = policy
  const dt = chooseDeploymentType(body, facts)
  return {
    jobId: request.jobId,
    deploymentId: body.deploymentId,
    policyVersion: policy.version,
    applicationId: body.application.id,
    applicationName: body.application.name,
    applicationVersion: body.application.version,
    deploymentTypeId: dt?.id ?? '',
    deploymentTypeName: dt?.name ?? '',
    action: request.action,
    requestedBy: request.requestedBy,
    userName: request.userName,
    userUid: request.userUid,
    requestedAt: request.now,
    deadline: body.settings.intent === 'required' ? body.settings.deadline : null,
    estimatedRunMinutes: dt?.estimatedRunMinutes ?? 0,
    maxRunMinutes: dt?.maxRunMinutes ?? 0,
  }
}

/**
 * Jobs to queue now for required deployments: one per deployment and policy version, once its
 * available time has come. A deployment that already has a job for this version (open or
 * finished, whatever the outcome) gets none: a changed policy version is what makes a new one.
 */
export function requiredJobsToQueue(
  policies: readonly HeldPolicy[],
  jobs: readonly Job[],
  facts: PlatformFacts,
  now: number,
  newJobId: () => string,
): readonly Job[] {
  const queued: Job[] = []
  for (const policy of policies) {
    const { settings } = policy.body
    if (settings.intent !== 'required' || settings.availableAt > now) continue
    const known = jobs.some(
      (j) =>
        j.deploymentId === policy.body.deploymentId &&
        j.policyVersion === policy.version &&
        j.requestedBy === 'deployment',
    )
    if (known) continue
    queued.push(
      createJob(
        jobFields(policy, facts, {
          jobId: newJobId(),
          now,
          requestedBy: 'deployment',
          action: settings.purpose,
          userName: null,
          userUid: null,
        }),
      ),
    )
  }
  return queued
}

/** Whether the last finished job of a deployment left it installed. */
function installedBy(jobs: readonly Job[], deploymentId: string): boolean {
  const last = jobs
    .filter((j) => j.deploymentId === deploymentId && j.stage === 'finished' && isSuccess(j.outcome))
    .sort((a, b) => (b.finishedAt ?? 0) - (a.finishedAt ?? 0))[0]
  return last !== undefined && last.action === 'install'
}

/** The applications the user may ask for: available deployments whose time has come. */
export function availableApplications(
  policies: readonly HeldPolicy[],
  jobs: readonly Job[],
  now: number,
): readonly AvailableApplication[] {
  return policies
    .filter((p) => p.body.settings.intent === 'available' && p.body.settings.availableAt <= now)
    .map((p) => {
      const open = jobs.find((j) => j.deploymentId === p.body.deploymentId && j.stage !== 'finished')
      return {
        deploymentId: p.body.deploymentId,
        applicationId: p.body.application.id,
        name: p.body.application.name,
        publisher: p.body.application.publisher,
        version: p.body.application.version,
        description: p.body.application.description,
        installed: installedBy(jobs, p.body.deploymentId),
        jobId: open?.jobId ?? null,
      }
    })
    .sort((a, b) => a.name.localeCompare(b.name))
}

/** Windows and settings per deployment, for the queue plan. */
export function deploymentConstraints(
  policies: readonly HeldPolicy[],
): ReadonlyMap<string, DeploymentConstraints> {
  return new Map(
    policies.map((p) => [
      p.body.deploymentId,
      {
        maintenanceWindows: p.body.maintenanceWindows,
        installOutsideWindows: p.body.settings.installOutsideWindows,
      },
    ]),
  )
}
