/**
 * The registration request (docs/protocol.md `POST /mp/v1/registration`), parsed once at the
 * edge from JSON or from the fields of a `ClientRegistrationRequest` XML document.
 */
import type { FieldIssue, ParseResult } from '@sitrep/protocol'
import { z } from 'zod'
import { zodToFieldIssues } from './field-issues.ts'
import { safeText } from './safe-text.ts'

const RegistrationRequestSchema = z.strictObject({
  requestType: z.enum(['registration', 'confirmation']).default('registration'),
  machine: z.strictObject({
    netbiosName: safeText(1, 255),
    fqdn: safeText(0, 255).default(''),
    localeId: z.number().int().min(0).max(0xffffffff).nullable().default(null),
  }),
  agent: z
    .strictObject({
      identity: safeText(0, 128).default(''),
      version: safeText(0, 64).default(''),
      type: z.number().int().min(0).max(255).default(0),
    })
    .prefault({}),
  /** Base64 of the raw 32-byte Ed25519 key. */
  publicKey: z.string().min(1).max(64),
  enrolmentToken: z.string().max(256).optional(),
  /** Base64 Ed25519 signature of `sitrep-register-v1\n` + publicKey. */
  proof: z.string().min(1).max(128),
})

/** A registration request as the endpoint handler sees it. */
export type RegistrationRequest = Readonly<z.infer<typeof RegistrationRequestSchema>>

/** Parses a registration request from its JSON value; issues name the field. */
export function parseRegistrationRequest(input: unknown): ParseResult<RegistrationRequest> {
  const result = RegistrationRequestSchema.safeParse(input)
  if (result.success) return { ok: true, value: result.data }
  const issues: readonly FieldIssue[] = zodToFieldIssues(result.error)
  return { ok: false, issues }
}

/** The bytes a registration `proof` signs. */
export function registrationProofBytes(publicKey: string): Buffer {
  return Buffer.from(`sitrep-register-v1\n${publicKey}`, 'utf8')
}
