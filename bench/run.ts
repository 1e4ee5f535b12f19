/**
 * `npm run bench`: runs the selected scenarios one after another, each beside its baselines,
 * prints a table on stdout (progress goes to stderr) and writes `bench/results/<timestamp>.json`.
 * The only file that reads `process.argv` or the environment, or sets the exit code.
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { DEFAULT_TEST_POSTGRES_URL } from '@sitrep/store/testing'
import { BENCH_USAGE, BenchArgsError, parseBenchArgs } from './lib/bench-args.ts'
import type { BenchMode } from './lib/bench-modes.ts'
import { FULL_MODE, QUICK_MODE } from './lib/bench-modes.ts'
import type { Figure, ScenarioName } from './lib/figures.ts'
import { skippedFigure } from './lib/figures.ts'
import { formatTable } from './lib/format-table.ts'
import { machineInfo } from './lib/machine-info.ts'
import { runAgentFleetScenario } from './scenarios/agent-fleet.ts'
import { runEndToEndScenario } from './scenarios/end-to-end.ts'
import { runFootprintScenario } from './scenarios/footprint.ts'
import { runMpIngestScenario } from './scenarios/mp-ingest.ts'
import { runPolicyPollScenario } from './scenarios/policy-poll.ts'
import { runQueriesScenario } from './scenarios/queries.ts'
import type { Scenario, ScenarioContext } from './scenarios/scenario-context.ts'
import { runStatusManagerScenario } from './scenarios/status-manager.ts'

const SCENARIOS: Readonly<Record<ScenarioName, Scenario>> = {
  'mp-ingest': runMpIngestScenario,
  'status-manager': runStatusManagerScenario,
  'end-to-end': runEndToEndScenario,
  queries: runQueriesScenario,
  footprint: runFootprintScenario,
  'agent-fleet': runAgentFleetScenario,
  'policy-poll': runPolicyPollScenario,
}

const DEFAULT_RESULTS_DIR = fileURLToPath(new URL('./results', import.meta.url))

function log(message: string): void {
  process.stderr.write(`[bench ${new Date().toISOString().slice(11, 19)}] ${message}\n`)
}

async function runScenario(
  name: ScenarioName,
  mode: BenchMode,
  postgresUrl: string,
): Promise<readonly Figure[]> {
  const workDir = await mkdtemp(join(tmpdir(), `sitrep-bench-${name}-`))
  const cleanups: (() => Promise<void> | void)[] = []
  const context: ScenarioContext = {
    mode,
    postgresUrl,
    workDir,
    log: (message) => log(`${name}: ${message}`),
    defer: (cleanup) => cleanups.push(cleanup),
  }
  const startedAt = performance.now()
  try {
    return await SCENARIOS[name](context)
  } finally {
    for (const cleanup of cleanups.reverse()) {
      try {
        await cleanup()
      } catch (error) {
        log(`${name}: clean-up failed: ${String(error)}`)
      }
    }
    await rm(workDir, { recursive: true, force: true })
    log(`${name}: done in ${((performance.now() - startedAt) / 1000).toFixed(1)} s`)
  }
}

async function main(): Promise<number> {
  let args
  try {
    args = parseBenchArgs(process.argv.slice(2))
  } catch (error) {
    if (!(error instanceof BenchArgsError)) throw error
    process.stderr.write(`${BENCH_USAGE}\n\nbench: ${error.message}\n`)
    return 1
  }
  if (args.help) {
    process.stdout.write(`${BENCH_USAGE}\n`)
    return 0
  }
  const mode = args.quick ? QUICK_MODE : FULL_MODE
  const postgresUrl = process.env.SITREP_TEST_POSTGRES_URL ?? DEFAULT_TEST_POSTGRES_URL
  const startedAt = new Date()
  log(`${mode.name} run of ${args.scenarios.join(', ')}`)
  const figures: Figure[] = []
  const failures: { scenario: ScenarioName; error: string }[] = []
  for (const name of args.scenarios) {
    try {
      figures.push(...(await runScenario(name, mode, postgresUrl)))
    } catch (error) {
      const text = error instanceof Error ? (error.stack ?? error.message) : String(error)
      log(`${name}: FAILED: ${text}`)
      failures.push({ scenario: name, error: text })
      figures.push(skippedFigure(name, 'sitrep', `${name} (failed)`, '', 'scenario failed; see stderr'))
    }
  }
  const durationMs = Date.now() - startedAt.getTime()
  const result = {
    startedAt: startedAt.toISOString(),
    durationMs,
    mode: mode.name,
    machine: machineInfo(),
    scenarios: args.scenarios,
    settings: mode,
    figures,
    failures,
  }
  const resultsDir = args.resultsDir ?? DEFAULT_RESULTS_DIR
  await mkdir(resultsDir, { recursive: true })
  const file = join(resultsDir, `${startedAt.toISOString().replaceAll(':', '-')}.json`)
  await writeFile(file, `${JSON.stringify(result, null, 2)}\n`)
  if (args.jsonOnly) {
    process.stdout.write(`${JSON.stringify(result, null, 2)}\n`)
  } else {
    const m = result.machine
    process.stdout.write(
      `Sitrep bench, ${mode.name} mode, ${(durationMs / 1000).toFixed(0)} s — ${m.cpuModel}, ${m.cores} cores, ` +
        `${(m.memoryBytes / 2 ** 30).toFixed(0)} GiB, Node ${m.node}, ${m.os}\n\n${formatTable(figures)}\n\nResults: ${file}\n`,
    )
  }
  return failures.length === 0 ? 0 : 1
}

main().then(
  (code) => {
    process.exitCode = code
  },
  (error: unknown) => {
    process.stderr.write(
      `bench: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    )
    process.exitCode = 1
  },
)
