/**
 * Daily time partitions of the message tables on PostgreSQL. `status_messages` and
 * `status_message_attributes` are both partitioned by `received_at` (UTC days), with partitions
 * named `<table>_pYYYYMMDD`, so retention drops a day's messages and their attributes together
 * with two `DROP TABLE`s instead of deleting millions of rows.
 */
import { sql } from 'kysely'
import type { Kysely } from 'kysely'
import { toSafeInteger } from './message-rows.ts'
import { sqlStateOf } from './postgres-sql-state.ts'
import type { Database } from './schema.ts'

/** Width of one partition: a UTC day, in ms. */
export const PARTITION_SPAN_MS = 86_400_000
/** The partitioned tables; a day's partitions of both are created and dropped together. */
export const PARTITIONED_TABLES = ['status_messages', 'status_message_attributes'] as const

/** One daily partition: its name suffix and its `received_at` range `[from, until)`. */
export interface MessagePartition {
  /** Name of the `status_messages` partition, e.g. `status_messages_p20250131`. */
  readonly name: string
  readonly from: number
  readonly until: number
}

const SUFFIX_PATTERN = /^status_messages_p(\d{4})(\d{2})(\d{2})$/
// SQLSTATEs two workers creating the same partition at once can meet.
const CREATE_RACE_CODES = new Set(['42P07', '23505', '42P17'])
const CREATE_ATTEMPTS = 3

/** Returns the partition a `received_at` falls in. */
export function partitionFor(receivedAt: number): MessagePartition {
  const from = Math.floor(receivedAt / PARTITION_SPAN_MS) * PARTITION_SPAN_MS
  const day = new Date(from).toISOString().slice(0, 10).replaceAll('-', '')
  return { name: `status_messages_p${day}`, from, until: from + PARTITION_SPAN_MS }
}

function partitionTableName(table: (typeof PARTITIONED_TABLES)[number], partition: MessagePartition): string {
  return partition.name.replace('status_messages', table)
}

/**
 * Makes sure the partitions for `receivedAts` exist, and the next day's too, so that the first
 * batch after midnight rarely has to create one. Runs inside the caller's transaction: a
 * missing partition is created under a savepoint, and a worker that loses the race to create
 * it rolls back to the savepoint and finds it there on retry.
 */
export async function ensureMessagePartitions(
  db: Kysely<Database>,
  receivedAts: readonly number[],
): Promise<void> {
  const wanted = new Map<string, MessagePartition>()
  for (const at of receivedAts) {
    const p = partitionFor(at)
    wanted.set(p.name, p)
    const next = partitionFor(p.until)
    wanted.set(next.name, next)
  }
  const missing = await sql<{ name: string }>`
    select name from unnest(${[...wanted.keys()]}::text[]) as name where to_regclass(name) is null
  `.execute(db)
  for (const { name } of missing.rows) {
    const partition = wanted.get(name)
    if (partition !== undefined) await createPartition(db, partition)
  }
}

/**
 * Creates the partitions of every day in `[from, until)` that does not exist yet, each in its own
 * short statement outside any batch. The site's daily maintenance calls it (through
 * `PostgresSiteStore.preparePartitions`) so batches seldom hold a DDL lock.
 */
export async function preparePartitionRange(
  db: Kysely<Database>,
  from: number,
  until: number,
): Promise<void> {
  const days: number[] = []
  for (let at = partitionFor(from).from; at < until; at += PARTITION_SPAN_MS) days.push(at)
  if (days.length > 0) await db.transaction().execute((tx) => ensureMessagePartitions(tx, days))
}

async function createPartition(db: Kysely<Database>, partition: MessagePartition): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    await sql`savepoint sitrep_partition`.execute(db)
    try {
      for (const table of PARTITIONED_TABLES) {
        await sql`create table if not exists ${sql.id(partitionTableName(table, partition))}
          partition of ${sql.id(table)}
          for values from (${sql.lit(partition.from)}) to (${sql.lit(partition.until)})`.execute(db)
      }
      await sql`release savepoint sitrep_partition`.execute(db)
      return
    } catch (error) {
      await sql`rollback to savepoint sitrep_partition`.execute(db)
      if (attempt >= CREATE_ATTEMPTS || !CREATE_RACE_CODES.has(sqlStateOf(error))) throw error
    }
  }
}

/** Lists the daily partitions of `status_messages`, oldest first. */
export async function listMessagePartitions(db: Kysely<Database>): Promise<MessagePartition[]> {
  const result = await sql<{ name: string }>`
    select c.relname as name from pg_inherits i join pg_class c on c.oid = i.inhrelid
    where i.inhparent = to_regclass('status_messages') order by c.relname
  `.execute(db)
  const partitions: MessagePartition[] = []
  for (const { name } of result.rows) {
    const m = SUFFIX_PATTERN.exec(name)
    if (m === null) continue
    partitions.push(partitionFor(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))))
  }
  return partitions
}

/**
 * Drops every partition whose day is over and whose rows have all passed their delete-after time
 * (none kept forever, none still due), with its attribute partition; returns the rows dropped.
 * The check is repeated under a lock that stops writers to the message tables (readers carry
 * on), so a late message cannot slip into a partition between the check and the drop.
 */
export async function dropAgedPartitions(db: Kysely<Database>, now: number): Promise<number> {
  let dropped = 0
  for (const partition of await listMessagePartitions(db)) {
    if (partition.until > now) continue
    if (await keepsRows(db, partition, now)) continue
    dropped += await db.transaction().execute(async (tx) => {
      // Parents first, in insert order, the same order writers take them: no lock cycle.
      await sql`lock table status_messages, status_message_attributes in share row exclusive mode`.execute(tx)
      if (await keepsRows(tx, partition, now)) return 0
      const count = await sql<{ n: string }>`select count(*) as n from ${sql.id(partition.name)}`.execute(tx)
      for (const table of [...PARTITIONED_TABLES].reverse()) {
        await sql`drop table if exists ${sql.id(partitionTableName(table, partition))}`.execute(tx)
      }
      return toSafeInteger(count.rows[0]?.n ?? 0, 'count(partition)')
    })
  }
  return dropped
}

async function keepsRows(db: Kysely<Database>, partition: MessagePartition, now: number): Promise<boolean> {
  const result = await sql<{ keep: boolean }>`
    select exists (
      select 1 from ${sql.id(partition.name)} where delete_after is null or delete_after >= ${now}
    ) as keep
  `.execute(db)
  return result.rows[0]?.keep ?? true
}
