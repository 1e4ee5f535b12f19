import type { Origin } from '../status-message.ts'

/** What a state message is about (reference §5.4 `Topic`). */
export interface StateTopic {
  /** `Topic/@ID`: the object, e.g. an update ID or CI unique ID. */
  readonly id: string
  /** `Topic/@Type`: the topic type, e.g. 500 (see `TOPIC_TYPES`). */
  readonly type: number
  /** `Topic/@IDType`: how to read `id` (1 SDM type ID, 2 CI assignment ID, 3 update ID). */
  readonly idType: number
  /** `Topic/@User`: `DOMAIN\user` for user-targeted topics, else empty. */
  readonly user: string
  /** `Topic/@UserSID`: the user's SID string, else empty. */
  readonly userSid: string
}

/** The state reached (reference §5.4 `State`); ID 0 usually means "unknown". */
export interface StateValue {
  readonly id: number
  readonly criticality: number
}

/** Optional free text (`StateDetails`), e.g. an error report. */
export interface StateDetails {
  readonly type: number
  readonly text: string
}

/** `UserParameters`: flags plus positional strings, e.g. an error code. */
export interface StateUserParameters {
  readonly flags: number
  readonly params: readonly string[]
}

/**
 * The ConfigMgr part of a state message: exactly what a `StateMessage` element of a state
 * report carries. Decoded reports yield these; Sitrep adds delivery fields in {@link StateMessage}.
 */
export interface StateMessageBody {
  /** `MessageTime`: when the client recorded the state, epoch ms UTC. */
  readonly messageTime: number
  /**
   * `SerialNumber`: the client's monotonically increasing counter. Sitrep uses it as the
   * per-origin sequence of state messages, so it is not duplicated in a `sequence` field.
   */
  readonly serialNumber: number
  readonly topic: StateTopic
  readonly state: StateValue
  readonly details?: StateDetails
  readonly userParameters: StateUserParameters
}

/**
 * A state message as Sitrep delivers it: the ConfigMgr fields plus a producer-assigned UUIDv7
 * `id` (every hop drops duplicates by it) and the `origin` that produced it.
 */
export interface StateMessage extends StateMessageBody {
  readonly id: string
  readonly origin: Origin
}

/**
 * Size and count limits of a state message. ConfigMgr documents none (details are
 * "unbounded"), so these are Sitrep's choices; lengths count UTF-16 code units.
 */
export const STATE_LIMITS = {
  /** `Topic/@ID`: GUIDs and CI unique IDs (`ScopeId_…/SUM_…`) fit easily. */
  topicIdMaxLength: 512,
  /** `Topic/@User`, as a status message insertion string. */
  userMaxLength: 255,
  /** `Topic/@UserSID`: the longest SID string is 184 characters. */
  userSidMaxLength: 255,
  /** `StateDetails` text: 64 Ki characters. */
  detailsMaxLength: 64 * 1024,
  /** `UserParameters/Param` count. */
  paramsMax: 100,
  /** Each `Param`, as a status message insertion string. */
  paramMaxLength: 255,
  /** Serial numbers start at 0 or 1 and must stay exact in a JavaScript number. */
  serialNumberMax: Number.MAX_SAFE_INTEGER,
} as const
