/**
 * What the status endpoint needs of each message once its body is decoded: who it claims to be
 * from, its module (the unsigned endpoint refuses site-only modules), its ID, and its inbox body
 * (the normalized JSON the status manager reads back). A JSON body decodes to these in one pure
 * function, so a worker thread can run it and send back only strings and small objects.
 */
import { encodeStatusMessageJson, parseStatusBatch } from '@sitrep/protocol'
import type { FieldIssue, Origin, StatusMessage } from '@sitrep/protocol'
import type { MpErrorCode } from './mp-error.ts'
import { MpError } from './mp-error.ts'
import type { ParsedItem } from './post-reply.ts'
import { batchItems, checkBatchSize, parseJsonBody } from './read-body.ts'

/** A valid message, reduced to what the endpoint checks and stores. */
export interface StatusCandidate {
  readonly id: string
  readonly origin: Origin
  readonly module: string
  /** The message as inbox JSON. */
  readonly body: string
}

/** A decoded JSON status body: per-message outcomes, or why the body as a whole is refused. */
export type DecodedStatusBody =
  | { readonly ok: true; readonly items: readonly ParsedItem<StatusCandidate>[] }
  | {
      readonly ok: false
      readonly code: MpErrorCode
      readonly message: string
      readonly issues?: readonly FieldIssue[]
    }

/** Reduces a parsed message to its {@link StatusCandidate}. */
export function toStatusCandidate(message: StatusMessage): StatusCandidate {
  return {
    id: message.id,
    origin: message.origin,
    module: message.module,
    body: JSON.stringify(encodeStatusMessageJson(message)),
  }
}

/**
 * Decodes a JSON status body (`{ "messages": [...] }`, at most `maxBatch` of them). Never throws
 * on bad input: a body-level fault comes back as `ok: false` with the MP error to answer.
 */
export function decodeStatusJsonBody(bytes: Uint8Array, maxBatch: number): DecodedStatusBody {
  try {
    const value = parseJsonBody(bytes)
    checkBatchSize(value, 'messages', maxBatch)
    const items = batchItems(parseStatusBatch(value)).map((item): ParsedItem<StatusCandidate> =>
      item.ok ? { index: item.index, ok: true, value: toStatusCandidate(item.value) } : item,
    )
    return { ok: true, items }
  } catch (error) {
    if (!(error instanceof MpError)) throw error
    return {
      ok: false,
      code: error.code,
      message: error.message,
      ...(error.issues === undefined ? {} : { issues: error.issues }),
    }
  }
}

/** Returns the items of a decoded body, or throws the MP error that refuses it. */
export function statusItemsOrThrow(decoded: DecodedStatusBody): readonly ParsedItem<StatusCandidate>[] {
  if (decoded.ok) return decoded.items
  throw new MpError(
    decoded.code,
    decoded.message,
    decoded.issues === undefined ? {} : { issues: decoded.issues },
  )
}
