import type { FilterRule } from '@sitrep/core'
import type { DistributionOperations } from './distribution-records.ts'
import type {
  ComponentCountDelta,
  ComponentCountRow,
  OutboxEntry,
  OutboxEntryInput,
  OutboxKind,
} from './pipeline-records.ts'
import type { NotificationStore } from './notification-records.ts'
import type { SiteLinkOperations } from './site-links.ts'
import type { UserStore } from './user-records.ts'
import type {
  MessageType,
  Severity,
  StateMessage,
  StatusMessage,
  StoredStatusMessage,
} from '@sitrep/protocol'

export { OUTBOX_KINDS } from './pipeline-records.ts'
export type {
  ComponentCountDelta,
  ComponentCountRow,
  OutboxEntry,
  OutboxEntryInput,
  OutboxKind,
} from './pipeline-records.ts'

/** A message waiting in the inbox, as the management point or a component put it there. */
export interface InboxItem {
  /** The message `id` (UUIDv7); the inbox refuses an ID it has seen before. */
  readonly id: string
  /** The message as JSON text; the status manager parses it again before use. */
  readonly body: string
  /** When the site accepted it, epoch ms. */
  readonly receivedAt: number
  /** Which door it came in by: `mp`, `site` (own components), `link:<site code>`. */
  readonly source: string
  /** False for messages from the unsigned fallback endpoint. */
  readonly trusted: boolean
}

/** An inbox item claimed by a worker. */
export interface ClaimedInboxItem extends InboxItem {
  /** Inbox order: lower was accepted first. */
  readonly seq: number
  /** Not to be processed before this time, epoch ms (future-dated messages wait, §8.7). */
  readonly notBefore: number
}

/** A stored message as the store reads it back: the protocol's stored form plus how it came in. */
export interface StoredMessage extends StoredStatusMessage {
  /** False for messages that came in by the unsigned fallback endpoint. */
  readonly trusted: boolean
}

/** Per-item outcome of {@link InboxStore.enqueueInbox}. */
export type EnqueueOutcome = 'accepted' | 'duplicate'

/** A message to store, with what the rules decided about keeping it. */
export interface MessageToStore {
  readonly message: StatusMessage
  readonly receivedAt: number
  /** From the writing rule's days to keep, epoch ms; `null` keeps it until deleted by hand. */
  readonly deleteAfter: number | null
  /** False for messages that came in by the unsigned fallback endpoint; default true. */
  readonly trusted?: boolean
}

/** Why a message left the pipeline without being stored. */
export const LOSS_REASONS = [
  /** Matched no rule that writes it to the database (it may still have been logged or exported). */
  'not_kept',
  /** Refused by the management point for its content. */
  'refused',
  /** Unreadable in the inbox; moved to quarantine. */
  'quarantined',
  /** An outbox entry that gave up (too old, too many attempts). */
  'expired',
  /** A sink that is not there (no OS log socket or tool, a program that cannot start): not retried. */
  'sink_unavailable',
  /** A sink that took the message and failed (a program that failed or ran too long): not retried. */
  'sink_failed',
] as const
export type LossReason = (typeof LOSS_REASONS)[number]

/** One increment of the loss ledger. */
export interface LossEntryInput {
  readonly siteCode: string
  /** `client:<id>`, `site:<code>` or `unknown`. */
  readonly origin: string
  readonly reason: LossReason
  readonly count: number
  readonly at: number
}

/** A row of the loss ledger: totals per site, origin and reason. */
export interface LossLedgerRow {
  readonly siteCode: string
  readonly origin: string
  readonly reason: LossReason
  readonly count: number
  readonly firstAt: number
  readonly lastAt: number
}

/** Filter for reading stored messages; every field narrows, all are optional. */
export interface MessageQuery {
  readonly siteCode?: string
  readonly machine?: string
  readonly component?: string
  readonly module?: string
  readonly severity?: Severity
  /** Any of these severities (combined with `severity` when both are given). */
  readonly severities?: readonly Severity[]
  readonly messageType?: MessageType
  readonly messageId?: number
  /** Any of these message IDs (combined with `messageId` when both are given). */
  readonly messageIds?: readonly number[]
  /** `createdAt >= since`, epoch ms. */
  readonly since?: number
  /** `createdAt < until`, epoch ms. */
  readonly until?: number
  readonly attribute?: { readonly id: number; readonly value?: string }
  /**
   * Some insertion string contains this text. Case-insensitive (ASCII only on SQLite); it scans,
   * so combine it with a component or time filter on large sites.
   */
  readonly insertionStringContains?: string
  /** The insertion string at `position` (1 for %1 … 10 for %10) is exactly `value`. */
  readonly insertionString?: { readonly position: number; readonly value: string }
  /** Only messages that came in signed (`true`) or by the unsigned fallback (`false`). */
  readonly trusted?: boolean
  /** Return records with `recordId` below this (the cursor of the previous page). */
  readonly beforeRecordId?: number
  /** 1–1000; default 100. */
  readonly limit?: number
}

/** One software-distribution message as the deployment summarizer folds it (reference §10.5). */
export interface DeploymentReport {
  /** Attribute 401 of the message. */
  readonly deploymentId: string
  /** The client's machine name. */
  readonly client: string
  readonly messageId: number
  readonly severity: Severity
  /** The message's `createdAt`, epoch ms. */
  readonly createdAt: number
  /** The message's per-origin sequence. */
  readonly sequence: number
  /** The installer's exit code the message carries (10006, 10008, 10022); `null` or absent: none. */
  readonly exitCode?: number | null
}

/** One summarizer state value: a JSON text per kind and key (the site parses it back). */
export interface SummaryEntry {
  readonly key: string
  readonly valueJson: string
  /** Epoch ms. */
  readonly updatedAt: number
}

/** A saved message query as stored; the filter and prompts are JSON texts the site parses. */
export interface SavedQueryRecord {
  readonly id: string
  readonly name: string
  /** Who saved it (a user name, or `admin` for the local administrator token). */
  readonly owner: string
  readonly filterJson: string
  readonly promptsJson: string
  /** Epoch ms. */
  readonly createdAt: number
}

/** How much room the site database takes, for the site system summarizer. */
export interface StorageUsage {
  /** Bytes the database occupies (SQLite: file plus WAL; PostgreSQL: `pg_database_size`); `null` when unknown. */
  readonly databaseBytes: number | null
  /** The SQLite file, whose filesystem free space the poller reads; `null` on PostgreSQL or in memory. */
  readonly databaseFile: string | null
  /** A name for the database in messages, e.g. the file name or the PostgreSQL database. */
  readonly databaseName: string
}

export interface QuarantinedItem {
  readonly id: string
  readonly body: string
  readonly reason: string
  readonly source: string
  readonly receivedAt: number
  readonly quarantinedAt: number
}

/** Approval states of a registered client (reference §5.5: accepted, pending, rejected). */
export const CLIENT_STATUSES = ['approved', 'pending', 'rejected'] as const
export type ClientStatus = (typeof CLIENT_STATUSES)[number]

/** What a client tells the management point when it registers. */
export interface ClientRegistration {
  /** Base64 of the raw 32-byte Ed25519 public key; one client per key. */
  readonly publicKey: string
  /** NetBIOS name of the machine, e.g. `WKS-001`. */
  readonly machine: string
  /** Fully qualified name, or empty. */
  readonly fqdn: string
  readonly localeId: number | null
  readonly agentIdentity: string
  readonly agentVersion: string
  readonly agentType: number
  /** Status of a newly created client; an existing one keeps its own. */
  readonly status: ClientStatus
  /** Epoch ms. */
  readonly registeredAt: number
}

/** A registered client as stored. */
export interface ClientRecord extends Omit<ClientRegistration, 'status'> {
  /** `GUID:<uuid v4>`, assigned at first registration. */
  readonly clientId: string
  readonly status: ClientStatus
  /** Last time the management point took a request from it, epoch ms; `null` until then. */
  readonly lastSeenAt: number | null
}

/** Outcome of {@link ClientStore.registerClient}. */
export interface ClientRegistrationOutcome {
  readonly client: ClientRecord
  /** False when the key was registered before (the record is returned unchanged). */
  readonly created: boolean
}

/**
 * What the client said about itself with a state message: the machine that reported it and the
 * header of the report it came in (all `null` when the body had no header, as a JSON relay).
 */
export interface StateMessageReport {
  /** NetBIOS name from the report header, or the registered name of the client. */
  readonly machine: string
  readonly clientVersion: string | null
  readonly codePage: number | null
  /** `SystemDefaultLCID`. */
  readonly localeId: number | null
  readonly priority: number | null
  /** `ReportDetails/Date`, epoch ms. */
  readonly reportedAt: number | null
}

/** A state message to store, with when the site accepted it. */
export interface StateMessageToStore {
  readonly message: StateMessage
  /** Epoch ms. */
  readonly receivedAt: number
  /** False for state messages from an unsigned source; default true. */
  readonly trusted?: boolean
  /** Who reported it and the report's header; omitted: an empty machine name, no header. */
  readonly report?: StateMessageReport
}

/** A stored state message. */
export interface StoredStateMessage extends StateMessage {
  readonly recordId: number
  readonly receivedAt: number
  readonly trusted: boolean
  readonly report: StateMessageReport
}

/** Filter for {@link StateMessageStore.listStateMessages}; newest first. */
export interface StateMessageQuery {
  readonly topicType?: number
  readonly topicId?: string
  /** `origin.id`, e.g. a client ID. */
  readonly originId?: string
  /** The reporting machine's name ({@link StateMessageReport.machine}), exact. */
  readonly machine?: string
  readonly stateId?: number
  readonly beforeRecordId?: number
  /** 1–1000; default 100. */
  readonly limit?: number
}

/** Operations that run inside one transaction; all of them commit or none do. */
export interface SiteTransaction {
  /**
   * Claims up to `max` inbox items whose `notBefore` has passed, oldest first. On PostgreSQL
   * the rows stay locked (`FOR UPDATE SKIP LOCKED`) until the transaction ends, so two workers
   * never claim the same item.
   */
  claimInbox(options: { readonly max: number; readonly now: number }): Promise<readonly ClaimedInboxItem[]>
  /** Removes processed items from the inbox. */
  deleteInbox(ids: readonly string[]): Promise<void>
  /** Postpones items until `notBefore` (future-dated messages). */
  deferInbox(ids: readonly string[], notBefore: number): Promise<void>
  /** Moves unreadable items out of the inbox into quarantine, with the reason. */
  quarantine(items: readonly { readonly id: string; readonly reason: string }[], now: number): Promise<void>
  /** Stores messages with their insertion strings and attributes; returns their record IDs. */
  saveMessages(messages: readonly MessageToStore[]): Promise<readonly number[]>
  enqueueOutbox(entries: readonly OutboxEntryInput[]): Promise<void>
  addLoss(entries: readonly LossEntryInput[]): Promise<void>
  addComponentCounts(deltas: readonly ComponentCountDelta[]): Promise<void>
  /** Appends software-distribution reports for the deployment summarizer. */
  addDeploymentReports(reports: readonly DeploymentReport[]): Promise<void>
}

/** Runs work in one transaction (the status manager's batch, the management point's replies). */
export interface TransactionStore {
  /** Runs `work` in one transaction: it all commits, or nothing does. */
  transaction<T>(work: (tx: SiteTransaction) => Promise<T>): Promise<T>
}

/** The inbox the management point and the site's own components write into, and its quarantine. */
export interface InboxStore {
  /**
   * Puts messages in the inbox in one transaction, refusing any `id` seen before (in the inbox or
   * already processed). Resolves only after the commit.
   */
  enqueueInbox(items: readonly InboxItem[]): Promise<readonly EnqueueOutcome[]>
  inboxSize(): Promise<number>
  listQuarantine(options?: { readonly limit?: number }): Promise<readonly QuarantinedItem[]>
}

/** Per-origin sequence numbers for the messages a site writes itself. */
export interface SequenceStore {
  /**
   * Reserves `count` consecutive sequence numbers for `origin` (e.g. `site:PS1`) and returns the
   * first. Numbers start at 1 and are never handed out twice, across restarts and processes.
   */
  allocateSequence(origin: string, count: number): Promise<number>
  /**
   * {@link allocateSequence} for several requests in one transaction (one commit for a burst of
   * them); returns the first number of each request, in order. An origin may appear more than
   * once: each request gets its own numbers.
   */
  allocateSequences(
    requests: readonly { readonly origin: string; readonly count: number }[],
  ): Promise<readonly number[]>
}

/** Stored status messages, read by filter or by record ID. */
export interface MessageStore {
  listMessages(query: MessageQuery): Promise<readonly StoredMessage[]>
  countMessages(query?: MessageQuery): Promise<number>
  getMessage(recordId: number): Promise<StoredMessage | undefined>
}

/** Retention: removing the messages whose time to keep has passed. */
export interface RetentionStore {
  /** Deletes up to `limit` messages whose delete-after time has passed; returns how many. */
  deleteAgedMessages(options: { readonly now: number; readonly limit: number }): Promise<number>
}

/** The site's ordered filter rules. */
export interface RuleStore {
  /** The site's ordered filter rules (empty until {@link saveRules} is first called). */
  listRules(): Promise<readonly FilterRule[]>
  /** Replaces the whole ordered rule list at once. */
  saveRules(rules: readonly FilterRule[]): Promise<void>
}

/** Side effects queued by the rules, carried out after the batch commits. */
export interface OutboxStore {
  /** Outbox entries of `kinds` that are due, in order; they stay until {@link completeOutbox}. */
  listDueOutbox(options: {
    readonly kinds: readonly OutboxKind[]
    readonly now: number
    readonly limit: number
  }): Promise<readonly OutboxEntry[]>
  completeOutbox(seqs: readonly number[]): Promise<void>
  /** Records a failed attempt and when to try again. */
  retryOutbox(seq: number, notBefore: number): Promise<void>
  outboxSize(kinds?: readonly OutboxKind[]): Promise<number>
}

/** The ledger of messages that left the pipeline without being stored. */
export interface LossStore {
  lossLedger(): Promise<readonly LossLedgerRow[]>
}

/** The registered clients of the site. */
export interface ClientStore {
  /**
   * Registers a client by its public key, in one statement that two concurrent registrations
   * cannot both win: a new key gets a new `GUID:<uuid v4>` and `registration.status`; a known key
   * gets its existing record back unchanged (`created: false`).
   */
  registerClient(registration: ClientRegistration): Promise<ClientRegistrationOutcome>
  getClient(clientId: string): Promise<ClientRecord | undefined>
  getClientByPublicKey(publicKey: string): Promise<ClientRecord | undefined>
  /** Sets a client's approval; resolves `undefined` when there is no such client. */
  setClientStatus(clientId: string, status: ClientStatus): Promise<ClientRecord | undefined>
  /** Every registered client, oldest registration first. */
  listClients(): Promise<readonly ClientRecord[]>
  /** Records that the clients were heard from at `lastSeenAt` (never moves the time back). */
  touchClients(clientIds: readonly string[], lastSeenAt: number): Promise<void>
}

/** State messages the clients send (they share the inbox's receipts of seen IDs). */
export interface StateMessageStore {
  /**
   * Stores state messages in one transaction, refusing any `id` seen before (state and status
   * messages share the receipts of {@link InboxStore.enqueueInbox}). Resolves only after the commit.
   */
  saveStateMessages(items: readonly StateMessageToStore[]): Promise<readonly EnqueueOutcome[]>
  listStateMessages(query: StateMessageQuery): Promise<readonly StoredStateMessage[]>
}

/** What the summarizers read and keep: component counters, their state and deployment reports. */
export interface SummaryStore {
  componentCounts(query: {
    readonly siteCode?: string
    readonly since?: number
  }): Promise<readonly ComponentCountRow[]>
  /** Every summarizer state value of `kind`, by key. */
  listSummaries(kind: string): Promise<readonly SummaryEntry[]>
  /** Inserts or replaces values of `kind` in one transaction. */
  saveSummaries(kind: string, entries: readonly SummaryEntry[]): Promise<void>
  deleteSummaries(kind: string, keys: readonly string[]): Promise<void>
  /** Deployment reports, oldest first; deployment IDs compare ignoring case. */
  listDeploymentReports(query?: { readonly deploymentId?: string }): Promise<readonly DeploymentReport[]>
}

/** The message queries users saved by name. */
export interface SavedQueryStore {
  listSavedQueries(): Promise<readonly SavedQueryRecord[]>
  /** Inserts or replaces a saved query by `id`. */
  saveQuery(query: SavedQueryRecord): Promise<void>
  /** Resolves false when there was no such query. */
  deleteSavedQuery(id: string): Promise<boolean>
}

/** How much room the database takes. */
export interface StorageUsageStore {
  /** Size of the database, for the site system summarizer. */
  storageUsage(): Promise<StorageUsage>
}

/**
 * Everything a site keeps: the per-concern stores together. Two adapters implement it, SQLite
 * and PostgreSQL, and one contract suite runs on both. A caller that needs one concern asks for
 * that store (`ClientStore`, `SummaryStore`, …), not for all of this.
 */
export interface SiteStore
  extends
    TransactionStore,
    InboxStore,
    SequenceStore,
    MessageStore,
    RetentionStore,
    RuleStore,
    OutboxStore,
    LossStore,
    ClientStore,
    StateMessageStore,
    SummaryStore,
    SavedQueryStore,
    StorageUsageStore,
    SiteLinkOperations,
    UserStore,
    DistributionOperations,
    NotificationStore {
  readonly dialect: 'sqlite' | 'postgres'
  close(): Promise<void>
}
