/**
 * Scenario 5, footprint: bytes on disk per stored message (3 insertion strings, 2 attributes),
 * with every index, on SQLite (the database file after a WAL checkpoint) and PostgreSQL (every
 * partition of the message and attribute tables with their indexes and TOAST). Reference
 * points: the message's JSON wire form and its RFC 5424 line (what rsyslogd writes to a file).
 */
import { statSync } from 'node:fs'
import { join } from 'node:path'
import { encodeStatusMessageJson } from '@sitrep/protocol'
import pg from 'pg'
import { makeBenchMessage, rfc5424Line } from '../lib/bench-messages.ts'
import { generatePostgresDataset, generateSqliteDataset } from '../lib/datasets.ts'
import type { Figure } from '../lib/figures.ts'
import { compare, figure, skippedFigure } from '../lib/figures.ts'
import { POSTGRES_SKIPPED, openBenchPostgres } from '../lib/postgres-target.ts'
import type { ScenarioContext } from './scenario-context.ts'

const SCENARIO = 'footprint'
export const FOOTPRINT_SQLITE = 'Bytes on disk per stored message, SQLite'
export const FOOTPRINT_POSTGRES = 'Bytes on disk per stored message, PostgreSQL'
export const JSON_BYTES = 'JSON wire form of the same message'
export const SYSLOG_BYTES = 'RFC 5424 line of the same message (rsyslog file)'
const SAMPLE = 1000

function averageBytes(encode: (i: number) => string): number {
  let total = 0
  for (let i = 0; i < SAMPLE; i++) total += Buffer.byteLength(encode(i))
  return total / SAMPLE
}

async function postgresBytes(url: string, schema: string): Promise<number> {
  const client = new pg.Client({ connectionString: url, options: `-c search_path=${schema}` })
  await client.connect()
  try {
    const result = await client.query<{ bytes: string }>(
      `select coalesce(sum(pg_total_relation_size(relid)), 0)::text as bytes
       from (select relid from pg_partition_tree('status_messages')
             union all select relid from pg_partition_tree('status_message_attributes')) as parts`,
    )
    return Number(result.rows[0]?.bytes ?? Number.NaN)
  } finally {
    await client.end()
  }
}

/** Runs the footprint scenario. */
export async function runFootprintScenario(context: ScenarioContext): Promise<readonly Figure[]> {
  const rows = context.mode.footprint.rows
  const now = Date.now()
  const json = figure({
    scenario: SCENARIO,
    role: 'baseline',
    name: JSON_BYTES,
    value: averageBytes((i) => JSON.stringify(encodeStatusMessageJson(makeBenchMessage(i, now)))),
    unit: 'B/msg',
  })
  const syslog = figure({
    scenario: SCENARIO,
    role: 'baseline',
    name: SYSLOG_BYTES,
    value: averageBytes((i) => rfc5424Line(i, now)),
    unit: 'B/msg',
  })

  const filename = join(context.workDir, 'footprint.sqlite')
  context.log(`SQLite: generating ${rows.toLocaleString('en-US')} messages`)
  await generateSqliteDataset(filename, rows, now)
  const sqliteBytes = statSync(filename).size
  const sqlite = figure({
    scenario: SCENARIO,
    role: 'sitrep',
    name: FOOTPRINT_SQLITE,
    value: sqliteBytes / rows,
    unit: 'B/msg',
    details: { rows },
  })

  let postgres: Figure
  const target = await openBenchPostgres(context)
  if (target === undefined) {
    postgres = skippedFigure(SCENARIO, 'sitrep', FOOTPRINT_POSTGRES, 'B/msg', POSTGRES_SKIPPED)
  } else {
    context.log(`PostgreSQL: generating ${rows.toLocaleString('en-US')} messages`)
    await generatePostgresDataset(target.store, target, rows, now)
    postgres = figure({
      scenario: SCENARIO,
      role: 'sitrep',
      name: FOOTPRINT_POSTGRES,
      value: (await postgresBytes(target.url, target.schema)) / rows,
      unit: 'B/msg',
      details: { rows },
    })
  }
  const all = [json, syslog, sqlite, postgres]
  return [
    compare(sqlite, all, [JSON_BYTES, SYSLOG_BYTES]),
    compare(postgres, all, [JSON_BYTES, SYSLOG_BYTES]),
    json,
    syslog,
  ]
}
