import type { Job, NewJob } from '../../src/core/job.ts'
import { createJob } from '../../src/core/job.ts'

let counter = 0

/** A queued job with test defaults; override what the test is about. */
export function testJob(fields: Partial<NewJob> & Partial<Job> = {}): Job {
  counter += 1
  const base: NewJob = {
    jobId: `job-${String(counter).padStart(4, '0')}`,
    deploymentId: 'PS100001',
    policyVersion: 'v1',
    applicationId: 'APP-0001',
    applicationName: 'Editor',
    applicationVersion: '1.0',
    deploymentTypeId: 'linux',
    deploymentTypeName: 'Linux',
    action: 'install',
    requestedBy: 'deployment',
    userName: null,
    userUid: null,
    requestedAt: 0,
    deadline: null,
    estimatedRunMinutes: 5,
    maxRunMinutes: 60,
  }
  return { ...createJob({ ...base, ...fields }), ...fields }
}
