import { describe, expect, it } from 'vitest'
import { EMPTY_DEPLOYMENT, deploymentBody, localToIso } from './deployment-draft.ts'

describe('the create-deployment form', () => {
  it('sends a required deployment with its deadline in UTC and the newest revision by default', () => {
    const body = deploymentBody({
      ...EMPTY_DEPLOYMENT,
      applicationId: 'APP-00001',
      collectionId: 'PS100001',
      deadline: '2030-01-02T03:04',
    })
    expect(body).toEqual({
      applicationId: 'APP-00001',
      collectionId: 'PS100001',
      settings: {
        purpose: 'install',
        intent: 'required',
        deadline: new Date('2030-01-02T03:04').toISOString(),
        notifications: 'all',
        restartGraceMinutes: 90,
        restartOutsideWindows: false,
        installOutsideWindows: false,
      },
    })
  })

  it('leaves the deadline out of an available deployment, and sends the revision chosen', () => {
    const body = deploymentBody({
      ...EMPTY_DEPLOYMENT,
      applicationId: 'APP-00001',
      revision: '2',
      collectionId: 'PS100001',
      intent: 'available',
      deadline: '2030-01-02T03:04',
    })
    expect(body.revision).toBe(2)
    expect(body.settings).not.toHaveProperty('deadline')
    expect(body.settings.intent).toBe('available')
  })

  it('passes on a time the browser cannot read, so the site names the field', () => {
    expect(localToIso('tomorrow')).toBe('tomorrow')
  })
})
