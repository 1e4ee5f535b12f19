/** What the SQLite and PostgreSQL adapters hand the shared Kysely store. */
import type { Kysely } from 'kysely'
import type { Database, StoreDialect } from './schema.ts'
import type { StorageUsage } from './site-store.ts'
import type { RowWriter } from './sqlite-row-writer.ts'

/** What an adapter supplies to `createKyselySiteStore`. */
export interface KyselySiteStoreOptions {
  readonly db: Kysely<Database>
  readonly dialect: StoreDialect
  /** Bound parameters one statement may carry on this engine. */
  readonly maxParameters: number
  /** Runs `work` in one transaction on one connection; `work` must use only the executor it gets. */
  readonly transaction: <T>(work: (db: Kysely<Database>) => Promise<T>) => Promise<T>
  /** Runs inside the transaction before messages are inserted (PostgreSQL makes partitions). */
  readonly beforeSaveMessages?: (db: Kysely<Database>, receivedAts: readonly number[]) => Promise<void>
  /** Writes inbox, message and attribute rows faster than built SQL can (SQLite); default: built SQL. */
  readonly rowWriter?: RowWriter
  /** Removes whole aged units cheaply before the bounded batch delete; returns rows removed. */
  readonly dropAgedMessages?: (now: number) => Promise<number>
  /** Measures the database's size (for the site system summarizer); default unknown. */
  readonly storageUsage?: () => Promise<StorageUsage>
  /** Releases the engine (closes the file or the pool). */
  readonly close: () => Promise<void>
}
