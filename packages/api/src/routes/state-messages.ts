/**
 * Stored state messages (docs/api.md "State messages"): what clients reported through the relay,
 * with the reporting machine and the header of the report each one came in.
 */
import { ORIGIN_KINDS } from '@sitrep/protocol'
import { z } from 'zod'
import { defineRoute } from '../define-route.ts'
import { IsoTime, safeText } from '../fields.ts'

/** What the client said about itself with a state message; header fields are null for a JSON relay. */
export const StateReportViewSchema = z
  .object({
    /** The NetBIOS name of the report header, or the registered machine name of the client. */
    machine: z.string(),
    clientVersion: z.string().nullable(),
    codePage: z.number().int().nullable(),
    /** `SystemDefaultLCID` of the report header. */
    localeId: z.number().int().nullable(),
    priority: z.number().int().nullable(),
    /** `ReportDetails/Date` of the report header. */
    reportedAt: IsoTime.nullable(),
  })
  .meta({ id: 'StateReport' })

/** One stored state message as the API shows it. */
export const StateMessageViewSchema = z
  .object({
    recordId: z.number().int(),
    id: z.string(),
    origin: z.object({ kind: z.enum(ORIGIN_KINDS), id: z.string() }),
    messageTime: IsoTime,
    serialNumber: z.number().int(),
    topic: z.object({
      id: z.string(),
      type: z.number().int(),
      idType: z.number().int(),
      user: z.string(),
      userSid: z.string(),
    }),
    state: z.object({ id: z.number().int(), criticality: z.number().int() }),
    details: z.object({ type: z.number().int(), text: z.string() }).nullable(),
    userParameters: z.object({ flags: z.number().int(), params: z.array(z.string()) }),
    receivedAt: IsoTime,
    /** False for a state message taken without a signature. */
    trusted: z.boolean(),
    report: StateReportViewSchema,
  })
  .meta({ id: 'StateMessage' })
/** One stored state message as the API shows it. */
export type StateMessageView = z.output<typeof StateMessageViewSchema>

/** A page of state messages, newest first; `nextCursor` asks for the next (older) page. */
export const StateMessagePageSchema = z.object({
  stateMessages: z.array(StateMessageViewSchema),
  nextCursor: z.number().int().nullable(),
})
/** A page of state messages. */
export type StateMessagePage = z.output<typeof StateMessagePageSchema>

const int = (min: number, max: number) => z.coerce.number().int().min(min).max(max)

/** The query of `GET /api/v1/state-messages`. */
export const StateMessageListQuerySchema = z.strictObject({
  topicType: int(0, 0xffffffff).optional(),
  topicId: safeText(1, 512).optional(),
  /** `origin.id`, e.g. `GUID:…` of a client. */
  originId: safeText(1, 128).optional(),
  /** The reporting machine's name, exactly as stored. */
  machine: safeText(1, 255).optional(),
  stateId: int(0, 0xffffffff).optional(),
  limit: int(1, 1000).default(100),
  cursor: int(1, Number.MAX_SAFE_INTEGER).optional(),
})

/** `GET /api/v1/state-messages` */
export const listStateMessages = defineRoute({
  method: 'GET',
  url: '/api/v1/state-messages',
  summary: 'Stored state messages with their reporting machine and report header, newest first',
  auth: { minRole: 'read-only-analyst' },
  query: StateMessageListQuerySchema,
  replies: { 200: StateMessagePageSchema },
  errors: [],
})
