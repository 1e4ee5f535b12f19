import { hostname } from 'node:os'
import { SitrepError } from '../errors.ts'
import { callMp, DEFAULT_TIMEOUT_MS, readJson } from '../transport/call-mp.ts'
import type { Transport, TransportOptions } from '../transport/transport.ts'
import { createTransport } from '../transport/transport.ts'
import { SDK_VERSION } from '../version.ts'
import type { ClientIdentity, RegistrationStatus, RegistrationStatusName } from './client-identity.ts'
import { loadOrCreateIdentity, REGISTRATION_STATUSES, saveRegistration } from './client-identity.ts'
import { registrationProof } from './sign-request.ts'

/** Options of {@link register}. */
export interface RegisterOptions extends TransportOptions {
  /** The MP URL (`http://127.0.0.1:8080`) or the local agent's socket path. */
  readonly mpUrl: string
  /** Client state directory: key pair, client ID, sequence counter, spool. */
  readonly stateDir: string
  /** Needed when the site approves clients by token. */
  readonly enrolmentToken?: string
  /** NetBIOS-style machine name; defaults to the host name up to the first dot. */
  readonly machine?: string
  /** `confirmation` asks for the current status without changing anything. */
  readonly requestType?: 'registration' | 'confirmation'
  readonly timeoutMs?: number
  /** Epoch ms; defaults to `Date.now`. */
  readonly clock?: () => number
}

/** What the site answered. `clientId` is present for 0 (accepted) and 1 (pending approval). */
export interface RegistrationResult {
  readonly status: RegistrationStatus
  readonly statusName: RegistrationStatusName
  readonly clientId?: string
  /**
   * The site's policy-signing key, when the site sends one (`siteKeyId` and `sitePublicKey`,
   * base64 of the raw 32-byte Ed25519 key): the agent verifies policy bodies with it.
   */
  readonly siteKey?: { readonly keyId: string; readonly publicKey: string }
}

/**
 * Registers this client's Ed25519 key with a management point (`POST /mp/v1/registration`),
 * making the key pair in `stateDir` on first use, and stores the client ID the site assigns.
 * Registering the same key again returns the same client ID. Statuses 2 and 3 are returned,
 * not thrown: the caller decides (retry later, or tell the user).
 *
 * @example
 * const result = await register({ mpUrl: 'http://127.0.0.1:8080', stateDir: '/var/lib/sitrep-client' })
 * if (result.status === 0) console.log(`registered as ${result.clientId}`)
 */
export async function register(options: RegisterOptions): Promise<RegistrationResult> {
  const identity = await loadOrCreateIdentity(options.stateDir)
  const transport = createTransport(options.mpUrl, options)
  return registerIdentity(identity, transport, options)
}

/** {@link register} with an identity and transport already in hand (the client uses it). */
export async function registerIdentity(
  identity: ClientIdentity,
  transport: Transport,
  options: Omit<RegisterOptions, 'mpUrl' | 'stateDir'>,
): Promise<RegistrationResult> {
  const clock = options.clock ?? Date.now
  const host = options.machine ?? hostname()
  const request = {
    requestType: options.requestType ?? 'registration',
    machine: {
      netbiosName: (host.split('.', 1)[0] ?? host).toUpperCase().slice(0, 15),
      fqdn: host,
      localeId: 1033,
    },
    agent: { identity: 'sitrep-sdk', version: SDK_VERSION, type: 0 },
    publicKey: identity.publicKeyBase64,
    ...(options.enrolmentToken === undefined ? {} : { enrolmentToken: options.enrolmentToken }),
    proof: registrationProof(identity.privateKey, identity.publicKeyBase64),
  }
  const response = await callMp(transport, {
    method: 'POST',
    path: '/mp/v1/registration',
    body: Buffer.from(JSON.stringify(request), 'utf8'),
    contentType: 'application/json',
    timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    now: clock(),
  })
  const result = parseRegistrationReply(readJson(response, 'registration'))
  if (result.clientId !== undefined) {
    await saveRegistration(identity.stateDir, {
      clientId: result.clientId,
      status: result.status,
      statusName: result.statusName,
      target: transport.target,
      registeredAt: clock(),
    })
  }
  return result
}

function parseRegistrationReply(body: unknown): RegistrationResult {
  const status = typeof body === 'object' && body !== null && 'status' in body ? body.status : undefined
  const clientId = typeof body === 'object' && body !== null && 'clientId' in body ? body.clientId : undefined
  const entry = REGISTRATION_STATUSES.find((s) => s.value === status)
  if (entry === undefined) {
    throw new SitrepError(
      'invalid_reply',
      `the registration reply has status ${JSON.stringify(status)}; expected 0-3`,
    )
  }
  if ((entry.value === 0 || entry.value === 1) && typeof clientId !== 'string') {
    throw new SitrepError('invalid_reply', `the registration reply has status ${entry.value} but no clientId`)
  }
  // Reads one optional field of the reply object; `in` checked it exists, the value stays unknown.
  const field = (name: string): unknown =>
    typeof body === 'object' && body !== null && name in body
      ? (body as Record<string, unknown>)[name]
      : undefined
  const keyId = field('siteKeyId')
  const publicKey = field('sitePublicKey')
  return {
    status: entry.value,
    statusName: entry.name,
    ...(typeof clientId === 'string' ? { clientId } : {}),
    ...(typeof keyId === 'string' && typeof publicKey === 'string' ? { siteKey: { keyId, publicKey } } : {}),
  }
}
