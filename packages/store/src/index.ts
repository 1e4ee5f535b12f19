// Public API of @sitrep/store: the storage interface and its SQLite and PostgreSQL adapters.
// Left out on purpose: the Kysely row types and the shared Kysely implementation
// (kysely-site-store.ts), which are the adapters' business; callers see only domain types.
export { OUTBOX_KINDS, LOSS_REASONS, CLIENT_STATUSES } from './site-store.ts'
export type {
  SiteStore,
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
  SiteTransaction,
  InboxItem,
  ClaimedInboxItem,
  EnqueueOutcome,
  MessageToStore,
  OutboxKind,
  OutboxEntryInput,
  OutboxEntry,
  LossReason,
  LossEntryInput,
  LossLedgerRow,
  ComponentCountDelta,
  ComponentCountRow,
  MessageQuery,
  QuarantinedItem,
  StoredMessage,
  ClientStatus,
  ClientRegistration,
  ClientRecord,
  ClientRegistrationOutcome,
  StateMessageReport,
  StateMessageToStore,
  StoredStateMessage,
  StateMessageQuery,
  DeploymentReport,
  SummaryEntry,
  SavedQueryRecord,
  StorageUsage,
} from './site-store.ts'
export { SITE_LINK_DIRECTIONS, SITE_LINK_STATUSES } from './site-links.ts'
export type {
  SiteLink,
  SiteLinkDirection,
  SiteLinkStatus,
  SiteLinkOperations,
  SubtreeSite,
  ReplicationBacklog,
} from './site-links.ts'
export type {
  ApplicationRecord,
  ApplicationRevisionRecord,
  ContentRecord,
  CollectionRecord,
  CollectionInput,
  CollectionMember,
  MembershipChange,
  DeploymentRecord,
  DistributionOperations,
  ClientFactsRecord,
} from './distribution-records.ts'
export { USER_ROLES } from './user-records.ts'
export type {
  UserRole,
  UserRecord,
  NewUser,
  UserChange,
  GuardedUserOutcome,
  SessionRecord,
  NewSession,
  ApiTokenRecord,
  NewApiToken,
  UserStore,
} from './user-records.ts'
export { NOTIFICATION_STATES, ATTEMPT_OUTCOMES, DEAD_LETTER_REASONS } from './notification-records.ts'
export type {
  NotificationState,
  AttemptOutcome,
  DeadLetterReason,
  NotificationAttempt,
  NotificationRecord,
  NotificationDetail,
  NotificationQuery,
  NotificationStore,
  OutboxNext,
  OutboxSettlement,
} from './notification-records.ts'
export { STORE_ERROR_CODES, StoreError, isStoreError } from './errors.ts'
export type { StoreErrorCode } from './errors.ts'
export { createSqliteStore, SQLITE_BUSY_TIMEOUT_MS } from './sqlite-store.ts'
export type { SqliteStoreOptions } from './sqlite-store.ts'
export {
  createPostgresStore,
  createPostgresSchema,
  dropPostgresSchema,
  redactUrl,
  DEFAULT_POSTGRES_POOL_SIZE,
  DEFAULT_POSTGRES_CONNECT_TIMEOUT_MS,
  DEFAULT_POSTGRES_STATEMENT_TIMEOUT_MS,
} from './postgres-store.ts'
export type { PostgresStoreOptions, PostgresSiteStore } from './postgres-store.ts'
export { PARTITION_SPAN_MS, partitionFor } from './postgres-partitions.ts'
export type { MessagePartition } from './postgres-partitions.ts'
export { openStore } from './open-store.ts'
export type { OpenStoreOptions } from './open-store.ts'
export { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from './kysely-site-store.ts'
