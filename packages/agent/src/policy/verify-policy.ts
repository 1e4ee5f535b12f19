/**
 * Verification of a signed policy body: the site's Ed25519 signature over
 * `sitrep-policy-v1\n` + the body text, with the key learned at registration, then the body's
 * schema and that it was made for this client. Nothing in a body is trusted before this passes.
 */
import { createHash, createPublicKey, verify } from 'node:crypto'
import type { PolicyBody, SignedPolicy } from '@sitrep/protocol'
import { POLICY_SIGNATURE_PREFIX, PolicyBodySchema } from '@sitrep/protocol'

/** The site's policy-signing key as registration gave it. */
export interface SiteKey {
  readonly keyId: string
  /** Base64 of the raw 32-byte Ed25519 public key. */
  readonly publicKey: string
}

/** Why a policy body was refused. */
export type PolicyRefusal =
  'unknown_key' | 'bad_signature' | 'invalid_body' | 'wrong_client' | 'wrong_version'

/** The answer of {@link verifySignedPolicy}. */
export type PolicyVerdict =
  | { readonly ok: true; readonly body: PolicyBody; readonly version: string }
  | { readonly ok: false; readonly reason: PolicyRefusal; readonly detail: string }

/** The version of a signed body as assignments name it: SHA-256 of the body text. */
export function policyVersion(bodyText: string): string {
  return createHash('sha256').update(bodyText, 'utf8').digest('hex')
}

/**
 * Verifies a signed policy for `clientId`. `expectedVersion`, when given, must be the body's
 * SHA-256 (the assignment's `version`), so an old body cannot stand in for a new one.
 */
export function verifySignedPolicy(
  signed: SignedPolicy,
  siteKey: SiteKey,
  clientId: string,
  expectedVersion?: string,
): PolicyVerdict {
  if (signed.keyId !== siteKey.keyId) {
    return {
      ok: false,
      reason: 'unknown_key',
      detail: `signed by key ${signed.keyId}, but this client knows only ${siteKey.keyId}; register again to learn the site's key`,
    }
  }
  const raw = Buffer.from(siteKey.publicKey, 'base64')
  let valid: boolean
  try {
    const key = createPublicKey({
      key: { kty: 'OKP', crv: 'Ed25519', x: raw.toString('base64url') },
      format: 'jwk',
    })
    valid = verify(
      null,
      Buffer.from(POLICY_SIGNATURE_PREFIX + signed.body, 'utf8'),
      key,
      Buffer.from(signed.signature, 'base64'),
    )
  } catch {
    valid = false
  }
  if (!valid)
    return { ok: false, reason: 'bad_signature', detail: 'the signature does not verify with the site key' }
  const version = policyVersion(signed.body)
  if (expectedVersion !== undefined && version !== expectedVersion) {
    return {
      ok: false,
      reason: 'wrong_version',
      detail: `the body has version ${version}, the assignment names ${expectedVersion}`,
    }
  }
  let json: unknown
  try {
    json = JSON.parse(signed.body)
  } catch {
    return { ok: false, reason: 'invalid_body', detail: 'the signed body is not JSON' }
  }
  const parsed = PolicyBodySchema.safeParse(json)
  if (!parsed.success) {
    return {
      ok: false,
      reason: 'invalid_body',
      detail: parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '),
    }
  }
  if (parsed.data.clientId !== clientId) {
    return {
      ok: false,
      reason: 'wrong_client',
      detail: `the body was made for ${parsed.data.clientId}, not ${clientId}`,
    }
  }
  return { ok: true, body: parsed.data, version }
}
