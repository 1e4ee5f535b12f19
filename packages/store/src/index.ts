// Public API of @sitrep/store: the storage interface and its SQLite and PostgreSQL adapters.
export { OUTBOX_KINDS, LOSS_REASONS } from './site-store.ts'
export type {
  SiteStore,
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
} from './site-store.ts'
