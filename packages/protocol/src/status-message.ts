import type { MessageType, OriginKind, ReportFunction, Severity } from './enumerations.ts'

/** Where a message came from: a client (`GUID:…` ID) or a site (its site code). */
export interface Origin {
  readonly kind: OriginKind
  readonly id: string
}

/** One attribute of a status message: an ID (400–429 are well known) and a value. */
export interface StatusAttribute {
  readonly id: number
  readonly value: string
}

/**
 * A status message: every field of ConfigMgr's `SMS_StatusMessage` (reference §2.1) plus what
 * Sitrep adds for delivery across hops (`id`, `origin`, `sequence`). Text is not carried: it is
 * rendered from the catalogue by `module` + `messageId` at display time.
 */
export interface StatusMessage {
  /** Producer-assigned UUIDv7; every hop drops duplicates by it. */
  readonly id: string
  readonly origin: Origin
  /** Per-origin sequence number, from 1, so gaps are visible. */
  readonly sequence: number
  readonly severity: Severity
  readonly messageType: MessageType
  /** Index of the text template in the module's catalogue, 0–65535. */
  readonly messageId: number
  /** `ModuleName`: the source whose catalogue holds the text, e.g. `SMS Server`. */
  readonly module: string
  /** `Component`, never localized, e.g. `SMS_DISTRIBUTION_MANAGER`. */
  readonly component: string
  /** `MachineName`: the computer that raised it. */
  readonly machine: string
  /** Site the message is reported to; `null` from a client means every site it belongs to. */
  readonly siteCode: string | null
  /** Highest site the message may replicate to; `null` means no limit. */
  readonly topLevelSiteCode: string | null
  readonly processId: number
  readonly threadId: number
  /** OS error code rendered into `%12`; 0 means none. */
  readonly win32Error: number
  /** When the producer created it, epoch ms UTC (`Time`). */
  readonly createdAt: number
  /** Produced per client (ConfigMgr stores 2 for true). */
  readonly perClient: boolean
  readonly reportFunction: ReportFunction
  /** Part of a transaction (ConfigMgr stores 4 for true). */
  readonly transaction: boolean
  /** The transaction succeeded (ConfigMgr stores 8 for true). */
  readonly successfulTransaction: boolean
  /** `%1`…`%10`, at most 10, each at most 255 characters. */
  readonly insertionStrings: readonly string[]
  /** At most 1000, each value at most 255 characters. */
  readonly attributes: readonly StatusAttribute[]
}

/** A message as a site stores it: the site assigns `recordId`, as ConfigMgr's database does. */
export interface StoredStatusMessage extends StatusMessage {
  readonly recordId: number
  /** When this site accepted it, epoch ms. */
  readonly receivedAt: number
  /** When retention may delete it, epoch ms; `null` keeps it until a rule says otherwise. */
  readonly deleteAfter: number | null
}
