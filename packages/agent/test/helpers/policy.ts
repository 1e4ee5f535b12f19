import { generateKeyPairSync, sign } from 'node:crypto'
import type { PolicyBody, SignedPolicy } from '@sitrep/protocol'
import { POLICY_SIGNATURE_PREFIX, PolicyBodySchema } from '@sitrep/protocol'
import type { SiteKey } from '../../src/policy/verify-policy.ts'

/** A site key pair as the site would hold it: the public half for the agent, a signer for tests. */
export function testSiteKey(keyId = 'site-key-1'): {
  siteKey: SiteKey
  signBody: (body: string) => SignedPolicy
} {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519')
  const raw = Buffer.from(publicKey.export({ format: 'jwk' }).x ?? '', 'base64url').toString('base64')
  return {
    siteKey: { keyId, publicKey: raw },
    signBody: (body) => ({
      body,
      keyId,
      signature: sign(null, Buffer.from(POLICY_SIGNATURE_PREFIX + body, 'utf8'), privateKey).toString(
        'base64',
      ),
    }),
  }
}

/** A policy body for one deployment with one Linux deployment type; override what the test is about. */
export function testPolicyBody(
  overrides: {
    readonly deploymentId?: string
    readonly clientId?: string
    readonly intent?: 'required' | 'available'
    readonly install?: readonly string[]
    readonly detectionPath?: string
    readonly maxRunMinutes?: number
    readonly estimatedRunMinutes?: number
    readonly name?: string
    readonly settings?: Record<string, unknown>
    readonly deploymentType?: Record<string, unknown>
  } = {},
): PolicyBody {
  const deploymentId = overrides.deploymentId ?? 'PS100001'
  return PolicyBodySchema.parse({
    policyId: deploymentId,
    siteCode: 'PS1',
    clientId: overrides.clientId ?? 'GUID:test-client',
    deploymentId,
    collectionId: 'SMS00001',
    settings: { intent: overrides.intent ?? 'required', availableAt: 0, ...overrides.settings },
    application: {
      id: `APP-${deploymentId.slice(-4)}`,
      revision: 1,
      name: overrides.name ?? `App ${deploymentId}`,
      publisher: 'Sitrep tests',
      version: '1.0',
      deploymentTypes: [
        {
          id: 'linux',
          name: 'Linux',
          platform: 'linux',
          install: overrides.install ?? ['true'],
          detection: { kind: 'file_exists', path: overrides.detectionPath ?? '/sitrep-test/none' },
          maxRunMinutes: overrides.maxRunMinutes ?? 10,
          estimatedRunMinutes: overrides.estimatedRunMinutes ?? 1,
          ...overrides.deploymentType,
        },
      ],
    },
    maintenanceWindows: [],
    issuedAt: 1,
  })
}
