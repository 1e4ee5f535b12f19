/**
 * Row types of the site database, as Kysely sees them. Row types are not domain types: the
 * mappers in `message-rows.ts` and the store turn them into `StoredStatusMessage` and friends.
 *
 * Integer columns that can exceed 2^31 are `bigint` on PostgreSQL, which `pg` returns as strings;
 * better-sqlite3 returns numbers. {@link Int8} covers both, and the mappers parse it.
 */
import type { ColumnType } from 'kysely'

/** A 64-bit integer column: read as `number` (SQLite) or `string` (PostgreSQL), written as `number`. */
export type Int8 = ColumnType<number | string, number, number>
/** A nullable 64-bit integer column. */
export type NullableInt8 = ColumnType<number | string | null, number | null, number | null>
/** A database-assigned 64-bit key (`integer primary key autoincrement` or `bigserial`). */
export type GeneratedInt8 = ColumnType<number | string, number | undefined, never>
/** Booleans are stored as 0/1 on both engines (better-sqlite3 cannot bind `true`). */
export type Flag = 0 | 1

/** `status_messages`: one row per stored message; partitioned by `received_at` on PostgreSQL. */
export interface StatusMessagesTable {
  record_id: GeneratedInt8
  /** The producer's UUIDv7 `id`. Not unique here: duplicates are refused by `inbox_receipts`. */
  message_uuid: string
  origin_kind: string
  origin_id: string
  sequence: Int8
  /** Severity name (`informational`, `warning`, `error`). */
  severity: string
  /** Message type name (`milestone`, `detail`, `audit`, `event`). */
  message_type: string
  message_id: number
  module: string
  component: string
  machine: string
  site_code: string | null
  top_level_site_code: string | null
  process_id: Int8
  thread_id: Int8
  win32_error: Int8
  created_at: Int8
  per_client: Flag
  /** Report function name (`report`, `beginTransaction`, …). */
  report_function: string
  in_transaction: Flag
  successful_transaction: Flag
  /** `%1`…`%10` as a JSON array of strings; element 0 is `%1`. */
  insertion_strings: string
  received_at: Int8
  delete_after: NullableInt8
  trusted: Flag
}

/** `status_message_attributes`: one row per attribute; deleted with its message. */
export interface StatusMessageAttributesTable {
  record_id: Int8
  /** Copied from the message so PostgreSQL partitions the side table the same way. */
  received_at: Int8
  /** Order of the attribute in the message, from 0. */
  position: number
  attribute_id: Int8
  value: string
}

/** `inbox`: accepted messages waiting for the status manager. */
export interface InboxTable {
  seq: GeneratedInt8
  id: string
  body: string
  received_at: Int8
  not_before: Int8
  source: string
  trusted: Flag
}

/** `inbox_receipts`: every message ID ever accepted, so duplicates are refused after processing. */
export interface InboxReceiptsTable {
  message_id: string
  received_at: Int8
}

/** `quarantine`: inbox items that could not be processed. */
export interface QuarantineTable {
  seq: GeneratedInt8
  id: string
  body: string
  reason: string
  source: string
  received_at: Int8
  quarantined_at: Int8
}

/** `outbox`: side effects queued by the rules, carried out after the batch commits. */
export interface OutboxTable {
  seq: GeneratedInt8
  kind: string
  target: string
  /** Index in `REPLICATION_PRIORITIES` (0 low … 2 high), so lanes sort numerically. */
  priority: number
  message_id: string
  payload: string
  created_at: Int8
  attempts: number
  not_before: Int8
}

/** `loss_ledger`: messages that left the pipeline without being stored, per site, origin, reason. */
export interface LossLedgerTable {
  site_code: string
  origin: string
  reason: string
  count: Int8
  first_at: Int8
  last_at: Int8
}

/** `filter_rules`: the ordered rule list; `rule_json` is parsed back through `parseStoredRule`. */
export interface FilterRulesTable {
  position: number
  id: string
  rule_json: string
}

/** `clients`: registered client machines (used by client registration). */
export interface ClientsTable {
  client_id: string
  /** The machine's NetBIOS name. */
  name: string
  /** Base64 of the raw Ed25519 key; unique since migration 0002. */
  public_key: string
  /** `pending`, `approved` or `rejected`. */
  approval: string
  registered_at: Int8
  last_seen_at: NullableInt8
  /** Columns added by migration 0002 (defaults fill rows of 0001). */
  fqdn: ColumnType<string, string | undefined, string>
  locale_id: ColumnType<number | null, number | null | undefined, number | null>
  agent_identity: ColumnType<string, string | undefined, string>
  agent_version: ColumnType<string, string | undefined, string>
  agent_type: ColumnType<number, number | undefined, number>
}

/** `state_messages`: accepted state messages (relay endpoint), migration 0002. */
export interface StateMessagesTable {
  record_id: GeneratedInt8
  message_uuid: string
  origin_kind: string
  origin_id: string
  serial_number: Int8
  topic_id: string
  topic_type: Int8
  topic_id_type: Int8
  topic_user: string
  topic_user_sid: string
  state_id: Int8
  criticality: Int8
  /** `null` when the message has no `StateDetails`. */
  details_type: NullableInt8
  details_text: string | null
  user_flags: Int8
  /** `UserParameters/Param` as a JSON array of strings. */
  user_params: string
  message_time: Int8
  received_at: Int8
  trusted: Flag
  /** The reporting machine's name (migration 0007-state-message-reports; '' on older rows). */
  machine: ColumnType<string, string | undefined, string>
  /** Report header fields; `null` when the client sent none (JSON relay, older rows). */
  client_version: ColumnType<string | null, string | null | undefined, string | null>
  code_page: ColumnType<number | string | null, number | null | undefined, number | null>
  locale_id: ColumnType<number | string | null, number | null | undefined, number | null>
  report_priority: ColumnType<number | string | null, number | null | undefined, number | null>
  /** `ReportDetails/Date`, epoch ms. */
  report_date: ColumnType<number | string | null, number | null | undefined, number | null>
}

/** `component_counts`: messages per site, machine, component, hour and severity. */
export interface ComponentCountsTable {
  site_code: string
  machine: string
  component: string
  hour_start: Int8
  severity: string
  count: Int8
}

/** `summaries`: generic summarizer state, one JSON value per kind and key. */
export interface SummariesTable {
  kind: string
  key: string
  value_json: string
  updated_at: Int8
}

/** `origin_sequences`: the last sequence number handed out per origin. */
export interface OriginSequencesTable {
  origin: string
  last_sequence: Int8
}

/** `deployment_reports`: one row per software-distribution message (migration 0003). */
export interface DeploymentReportsTable {
  seq: GeneratedInt8
  deployment_key: string
  deployment_id: string
  client_key: string
  client: string
  message_id: number
  severity: string
  created_at: Int8
  sequence: Int8
  /** The installer's exit code, when the message carries one (migration 0016). */
  exit_code: ColumnType<number | string | null, number | null | undefined, number | null>
}

/** `saved_queries`: administrators' saved message queries (migration 0003). */
export interface SavedQueriesTable {
  id: string
  name: string
  owner: string
  filter_json: string
  prompts_json: string
  created_at: Int8
}

/** `site_links`: links to the parent and child sites (migration 0005, docs/hierarchy.md). */
export interface SiteLinksTable {
  /** `parent` or `child`: which end the other site is. */
  direction: string
  site_code: string
  url: string
  /** Base64 of the other site's raw Ed25519 key; empty until enrolment tells it. */
  public_key: string
  /** `pending`, `approved` or `rejected`. */
  status: string
  enrolled_at: Int8
  last_contact_at: NullableInt8
  last_acked_seq: ColumnType<number | string, number | undefined, number>
  unknown_since: NullableInt8
  /** Sites under a child as `[{ "siteCode", "parentSiteCode" }]` JSON, from its summaries. */
  subtree: ColumnType<string, string | undefined, string>
  sent_count: ColumnType<number | string, number | undefined, number>
  deferred_count: ColumnType<number | string, number | undefined, number>
}

/** `users`: console and API users (migration 0004); `username_key` is the lower-cased name. */
export interface UsersTable {
  username_key: string
  username: string
  password_hash: string
  role: string
  created_at: Int8
  updated_at: Int8
}

/** `sessions`: console sessions; `id_hash` is the SHA-256 (hex) of the cookie value. */
export interface SessionsTable {
  id_hash: string
  username_key: string
  csrf_token: string
  created_at: Int8
  last_used_at: Int8
  expires_at: Int8
}

/** `api_tokens`: issued API tokens; `token_hash` is the SHA-256 (hex) of the token. */
export interface ApiTokensTable {
  id: string
  name: string
  username_key: string
  token_hash: string
  created_at: Int8
  last_used_at: NullableInt8
}

/** `applications`: what every revision of an application shares (migration 0010). */
export interface ApplicationsTable {
  id: string
  name: string
  latest_revision: number
  created_at: Int8
  updated_at: Int8
  removed_at: NullableInt8
}

/** `application_revisions`: one row per revision, the whole revision as JSON (migration 0010). */
export interface ApplicationRevisionsTable {
  application_id: string
  revision: number
  body_json: string
  created_at: Int8
  created_by: string
}

/** `content_files`: content the site holds, by SHA-256 (migration 0010). */
export interface ContentFilesTable {
  sha256: string
  size: Int8
  created_at: Int8
}

/** `collections`: collections of clients; the definition is JSON the site parses (migration 0011). */
export interface CollectionsTable {
  id: string
  name: string
  definition_json: string
  builtin: ColumnType<Flag, Flag | undefined, Flag>
  member_count: ColumnType<number, number | undefined, number>
  created_at: Int8
  updated_at: Int8
  evaluated_at: NullableInt8
  removed_at: NullableInt8
}

/** `collection_members`: the evaluated members of each collection (migration 0011). */
export interface CollectionMembersTable {
  collection_id: string
  client_id: string
  since: Int8
}

/** `collection_membership_history`: every addition and removal (migration 0011). */
export interface CollectionMembershipHistoryTable {
  seq: GeneratedInt8
  collection_id: string
  client_id: string
  change: string
  at: Int8
}

/** `deployments`: application revision × collection (migration 0012). */
export interface DeploymentsTable {
  id: string
  application_id: string
  revision: number
  collection_id: string
  settings_json: string
  created_at: Int8
  created_by: string
  cancelled_at: NullableInt8
  cancelled_by: string | null
}

/** `client_facts`: what each client last reported about itself, as JSON (migration 0013). */
export interface ClientFactsTable {
  client_id: string
  facts_json: string
  updated_at: Int8
}

/** `notifications`: one row per message queued for an export target (migration 0019). */
export interface NotificationsTable {
  /** The outbox sequence number the notification was queued under. */
  id: Int8
  kind: string
  target: string
  message_id: string
  created_at: Int8
  state: string
  attempts: number
  last_attempt_at: NullableInt8
  last_error: string | null
  finished_at: NullableInt8
  loss_reason: string | null
  /** The undelivered payload of a dead letter; null otherwise. */
  payload: string | null
}

/** `notification_attempts`: one row per delivery attempt of a notification (migration 0019). */
export interface NotificationAttemptsTable {
  notification_id: Int8
  attempt: number
  at: Int8
  outcome: string
  error: string | null
  duration_ms: number
}

/** The whole site database. */
export interface Database {
  status_messages: StatusMessagesTable
  status_message_attributes: StatusMessageAttributesTable
  inbox: InboxTable
  inbox_receipts: InboxReceiptsTable
  quarantine: QuarantineTable
  outbox: OutboxTable
  loss_ledger: LossLedgerTable
  filter_rules: FilterRulesTable
  clients: ClientsTable
  state_messages: StateMessagesTable
  component_counts: ComponentCountsTable
  summaries: SummariesTable
  origin_sequences: OriginSequencesTable
  users: UsersTable
  sessions: SessionsTable
  api_tokens: ApiTokensTable
  site_links: SiteLinksTable
  deployment_reports: DeploymentReportsTable
  saved_queries: SavedQueriesTable
  applications: ApplicationsTable
  application_revisions: ApplicationRevisionsTable
  content_files: ContentFilesTable
  collections: CollectionsTable
  collection_members: CollectionMembersTable
  collection_membership_history: CollectionMembershipHistoryTable
  deployments: DeploymentsTable
  client_facts: ClientFactsTable
  notifications: NotificationsTable
  notification_attempts: NotificationAttemptsTable
}

/** Which engine a schema or store runs on. */
export type StoreDialect = 'sqlite' | 'postgres'
