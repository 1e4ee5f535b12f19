/**
 * Verifies a signed policy body (docs/protocol.md "Policy and content") before anything reads
 * it: the key is the site's, the Ed25519 signature covers `sitrep-policy-v1\n` + the exact body
 * text, the text hashes to the version the assignment named, and the body is for this client.
 */
import { createHash, createPublicKey, verify } from 'node:crypto'
import { POLICY_SIGNATURE_PREFIX, PolicyBodySchema, SignedPolicySchema } from '@sitrep/protocol'
import type { PolicyBody } from '@sitrep/protocol'
import { SitrepError } from '../errors.ts'

/** The site's policy key as the registration reply gave it. */
export interface PolicyKey {
  readonly keyId: string
  /** Base64 of the raw 32-byte Ed25519 public key. */
  readonly publicKey: string
}

const SPKI_ED25519_PREFIX = Buffer.from('302a300506032b6570032100', 'hex')

/**
 * Returns the policy body of `signed` once every check passes; throws `invalid_policy` naming
 * the check that failed otherwise. `expected.version` is the assignment's version (optional).
 */
export function verifySignedPolicy(
  signed: unknown,
  key: PolicyKey,
  expected: { readonly clientId: string; readonly policyId?: string; readonly version?: string },
): PolicyBody {
  const envelope = SignedPolicySchema.safeParse(signed)
  if (!envelope.success)
    throw new SitrepError('invalid_policy', 'the policy reply is not a signed policy body')
  const { body, signature, keyId } = envelope.data
  if (keyId !== key.keyId) {
    throw new SitrepError(
      'invalid_policy',
      `the policy is signed by key ${keyId}, not the site's key ${key.keyId}`,
    )
  }
  const publicKey = createPublicKey({
    key: Buffer.concat([SPKI_ED25519_PREFIX, Buffer.from(key.publicKey, 'base64')]),
    format: 'der',
    type: 'spki',
  })
  const data = Buffer.from(POLICY_SIGNATURE_PREFIX + body, 'utf8')
  if (!verify(null, data, publicKey, Buffer.from(signature, 'base64'))) {
    throw new SitrepError('invalid_policy', 'the policy signature does not verify with the site key: refused')
  }
  if (expected.version !== undefined) {
    const version = createHash('sha256').update(body, 'utf8').digest('hex')
    if (version !== expected.version) {
      throw new SitrepError(
        'invalid_policy',
        `the policy body hashes to ${version}, not the assigned ${expected.version}`,
      )
    }
  }
  const parsed = PolicyBodySchema.safeParse(JSON.parse(body))
  if (!parsed.success) throw new SitrepError('invalid_policy', 'the signed policy body is not a policy body')
  if (parsed.data.clientId !== expected.clientId) {
    throw new SitrepError('invalid_policy', `the policy body is for ${parsed.data.clientId}, not this client`)
  }
  if (expected.policyId !== undefined && parsed.data.policyId !== expected.policyId) {
    throw new SitrepError(
      'invalid_policy',
      `the body is policy ${parsed.data.policyId}, not ${expected.policyId}`,
    )
  }
  return parsed.data
}
