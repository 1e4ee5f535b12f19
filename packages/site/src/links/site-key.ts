/**
 * The site's own Ed25519 key pair for site links (docs/hierarchy.md "Keys"). Created on first
 * start in `<dataDir>/site-link-key.pem` (mode 0600); the raw public key travels as base64 at
 * enrolment, and the other end checks every transfer against it.
 */
import { createPrivateKey, createPublicKey, generateKeyPairSync, sign } from 'node:crypto'
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'

/** File name of the site's link key in its data directory. */
export const SITE_KEY_FILE = 'site-link-key.pem'

/** A site's link identity: its public key and a signer. */
export interface SiteKey {
  /** Base64 of the raw 32-byte Ed25519 public key. */
  readonly publicKey: string
  /** Signs `data`; returns the 64-byte signature. */
  sign(data: Uint8Array): Buffer
}

/** Loads the site's key from `dataDir`, creating it on first use. */
export function loadOrCreateSiteKey(dataDir: string): SiteKey {
  const file = path.join(dataDir, SITE_KEY_FILE)
  if (!existsSync(file)) {
    const { privateKey } = generateKeyPairSync('ed25519')
    const pem = privateKey.export({ format: 'pem', type: 'pkcs8' })
    writeFileSync(file, pem, { mode: 0o600, flag: 'wx' })
  }
  return siteKeyFromPem(readFileSync(file, 'utf8'))
}

/** Builds a {@link SiteKey} from a PKCS#8 PEM private key (tests make keys in memory). */
export function siteKeyFromPem(pem: string): SiteKey {
  const privateKey = createPrivateKey(pem)
  const jwk = createPublicKey(privateKey).export({ format: 'jwk' })
  const publicKey = Buffer.from(jwk.x ?? '', 'base64url').toString('base64')
  return { publicKey, sign: (data) => sign(null, data, privateKey) }
}

/** A fresh in-memory key (tests). */
export function createSiteKey(): SiteKey {
  const { privateKey } = generateKeyPairSync('ed25519')
  // A PKCS#8 PEM export is always a string.
  return siteKeyFromPem(privateKey.export({ format: 'pem', type: 'pkcs8' }) as string)
}
