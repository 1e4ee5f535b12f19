import { createCatalogue, lookupMessage, renderMessage } from '@sitrep/protocol'
import { describe, expect, it } from 'vitest'
import { testJob } from '../../test/helpers/jobs.ts'
import { DEPLOYMENT_REPORT_SOURCE, JOB_EVENT_MESSAGES, jobEventReport } from './deployment-reports.ts'

describe('jobEventReport', () => {
  it('uses the message IDs and severities of the SMS Client catalogue', () => {
    const catalogue = createCatalogue()
    for (const [kind, { messageId, severity }] of Object.entries(JOB_EVENT_MESSAGES)) {
      const definition = lookupMessage(catalogue, DEPLOYMENT_REPORT_SOURCE.module, messageId)
      expect(definition, kind).toBeDefined()
      expect(definition?.severity, kind).toBe(severity)
    }
  })

  it('carries the deployment ID in attribute 401 and the insertion strings the template reads', () => {
    const job = testJob({
      deploymentId: 'PS100007',
      applicationName: 'Editor',
      deploymentTypeName: 'Debian package',
    })
    const report = jobEventReport(job, { kind: 'failed', exitCode: 2, detail: 'exit code 2' })
    expect(report).toMatchObject({
      messageId: 10006,
      severity: 'error',
      attributes: [{ id: 401, value: 'PS100007' }],
    })
    expect(report.insertionStrings).toEqual(['PS100007', '2', 'exit code 2', 'Editor', 'Debian package'])
  })

  it('renders as the catalogue sentence a console shows', () => {
    const job = testJob({ deploymentId: 'PS100007', applicationName: 'Editor', deploymentTypeName: 'Linux' })
    const report = jobEventReport(job, { kind: 'succeeded_restart', exitCode: 3010 })
    const rendered = renderMessage(createCatalogue(), { ...report, win32Error: 0 })
    expect(rendered.text).toContain(
      'The program of deployment "PS100007" ("Editor" - "Linux") succeeded; the computer must restart',
    )
  })

  it('names the user of a user request in attribute 403', () => {
    const report = jobEventReport(testJob({ requestedBy: 'user', userName: 'ada' }), {
      kind: 'cancelled_by_user',
    })
    expect(report.attributes).toContainEqual({ id: 403, value: 'ada' })
  })
})
