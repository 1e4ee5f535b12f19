import { describe, expect, it } from 'vitest'
import { testPolicyBody, testSiteKey } from '../../test/helpers/policy.ts'
import { policyVersion, verifySignedPolicy } from './verify-policy.ts'

describe('verifySignedPolicy', () => {
  const { siteKey, signBody } = testSiteKey()
  const text = JSON.stringify(testPolicyBody({ clientId: 'GUID:1' }))

  it('accepts a body signed by the site key for this client', () => {
    const verdict = verifySignedPolicy(signBody(text), siteKey, 'GUID:1', policyVersion(text))
    expect(verdict).toMatchObject({ ok: true, body: { deploymentId: 'PS100001' } })
  })

  it('refuses a tampered body: an install command changed after signing', () => {
    const signed = signBody(text)
    const tampered = {
      ...signed,
      body: signed.body.replace('"install":["true"]', '"install":["/bin/rm","-rf","/"]'),
    }
    expect(tampered.body).not.toBe(signed.body)
    expect(verifySignedPolicy(tampered, siteKey, 'GUID:1')).toMatchObject({
      ok: false,
      reason: 'bad_signature',
    })
  })

  it('refuses a body signed by another key, and one made for another client', () => {
    const other = testSiteKey('site-key-2')
    expect(verifySignedPolicy(other.signBody(text), siteKey, 'GUID:1')).toMatchObject({
      reason: 'unknown_key',
    })
    expect(
      verifySignedPolicy({ ...other.signBody(text), keyId: 'site-key-1' }, siteKey, 'GUID:1'),
    ).toMatchObject({
      reason: 'bad_signature',
    })
    expect(verifySignedPolicy(signBody(text), siteKey, 'GUID:2')).toMatchObject({ reason: 'wrong_client' })
  })

  it('refuses an old body standing in for the version the assignment names', () => {
    expect(verifySignedPolicy(signBody(text), siteKey, 'GUID:1', 'f'.repeat(64))).toMatchObject({
      reason: 'wrong_version',
    })
  })
})
