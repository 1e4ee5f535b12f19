/**
 * Migrated PostgreSQL schemas that a suite reuses from test to test: a test takes one, emptied,
 * and gives it back when it ends. Migrating a fresh schema costs about ten times as much as
 * emptying one, and a site-level suite opens a store in almost every test.
 */
import { createPostgresSchema, dropPostgresSchema } from '../../src/index.ts'
import { queryPostgres, randomSchemaName } from './postgres.ts'

/** Schemas of one suite; `drain` drops them all. */
export interface PostgresSchemaPool {
  /** A schema with no rows in any table (migrated on its first store open), for one test. */
  take(): Promise<string>
  /** Gives a schema back once every store on it is closed. */
  give(schema: string): void
  /** Drops every schema this pool made. */
  drain(): Promise<void>
}

/** Creates a pool on the server at `url`. */
export function createPostgresSchemaPool(url: string): PostgresSchemaPool {
  const all: string[] = []
  const free: string[] = []
  return {
    async take() {
      const reused = free.pop()
      if (reused !== undefined) {
        await emptySchema(url, reused)
        return reused
      }
      const schema = randomSchemaName()
      await createPostgresSchema(url, schema)
      all.push(schema)
      return schema
    },
    give(schema) {
      if (all.includes(schema) && !free.includes(schema)) free.push(schema)
    },
    async drain() {
      free.length = 0
      for (const schema of all.splice(0)) await dropPostgresSchema(url, schema)
    },
  }
}

/**
 * Removes every row and every message partition from `schema`, keeping the migrated tables and
 * Kysely's bookkeeping; identities restart, so record IDs begin at 1 again as in a new schema.
 *
 * The rows go by DELETE with foreign-key triggers off (a test leaves a few rows), which takes a
 * tenth of the time of a TRUNCATE, whose new files of every table and index cost a second per
 * test on a busy machine; a role that may not switch the triggers off gets the TRUNCATE.
 */
export async function emptySchema(url: string, schema: string): Promise<void> {
  await queryPostgres(
    url,
    schema,
    `do $$
     declare r record; tables text; deletes text; restarts text;
     begin
       for r in select c.relname from pg_class c join pg_namespace n on n.oid = c.relnamespace
                where n.nspname = current_schema() and c.relispartition and c.relkind in ('r', 'p') loop
         execute format('drop table %I', r.relname);
       end loop;
       select string_agg(format('%I', c.relname), ', '),
              string_agg(format('delete from %I;', c.relname), ' ')
         into tables, deletes
         from pg_class c join pg_namespace n on n.oid = c.relnamespace
        where n.nspname = current_schema() and c.relkind in ('r', 'p')
          and not c.relispartition and c.relname not like 'kysely_%';
       select coalesce(string_agg(format('alter sequence %I restart;', c.relname), ' '), '') into restarts
         from pg_class c join pg_namespace n on n.oid = c.relnamespace
        where n.nspname = current_schema() and c.relkind = 'S';
       if tables is null then return; end if;
       begin
         set local session_replication_role = replica;
         execute deletes || restarts;
         set local session_replication_role = origin;
       exception when insufficient_privilege then
         execute 'truncate table ' || tables || ' restart identity cascade';
       end;
     end $$`,
  )
}
