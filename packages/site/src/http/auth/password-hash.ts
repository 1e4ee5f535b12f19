/**
 * Password storage: scrypt from `node:crypto` with a random 16-byte salt per password and the
 * cost parameters stored with the hash (`scrypt$N$r$p$salt$hash`, base64url), so the cost can
 * rise later without breaking stored passwords. Comparison is constant-time.
 */
import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto'
import type { ScryptOptions } from 'node:crypto'

/** scrypt cost of new hashes: N=2^15, r=8, p=1 (about 32 MiB and tens of ms per hash). */
export const SCRYPT_PARAMS = { N: 2 ** 15, r: 8, p: 1 } as const

const KEY_BYTES = 32
const SALT_BYTES = 16

function derive(
  password: string,
  salt: Buffer,
  params: { N: number; r: number; p: number },
): Promise<Buffer> {
  const options: ScryptOptions = { ...params, maxmem: 256 * params.N * params.r + 1024 * 1024 }
  return new Promise((resolve, reject) => {
    scrypt(password.normalize('NFC'), salt, KEY_BYTES, options, (error, key) => {
      if (error === null) resolve(key)
      else reject(error)
    })
  })
}

/** Hashes a password for storage. */
export async function hashPassword(
  password: string,
  params: { N: number; r: number; p: number } = SCRYPT_PARAMS,
): Promise<string> {
  const salt = randomBytes(SALT_BYTES)
  const key = await derive(password, salt, params)
  return ['scrypt', params.N, params.r, params.p, salt.toString('base64url'), key.toString('base64url')].join(
    '$',
  )
}

/** True when `password` matches `stored`; false also for a hash this site cannot read. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, salt, hash] = stored.split('$')
  if (scheme !== 'scrypt' || salt === undefined || hash === undefined) return false
  const params = { N: Number(n), r: Number(r), p: Number(p) }
  if (!Object.values(params).every((v) => Number.isSafeInteger(v) && v > 0)) return false
  const expected = Buffer.from(hash, 'base64url')
  const actual = await derive(password, Buffer.from(salt, 'base64url'), params)
  return actual.length === expected.length && timingSafeEqual(actual, expected)
}

let dummy: Promise<string> | undefined

/**
 * A hash of a random password (made once, on first use), checked when the user does not exist
 * so that a login's timing does not tell which user names exist.
 */
export function dummyPasswordHash(): Promise<string> {
  dummy ??= hashPassword(randomBytes(16).toString('base64url'))
  return dummy
}
