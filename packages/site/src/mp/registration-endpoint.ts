/**
 * The registration endpoint (`POST /mp/v1/registration`, reference §5.5): checks that the
 * caller holds the private key (`proof`), applies the site's approval mode, and registers the
 * key once — registering it again returns the same client ID.
 */
import { timingSafeEqual, createHash } from 'node:crypto'
import type { ClientStatus, ClientStore } from '@sitrep/store'
import { decodeBase64, ed25519PublicKey, verifyEd25519 } from './ed25519.ts'
import { mpIssue } from './field-issues.ts'
import { MpError } from './mp-error.ts'
import type { RegistrationRequest } from './registration-request.ts'
import { registrationProofBytes } from './registration-request.ts'

/** Registration status codes (reference §5.5). */
export const REGISTRATION_STATUSES = {
  accepted: 0,
  pending_approval: 1,
  could_not_process: 2,
  rejected: 3,
} as const
export type RegistrationStatusName = keyof typeof REGISTRATION_STATUSES

/** How new clients are approved (config `mp.approval`). */
export type ApprovalMode = 'automatic' | 'token' | 'manual'

/** The registration reply. */
export interface RegistrationReply {
  readonly requestType: 'registration' | 'confirmation'
  readonly status: (typeof REGISTRATION_STATUSES)[RegistrationStatusName]
  readonly statusName: RegistrationStatusName
  /** Present for `accepted` and `pending_approval`. */
  readonly clientId?: string
}

/** What the registration endpoint needs. */
export interface RegistrationEndpointDeps {
  readonly store: ClientStore
  readonly approval: ApprovalMode
  readonly enrolmentTokens: readonly string[]
  readonly clock: () => number
}

/** Registers (or confirms) a client and answers with its status. */
export async function handleRegistration(
  request: RegistrationRequest,
  deps: RegistrationEndpointDeps,
): Promise<RegistrationReply> {
  const key = ed25519PublicKey(request.publicKey)
  if (key === undefined) {
    throw new MpError('invalid_body', 'publicKey must be base64 of a raw 32-byte Ed25519 public key', {
      issues: [
        mpIssue('publicKey', 'format', 'publicKey must be base64 of a raw 32-byte Ed25519 public key'),
      ],
    })
  }
  const proof = decodeBase64(request.proof)
  if (proof === undefined || !verifyEd25519(key, registrationProofBytes(request.publicKey), proof)) {
    throw new MpError(
      'bad_signature',
      "proof does not verify: sign 'sitrep-register-v1\\n' + publicKey with the private key",
      {
        issues: [
          mpIssue(
            'proof',
            'format',
            'proof is not an Ed25519 signature of the registration bytes by publicKey',
          ),
        ],
      },
    )
  }
  const { requestType } = request
  const existing = await deps.store.getClientByPublicKey(request.publicKey)
  if (existing !== undefined) return reply(requestType, existing.status, existing.clientId)
  if (requestType === 'confirmation') return reply(requestType, 'rejected')
  const status = approvalFor(request, deps)
  // A key that fails the token check is not stored: there is nothing for an administrator to approve.
  if (status === 'rejected') return reply(requestType, 'rejected')
  const { client } = await deps.store.registerClient({
    publicKey: request.publicKey,
    machine: request.machine.netbiosName,
    fqdn: request.machine.fqdn,
    localeId: request.machine.localeId,
    agentIdentity: request.agent.identity,
    agentVersion: request.agent.version,
    agentType: request.agent.type,
    status,
    registeredAt: deps.clock(),
  })
  return reply(requestType, client.status, client.clientId)
}

function approvalFor(request: RegistrationRequest, deps: RegistrationEndpointDeps): ClientStatus {
  switch (deps.approval) {
    case 'automatic':
      return 'approved'
    case 'manual':
      return 'pending'
    case 'token':
      return request.enrolmentToken !== undefined &&
        tokenMatches(request.enrolmentToken, deps.enrolmentTokens)
        ? 'approved'
        : 'rejected'
  }
}

/** Constant-time comparison against every issued token (hashing first makes lengths equal). */
function tokenMatches(token: string, issued: readonly string[]): boolean {
  const digest = (text: string): Buffer => createHash('sha256').update(text, 'utf8').digest()
  const given = digest(token)
  let match = false
  for (const candidate of issued) match = timingSafeEqual(given, digest(candidate)) || match
  return match
}

function reply(
  requestType: RegistrationReply['requestType'],
  status: ClientStatus,
  clientId?: string,
): RegistrationReply {
  const statusName: RegistrationStatusName =
    status === 'approved' ? 'accepted' : status === 'pending' ? 'pending_approval' : 'rejected'
  return {
    requestType,
    status: REGISTRATION_STATUSES[statusName],
    statusName,
    ...(clientId === undefined || statusName === 'rejected' ? {} : { clientId }),
  }
}
