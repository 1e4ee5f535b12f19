/**
 * The site's policy signing key (docs/software-distribution.md "Policy"): an Ed25519 key pair
 * made on first start in `<dataDir>/policy-signing-key.pem` (mode 0600). Clients learn the
 * public key and its ID at registration and refuse a policy body that does not verify with it.
 */
import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, sign } from 'node:crypto'
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { POLICY_SIGNATURE_PREFIX } from '@sitrep/protocol'
import type { SignedPolicy } from '@sitrep/protocol'

/** File name of the policy key in the site's data directory. */
export const POLICY_KEY_FILE = 'policy-signing-key.pem'

/** What a client needs to verify policy: the key's ID and its raw public key (base64). */
export interface PolicyKeyInfo {
  readonly keyId: string
  readonly publicKey: string
}

/** Signs policy bodies. */
export interface PolicySigner extends PolicyKeyInfo {
  /** Signs the exact body text: Ed25519 over UTF-8(`sitrep-policy-v1\n` + body). */
  sign(body: string): SignedPolicy
}

/** Builds a signer from a PKCS#8 PEM private key. */
export function policySignerFromPem(pem: string): PolicySigner {
  const privateKey = createPrivateKey(pem)
  const jwk = createPublicKey(privateKey).export({ format: 'jwk' })
  const raw = Buffer.from(jwk.x ?? '', 'base64url')
  const keyId = `policy-${createHash('sha256').update(raw).digest('hex').slice(0, 16)}`
  return {
    keyId,
    publicKey: raw.toString('base64'),
    sign: (body) => ({
      body,
      keyId,
      signature: sign(null, Buffer.from(POLICY_SIGNATURE_PREFIX + body, 'utf8'), privateKey).toString(
        'base64',
      ),
    }),
  }
}

/** Loads the site's policy key from `dataDir`, making it on first use. */
export function loadOrCreatePolicySigner(dataDir: string): PolicySigner {
  const file = path.join(dataDir, POLICY_KEY_FILE)
  if (!existsSync(file)) {
    const { privateKey } = generateKeyPairSync('ed25519')
    writeFileSync(file, privateKey.export({ format: 'pem', type: 'pkcs8' }), { mode: 0o600, flag: 'wx' })
  }
  return policySignerFromPem(readFileSync(file, 'utf8'))
}

/** A fresh in-memory signer (tests, and sites without a data directory). */
export function createPolicySigner(): PolicySigner {
  const { privateKey } = generateKeyPairSync('ed25519')
  // A PKCS#8 PEM export is always a string.
  return policySignerFromPem(privateKey.export({ format: 'pem', type: 'pkcs8' }) as string)
}
