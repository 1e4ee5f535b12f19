/**
 * The native policy protocol (the `MP_PolicyManager` endpoint of the ConfigMgr model): a client
 * asks which deployments apply to it, then fetches the policy bodies it does not have. Bodies
 * are signed by the site's key, which the client learned at registration, so nobody between
 * the site and the client can plant an install command.
 *
 * Routes (signed like every other `/mp/v1` request, docs/protocol.md):
 * - `POST /mp/v1/policy/assignments` with {@link PolicyAssignmentsRequestSchema} → {@link PolicyAssignmentsReplySchema}
 * - `GET /mp/v1/policy/bodies/<policyId>` → {@link SignedPolicySchema} (only for a policy assigned to the caller)
 * - `GET /mp/v1/content/<sha256>` → the file, with `Range`, `ETag` (the hash) and `If-Range`
 *   (only content of a deployment type assigned to the caller)
 * - `POST /mp/v1/location/content` with {@link ContentLocationRequestSchema} → {@link ContentLocationReplySchema}
 */
import { z } from 'zod'
import { ApplicationSchema, Sha256Schema } from './application.ts'
import { ClientFactsSchema } from './collection.ts'
import { DeploymentIdSchema, DeploymentSettingsSchema, MaintenanceWindowSchema } from './deployment.ts'

/** The prefix signed before a policy body's bytes, so a policy signature cannot be replayed elsewhere. */
export const POLICY_SIGNATURE_PREFIX = 'sitrep-policy-v1\n'

/** Bounds the site puts on the poll interval it asks for, in seconds. */
export const POLICY_POLL_LIMITS = { minSeconds: 15, maxSeconds: 24 * 3600, defaultSeconds: 3600 } as const

/** A client's poll. `knownVersion` lets an unchanged poll cost one comparison. */
export const PolicyAssignmentsRequestSchema = z.object({
  /** The `assignmentsVersion` of the last reply the client acted on; omitted on the first poll. */
  knownVersion: z.string().max(128).optional(),
  /** The user logged on at the machine, for user-targeted deployments (`DOMAIN\user` or `user`). */
  userName: z.string().max(256).optional(),
  /**
   * What the machine is (platform, OS version, …), for the site's collection rules. Send it on
   * the first poll and whenever it changes; the site keeps the last one it got.
   */
  facts: ClientFactsSchema.optional(),
})
export type PolicyAssignmentsRequest = z.infer<typeof PolicyAssignmentsRequestSchema>

/** One policy assigned to the client: a deployment, by ID and version. */
export const PolicyAssignmentSchema = z.object({
  /** Equal to the deployment ID. */
  policyId: DeploymentIdSchema,
  /** SHA-256 of the signed body text; a client refetches when it changes. */
  version: Sha256Schema,
  /** `machine` for collections of clients, `user` for deployments targeted at the logged-on user. */
  target: z.enum(['machine', 'user']).default('machine'),
})
export type PolicyAssignment = z.infer<typeof PolicyAssignmentSchema>

/**
 * The reply to a poll. When `knownVersion` matched, `unchanged` is true and `assignments` is
 * omitted; the client keeps what it has.
 */
export const PolicyAssignmentsReplySchema = z.object({
  siteCode: z.string().length(3),
  /** Changes whenever the set of assignments or any assigned body changes. */
  assignmentsVersion: z.string().min(1).max(128),
  unchanged: z.boolean(),
  assignments: z.array(PolicyAssignmentSchema).optional(),
  /** When to poll next, in seconds; the client adds up to `jitterSeconds` at random. */
  nextPollSeconds: z.number().int().min(POLICY_POLL_LIMITS.minSeconds).max(POLICY_POLL_LIMITS.maxSeconds),
  jitterSeconds: z.number().int().min(0).max(POLICY_POLL_LIMITS.maxSeconds),
})
export type PolicyAssignmentsReply = z.infer<typeof PolicyAssignmentsReplySchema>

/** What a policy body tells the client: one deployment and everything needed to carry it out. */
export const PolicyBodySchema = z.object({
  policyId: DeploymentIdSchema,
  siteCode: z.string().length(3),
  /** The client this body was made for (`GUID:…`): a body fetched for another client is refused. */
  clientId: z.string().min(1).max(128),
  deploymentId: DeploymentIdSchema,
  /** The collection the deployment targets. */
  collectionId: z.string().min(1).max(64),
  settings: DeploymentSettingsSchema,
  application: ApplicationSchema,
  /** The maintenance windows of every collection the client is in. */
  maintenanceWindows: z.array(MaintenanceWindowSchema).max(256),
  /** When the site made this body, epoch ms. */
  issuedAt: z.number().int().min(0),
})
export type PolicyBody = z.infer<typeof PolicyBodySchema>

/**
 * A signed policy body. `body` is the exact JSON text of a {@link PolicyBody}; `signature` is
 * the site's Ed25519 signature (base64) of UTF-8(`POLICY_SIGNATURE_PREFIX` + body). The client
 * verifies before it parses the body, and refuses a body whose key it does not know.
 */
export const SignedPolicySchema = z.object({
  body: z
    .string()
    .min(2)
    .max(4 * 1024 * 1024),
  signature: z.string().min(1).max(256),
  /** Which site key signed it (the `siteKeyId` of the registration reply). */
  keyId: z.string().min(1).max(128),
})
export type SignedPolicy = z.infer<typeof SignedPolicySchema>

/** A client asking where to download content. */
export const ContentLocationRequestSchema = z.object({
  sha256: z.array(Sha256Schema).min(1).max(1000),
})
export type ContentLocationRequest = z.infer<typeof ContentLocationRequestSchema>

/** Where each requested file can be fetched, best first. */
export const ContentLocationReplySchema = z.object({
  locations: z.array(
    z.object({
      sha256: Sha256Schema,
      urls: z.array(z.object({ url: z.string().min(1).max(2048), metric: z.number().int().min(0) })),
    }),
  ),
})
export type ContentLocationReply = z.infer<typeof ContentLocationReplySchema>
