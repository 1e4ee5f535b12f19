/**
 * Sitrep's JSON wire form of state messages, single and batch (docs/codecs.md). Decoding is
 * `parseStateMessage`, the one parser that checks state message limits.
 */
import { formatIsoTime } from '../iso-time.ts'
import { parseStateMessage } from '../state/parse-state-message.ts'
import type { StateMessage } from '../state/state-message.ts'
import type { BatchParseResult } from './parse-batch.ts'
import { parseBatch } from './parse-batch.ts'

/** Most state messages one batch may carry; split larger ones. */
export const STATE_BATCH_MAX = 1000

/** A state message as JSON: as {@link StateMessage}, with `messageTime` as ISO 8601 UTC. */
export interface StateMessageJson {
  readonly id: string
  readonly origin: { readonly kind: string; readonly id: string }
  readonly messageTime: string
  readonly serialNumber: number
  readonly topic: {
    readonly id: string
    readonly type: number
    readonly idType: number
    readonly user: string
    readonly userSid: string
  }
  readonly state: { readonly id: number; readonly criticality: number }
  readonly details?: { readonly type: number; readonly text: string }
  readonly userParameters: { readonly flags: number; readonly params: readonly string[] }
}

/** The batch form: `{ "stateMessages": [...] }`. */
export interface StateBatchJson {
  readonly stateMessages: readonly StateMessageJson[]
}

/** Encodes a state message as a plain JSON-able object that `parseStateMessage` reads back. */
export function encodeStateMessageJson(message: StateMessage): StateMessageJson {
  const { topic, state, details, userParameters } = message
  return {
    id: message.id,
    origin: { kind: message.origin.kind, id: message.origin.id },
    messageTime: formatIsoTime(message.messageTime),
    serialNumber: message.serialNumber,
    topic: { id: topic.id, type: topic.type, idType: topic.idType, user: topic.user, userSid: topic.userSid },
    state: { id: state.id, criticality: state.criticality },
    ...(details === undefined ? {} : { details: { type: details.type, text: details.text } }),
    userParameters: { flags: userParameters.flags, params: [...userParameters.params] },
  }
}

/** Encodes state messages as the batch form. Callers split lists longer than {@link STATE_BATCH_MAX}. */
export function encodeStateBatchJson(messages: readonly StateMessage[]): StateBatchJson {
  return { stateMessages: messages.map(encodeStateMessageJson) }
}

/**
 * Parses `{ "stateMessages": [...] }`: each item through
 * `parseStateMessage(item, 'stateMessages[i]')`; batch-level issues (not an object, the array
 * missing, more than {@link STATE_BATCH_MAX} items) refuse the whole batch.
 */
export function parseStateBatch(input: unknown): BatchParseResult<StateMessage> {
  return parseBatch(input, { key: 'stateMessages', maxItems: STATE_BATCH_MAX, parseItem: parseStateMessage })
}
