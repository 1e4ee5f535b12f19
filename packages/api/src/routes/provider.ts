/**
 * The provider endpoint: status messages raised on the site server by administrators, scripts
 * and other systems, as `SMS_StatusMessage`'s Raise methods do in the ConfigMgr provider. The
 * message enters the site's pipeline as one of the site's own (origin the site, its own
 * sequence) and runs through the filter rules.
 */
import { LIMITS, MESSAGE_TYPE_NAMES, SEVERITY_NAMES } from '@sitrep/protocol'
import { z } from 'zod'
import { defineRoute } from '../define-route.ts'
import { IsoTime, safeText } from '../fields.ts'

/** Who may raise: operations administrators and above, and the narrow `reporter` role. */
export const RAISE_AUTH = { minRole: 'operations-administrator', alsoRoles: ['reporter'] } as const

/** Modules only the site itself may raise: its own components and the provider's generic IDs. */
export const PROVIDER_RESERVED_MODULES: readonly string[] = ['SMS Server', 'SMS Provider']

/** Generic text is split across %1 and %2, so it may be twice an insertion string long. */
export const GENERIC_TEXT_MAX_LENGTH = LIMITS.insertionStringMaxLength * 2

/** Messages per raise request; as many as the MP takes in one batch. */
export const RAISE_BATCH_MAX = 1000

const uint32 = z.number().int().min(0).max(LIMITS.uint32Max)

/** The optional fields every Raise method takes, named as `SMS_StatusMessage` names them. */
const RaiseCommon = {
  /** Default `milestone`. */
  messageType: z.enum(MESSAGE_TYPE_NAMES).optional(),
  /** Default `Sitrep` for the generic kinds, the module name for raw messages. */
  component: safeText(1, LIMITS.componentMaxLength).optional(),
  /** Default the site server's name. */
  machine: safeText(1, LIMITS.machineMaxLength).optional(),
  processId: uint32.optional(),
  threadId: uint32.optional(),
  win32Error: uint32.optional(),
  /** When it happened; default the time the site takes it. */
  time: IsoTime.optional(),
  attributes: z
    .array(
      z.strictObject({
        id: uint32,
        value: safeText(0, LIMITS.attributeValueMaxLength),
      }),
    )
    .max(LIMITS.attributesMax)
    .optional(),
}

/** `RaiseInformationalStatusMsg`, `RaiseWarningStatusMsg`, `RaiseErrorStatusMsg`. */
export const GenericRaiseSchema = z
  .strictObject({
    kind: z.enum(['informational', 'warning', 'error']),
    text: safeText(1, GENERIC_TEXT_MAX_LENGTH),
    ...RaiseCommon,
  })
  .meta({ id: 'GenericRaise' })

/** `RaiseRawStatusMsg`: a message of any module and ID, with its insertion strings. */
export const RawRaiseSchema = z
  .strictObject({
    kind: z.literal('raw'),
    module: safeText(1, LIMITS.moduleMaxLength).refine(
      (module) => !PROVIDER_RESERVED_MODULES.some((r) => r.toLowerCase() === module.toLowerCase()),
      `is reserved to the site itself (${PROVIDER_RESERVED_MODULES.join(', ')}); raise a generic message or use your own module`,
    ),
    messageId: z.number().int().min(0).max(LIMITS.messageIdMax),
    /** Needed when the catalogue does not know the module and ID. */
    severity: z.enum(SEVERITY_NAMES).optional(),
    insertionStrings: z
      .array(safeText(0, LIMITS.insertionStringMaxLength))
      .max(LIMITS.insertionStringsMax)
      .optional(),
    ...RaiseCommon,
  })
  .meta({ id: 'RawRaise' })

/** One message to raise. */
export const RaiseItemSchema = z.discriminatedUnion('kind', [GenericRaiseSchema, RawRaiseSchema])
/** One message to raise, as the caller sends it. */
export type RaiseItem = z.input<typeof RaiseItemSchema>

/** What became of one raised message. */
export const RaiseResultSchema = z
  .discriminatedUnion('status', [
    z.object({
      index: z.number().int(),
      status: z.literal('accepted'),
      id: z.string(),
      sequence: z.number().int(),
      module: z.string(),
      messageId: z.number().int(),
      severity: z.enum(SEVERITY_NAMES),
    }),
    z.object({
      index: z.number().int(),
      status: z.literal('rejected'),
      error: z.object({ code: z.string(), message: z.string() }),
    }),
  ])
  .meta({ id: 'RaiseResult' })
/** What became of one raised message. */
export type RaiseResult = z.output<typeof RaiseResultSchema>

/** `POST /api/v1/messages` */
export const raiseMessages = defineRoute({
  method: 'POST',
  url: '/api/v1/messages',
  summary:
    'Raise status messages on the site server (the Raise methods): each is stored durably and run through the filter rules',
  auth: RAISE_AUTH,
  body: z.strictObject({ messages: z.array(RaiseItemSchema).min(1).max(RAISE_BATCH_MAX) }),
  replies: { 201: z.object({ results: z.array(RaiseResultSchema) }) },
  errors: ['invalid_body'],
})
