/**
 * Scenario 2, status manager: a full inbox drained by the real `processInboxBatch` (claim, parse,
 * default filter rules, store with attributes, component counters, delete from the inbox, one
 * transaction per batch of the site's default size), on SQLite and on PostgreSQL. Baseline: a
 * plain better-sqlite3 loop inserting the same message and attribute rows into the same schema
 * with the same durability (WAL, `synchronous=FULL`) in transactions of the same size.
 */
import { join } from 'node:path'
import SqliteDatabase from 'better-sqlite3'
import { DEFAULT_FILTER_RULES } from '@sitrep/core'
import type { StatusMessage } from '@sitrep/protocol'
import { createCatalogue, encodeStatusMessageJson, renderMessage } from '@sitrep/protocol'
import { processInboxBatch } from '@sitrep/site'
import type { SiteStore } from '@sitrep/store'
import { createSqliteStore } from '@sitrep/store'
import { makeBenchMessage } from '../lib/bench-messages.ts'
import { prepareSqliteMessageInsert } from '../lib/datasets.ts'
import type { Figure } from '../lib/figures.ts'
import { compare, figure, skippedFigure } from '../lib/figures.ts'
import { POSTGRES_SKIPPED, openBenchPostgres } from '../lib/postgres-target.ts'
import type { ScenarioContext } from './scenario-context.ts'

const SCENARIO = 'status-manager'
const ENQUEUE_CHUNK = 5000
export const STATUS_MANAGER_SQLITE = 'Status manager inbox→stored+summarized, SQLite'
export const STATUS_MANAGER_POSTGRES = 'Status manager inbox→stored+summarized, PostgreSQL'
export const SQLITE_INSERT_BASELINE = 'Plain better-sqlite3 insert loop, same rows and transaction size'

async function fillInbox(store: SiteStore, count: number): Promise<void> {
  const createdAt = Date.now() - 60_000
  for (let from = 0; from < count; from += ENQUEUE_CHUNK) {
    const items = []
    for (let i = from; i < Math.min(count, from + ENQUEUE_CHUNK); i++) {
      const message = makeBenchMessage(i, createdAt)
      items.push({
        id: message.id,
        body: JSON.stringify(encodeStatusMessageJson(message)),
        receivedAt: Date.now(),
        source: 'mp',
        trusted: true,
      })
    }
    await store.enqueueInbox(items)
  }
}

/** Drains the inbox with the real batch function; returns messages stored per second. */
async function drain(
  store: SiteStore,
  context: ScenarioContext,
): Promise<{ perSecond: number; stored: number; batches: number }> {
  const catalogue = createCatalogue()
  const render = (message: StatusMessage): string => renderMessage(catalogue, message).text
  const rules = await store.listRules()
  const { batchSize, maxDurationMs } = context.mode.statusManager
  let stored = 0
  let batches = 0
  const startedAt = performance.now()
  while (performance.now() - startedAt < maxDurationMs) {
    const result = await processInboxBatch(store, {
      batchSize,
      context: () => ({
        rules,
        site: { siteCode: 'PS1', parentSiteCode: null },
        now: Date.now(),
        futureThresholdMs: 300_000,
        render,
        exportTargets: new Set<string>(),
      }),
    })
    if (result.claimed === 0) break
    stored += result.stored
    batches++
  }
  const seconds = (performance.now() - startedAt) / 1000
  return { perSecond: stored / seconds, stored, batches }
}

async function measureStore(name: string, store: SiteStore, context: ScenarioContext): Promise<Figure> {
  await store.saveRules(DEFAULT_FILTER_RULES)
  const { messages } = context.mode.statusManager
  context.log(`${name}: filling the inbox with ${messages.toLocaleString('en-US')} messages`)
  await fillInbox(store, messages)
  context.log(`${name}: draining`)
  const result = await drain(store, context)
  if (result.stored < messages)
    context.log(`${name}: stopped at the time bound after ${result.stored} messages`)
  return figure({
    scenario: SCENARIO,
    role: 'sitrep',
    name,
    value: result.perSecond,
    unit: 'msg/s',
    details: { messages: result.stored, batches: result.batches },
  })
}

/** The storage ceiling: the same rows, straight into the same schema, same durability and batch size. */
function measureSqliteBaseline(context: ScenarioContext, filename: string): Figure {
  const { messages, batchSize } = context.mode.statusManager
  const db = new SqliteDatabase(filename)
  try {
    db.pragma('journal_mode = WAL')
    db.pragma('synchronous = FULL')
    const insert = prepareSqliteMessageInsert(db, messages, Date.now())
    const startedAt = performance.now()
    for (let from = 0; from < messages; from += batchSize) insert(from, Math.min(messages, from + batchSize))
    const seconds = (performance.now() - startedAt) / 1000
    return figure({
      scenario: SCENARIO,
      role: 'baseline',
      name: SQLITE_INSERT_BASELINE,
      value: messages / seconds,
      unit: 'msg/s',
      details: { messages, batchSize },
    })
  } finally {
    db.close()
  }
}

/** Runs the status manager scenario. */
export async function runStatusManagerScenario(context: ScenarioContext): Promise<readonly Figure[]> {
  const baselineFile = join(context.workDir, 'baseline.sqlite')
  const empty = await createSqliteStore({ filename: baselineFile })
  await empty.close()
  const baseline = measureSqliteBaseline(context, baselineFile)

  const sqlite = await createSqliteStore({ filename: join(context.workDir, 'status-manager.sqlite') })
  context.defer(() => sqlite.close())
  const sqliteFigure = await measureStore(STATUS_MANAGER_SQLITE, sqlite, context)

  const postgres = await openBenchPostgres(context)
  const postgresFigure =
    postgres === undefined
      ? skippedFigure(SCENARIO, 'sitrep', STATUS_MANAGER_POSTGRES, 'msg/s', POSTGRES_SKIPPED)
      : await measureStore(STATUS_MANAGER_POSTGRES, postgres.store, context)

  const all = [baseline, sqliteFigure, postgresFigure]
  return [
    compare(sqliteFigure, all, [SQLITE_INSERT_BASELINE]),
    compare(postgresFigure, all, [SQLITE_INSERT_BASELINE]),
    baseline,
  ]
}
