/**
 * Scenario 4, queries: the viewer's typical reads through the real store API (`listMessages`,
 * one page of 100, newest first) on generated data sets of each configured size, on SQLite and
 * PostgreSQL. Each kind runs with varying parameters, bounded by a count and a time.
 */
import { join } from 'node:path'
import type { MessageQuery, SiteStore } from '@sitrep/store'
import { createSqliteStore } from '@sitrep/store'
import { BENCH_COMPONENTS, DEPLOYMENT_COUNT, deploymentId, kbWord } from '../lib/bench-messages.ts'
import type { Dataset } from '../lib/datasets.ts'
import { DATASET_SPAN_MS, generatePostgresDataset, generateSqliteDataset } from '../lib/datasets.ts'
import type { Figure } from '../lib/figures.ts'
import { figure, skippedFigure } from '../lib/figures.ts'
import { summarizeLatencies } from '../lib/percentiles.ts'
import { POSTGRES_SKIPPED, openBenchPostgres } from '../lib/postgres-target.ts'
import type { ScenarioContext } from './scenario-context.ts'

const SCENARIO = 'queries'
const HOUR_MS = 3_600_000
const PAGE = 100

/** One kind of viewer query: builds the query of run `k` on a data set. */
interface QueryKind {
  readonly label: string
  build(k: number, dataset: Dataset): MessageQuery
}

/** A small deterministic generator, so every run asks the same questions. */
function pick(k: number, n: number): number {
  return Math.floor(((((Math.sin(k * 12.9898 + n) * 43758.5453) % 1) + 1) % 1) * n)
}

export const QUERY_KINDS: readonly QueryKind[] = [
  {
    label: 'component + last 24 h window',
    build: (k, d) => {
      const since = d.end - DATASET_SPAN_MS + pick(k, 29) * 24 * HOUR_MS
      return {
        component: BENCH_COMPONENTS[pick(k, BENCH_COMPONENTS.length)] ?? '',
        since,
        until: since + 24 * HOUR_MS,
        limit: PAGE,
      }
    },
  },
  {
    label: 'severity error, page at a random depth',
    build: (k, d) => ({ severity: 'error', beforeRecordId: 1 + pick(k, d.rows), limit: PAGE }),
  },
  {
    label: 'attribute 401 = one deployment',
    build: (k) => ({ attribute: { id: 401, value: deploymentId(pick(k, DEPLOYMENT_COUNT)) }, limit: PAGE }),
  },
  {
    label: 'insertion string contains KB word (1 in 500)',
    build: (k) => ({ insertionStringContains: kbWord(pick(k, 500)), limit: PAGE }),
  },
  {
    label: 'insertion string contains, no match (full scan)',
    build: (k) => ({ insertionStringContains: `KB9${String(pick(k, 9999)).padStart(4, '0')}X`, limit: PAGE }),
  },
]

/** Row name of a query figure, e.g. `Query: attribute 401 = one deployment, SQLite 1M`. */
export function queryFigureName(kind: string, engine: 'SQLite' | 'PostgreSQL', rows: number): string {
  return `Query ${kind}, ${engine} ${formatRows(rows)}`
}

function formatRows(rows: number): string {
  return rows >= 1_000_000 ? `${rows / 1_000_000}M` : `${rows / 1000}k`
}

async function measureQueries(
  store: SiteStore,
  engine: 'SQLite' | 'PostgreSQL',
  dataset: Dataset,
  context: ScenarioContext,
): Promise<Figure[]> {
  const figures: Figure[] = []
  for (const kind of QUERY_KINDS) {
    const samples: number[] = []
    const startedAt = performance.now()
    for (let k = 0; k < context.mode.queries.iterations; k++) {
      if (k > 0 && performance.now() - startedAt > context.mode.queries.maxMsPerKind) break
      const query = kind.build(k, dataset)
      const t0 = performance.now()
      await store.listMessages(query)
      samples.push(performance.now() - t0)
    }
    const summary = summarizeLatencies(samples)
    figures.push(
      figure({
        scenario: SCENARIO,
        role: 'sitrep',
        name: queryFigureName(kind.label, engine, dataset.rows),
        value: summary.p50Ms,
        unit: 'ms p50',
        details: { p99Ms: summary.p99Ms, iterations: summary.count },
      }),
    )
  }
  return figures
}

/** Runs the queries scenario. */
export async function runQueriesScenario(context: ScenarioContext): Promise<readonly Figure[]> {
  const figures: Figure[] = []
  for (const rows of context.mode.queries.sqliteSizes) {
    const filename = join(context.workDir, `queries-${rows}.sqlite`)
    context.log(`SQLite: generating ${rows.toLocaleString('en-US')} messages`)
    const dataset = await generateSqliteDataset(filename, rows, Date.now())
    context.log(`SQLite: generated in ${(dataset.generationMs / 1000).toFixed(1)} s; querying`)
    const store = await createSqliteStore({ filename })
    try {
      figures.push(...(await measureQueries(store, 'SQLite', dataset, context)))
    } finally {
      await store.close()
    }
  }
  for (const rows of context.mode.queries.postgresSizes) {
    const postgres = await openBenchPostgres(context)
    if (postgres === undefined) {
      for (const kind of QUERY_KINDS) {
        figures.push(
          skippedFigure(
            SCENARIO,
            'sitrep',
            queryFigureName(kind.label, 'PostgreSQL', rows),
            'ms p50',
            POSTGRES_SKIPPED,
          ),
        )
      }
      continue
    }
    context.log(`PostgreSQL: generating ${rows.toLocaleString('en-US')} messages`)
    const dataset = await generatePostgresDataset(postgres.store, postgres, rows, Date.now())
    context.log(`PostgreSQL: generated in ${(dataset.generationMs / 1000).toFixed(1)} s; querying`)
    figures.push(...(await measureQueries(postgres.store, 'PostgreSQL', dataset, context)))
  }
  return figures
}
