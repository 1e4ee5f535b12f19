/**
 * The client's identity in its state directory: an Ed25519 key pair (PEM, mode 0600) made on
 * first use, and the client ID and status the site gave at registration.
 */
import { createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto'
import { chmod, link, mkdir, readFile, rm, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { SitrepError } from '../errors.ts'
import { writeFileDurably } from '../spool/durable-file.ts'

/** File names inside a client state directory. */
export const STATE_FILES = {
  privateKey: 'client-key.pem',
  registration: 'registration.json',
  sequence: 'sequence.json',
  spool: 'spool',
} as const

/** Registration statuses of docs/protocol.md, by value. */
export const REGISTRATION_STATUSES = [
  { value: 0, name: 'accepted' },
  { value: 1, name: 'pending_approval' },
  { value: 2, name: 'could_not_process' },
  { value: 3, name: 'rejected' },
] as const
export type RegistrationStatus = (typeof REGISTRATION_STATUSES)[number]['value']
export type RegistrationStatusName = (typeof REGISTRATION_STATUSES)[number]['name']

/** What the state directory remembers of the last registration. */
export interface SavedRegistration {
  readonly clientId: string
  readonly status: RegistrationStatus
  readonly statusName: RegistrationStatusName
  /** The MP URL or socket it registered with. */
  readonly target: string
  /** Epoch ms. */
  readonly registeredAt: number
}

/** A client's key pair and, once registered, its client ID. */
export interface ClientIdentity {
  readonly stateDir: string
  readonly privateKey: KeyObject
  readonly publicKey: KeyObject
  /** Base64 of the raw 32-byte public key, as registration sends it. */
  readonly publicKeyBase64: string
  readonly registration: SavedRegistration | undefined
}

/**
 * Loads the identity in `stateDir`, making the directory (0700) and a new key pair (0600) on
 * first use. Two processes starting together end with the same key: the key file is linked in
 * place only when no other process got there first.
 *
 * @example
 * const identity = await loadOrCreateIdentity(path.join(os.homedir(), '.sitrep-client'))
 */
export async function loadOrCreateIdentity(stateDir: string): Promise<ClientIdentity> {
  await mkdir(stateDir, { recursive: true, mode: 0o700 })
  const keyFile = path.join(stateDir, STATE_FILES.privateKey)
  let pem = await readOptional(keyFile)
  if (pem === undefined) {
    const { privateKey } = generateKeyPairSync('ed25519')
    const temp = `${keyFile}.${process.pid}.tmp`
    await writeFile(temp, privateKey.export({ format: 'pem', type: 'pkcs8' }), { mode: 0o600 })
    await chmod(temp, 0o600)
    try {
      await link(temp, keyFile)
    } catch (error) {
      if (!isErrno(error, 'EEXIST')) throw error
    } finally {
      await rm(temp, { force: true })
    }
    pem = await readFile(keyFile, 'utf8')
  }
  let privateKey: KeyObject
  try {
    privateKey = createPrivateKey(pem)
  } catch (cause) {
    throw new SitrepError(
      'invalid_argument',
      `${keyFile} is not a PEM private key; delete it (and ${STATE_FILES.registration}) to make a new identity`,
      { cause },
    )
  }
  const publicKey = createPublicKey(privateKey)
  return {
    stateDir,
    privateKey,
    publicKey,
    publicKeyBase64: rawPublicKey(publicKey).toString('base64'),
    registration: await readRegistration(stateDir),
  }
}

/** Returns the raw 32-byte Ed25519 public key: the last 32 bytes of its SPKI DER form. */
export function rawPublicKey(publicKey: KeyObject): Buffer {
  const der = publicKey.export({ format: 'der', type: 'spki' })
  return der.subarray(der.length - 32)
}

/** Stores the outcome of a registration in the state directory (temp file, rename, fsync). */
export async function saveRegistration(stateDir: string, registration: SavedRegistration): Promise<void> {
  await writeFileDurably(
    path.join(stateDir, STATE_FILES.registration),
    `${JSON.stringify(registration, null, 2)}\n`,
  )
}

async function readRegistration(stateDir: string): Promise<SavedRegistration | undefined> {
  const text = await readOptional(path.join(stateDir, STATE_FILES.registration))
  if (text === undefined) return undefined
  const value: unknown = JSON.parse(text)
  if (
    typeof value === 'object' &&
    value !== null &&
    'clientId' in value &&
    typeof value.clientId === 'string' &&
    'status' in value &&
    typeof value.status === 'number'
  ) {
    // Written by saveRegistration above with exactly this shape.
    return value as SavedRegistration
  }
  return undefined
}

async function readOptional(file: string): Promise<string | undefined> {
  try {
    return await readFile(file, 'utf8')
  } catch (error) {
    if (isErrno(error, 'ENOENT')) return undefined
    throw error
  }
}

/** True when `error` is a Node system error with this `code`. */
export function isErrno(error: unknown, code: string): boolean {
  return error instanceof Error && 'code' in error && error.code === code
}
