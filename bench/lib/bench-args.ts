/** The command line of `npm run bench`, parsed once into a frozen value. */
import type { ScenarioName } from './figures.ts'
import { SCENARIO_NAMES } from './figures.ts'

/** What the user asked for. */
export interface BenchArgs {
  readonly quick: boolean
  /** Scenarios to run, in the canonical order; all when none was named. */
  readonly scenarios: readonly ScenarioName[]
  /** Print only the JSON result on stdout (no table). */
  readonly jsonOnly: boolean
  /** Where the result file goes. */
  readonly resultsDir: string | undefined
  readonly help: boolean
}

/** Usage text, printed for `--help` and after a mistake. */
export const BENCH_USAGE = `Usage: npm run bench -- [options]

  --quick               smoke run: small sizes, well under two minutes
  --scenario <name>     run only this scenario (repeatable): ${SCENARIO_NAMES.join(', ')}
  --json-only           print the JSON result instead of the table
  --results-dir <dir>   where to write <timestamp>.json (default bench/results)
  --help                this text

Environment: SITREP_TEST_POSTGRES_URL (default postgres://postgres@127.0.0.1:5432/test).`

/** A mistake on the command line; the runner prints usage and this message. */
export class BenchArgsError extends Error {
  override name = 'BenchArgsError'
}

function isScenarioName(value: string): value is ScenarioName {
  return (SCENARIO_NAMES as readonly string[]).includes(value)
}

/** Parses `argv` (without node and the script); throws {@link BenchArgsError}. */
export function parseBenchArgs(argv: readonly string[]): BenchArgs {
  let quick = false
  let jsonOnly = false
  let help = false
  let resultsDir: string | undefined
  const chosen = new Set<ScenarioName>()
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? ''
    const [flag, inline] = arg.startsWith('--') && arg.includes('=') ? arg.split('=', 2) : [arg, undefined]
    const value = (): string => {
      const v = inline ?? argv[++i]
      if (v === undefined || v === '') throw new BenchArgsError(`${flag} needs a value`)
      return v
    }
    switch (flag) {
      case '--quick':
        quick = true
        break
      case '--json-only':
        jsonOnly = true
        break
      case '--help':
      case '-h':
        help = true
        break
      case '--results-dir':
        resultsDir = value()
        break
      case '--scenario': {
        const name = value()
        if (!isScenarioName(name)) {
          throw new BenchArgsError(
            `unknown scenario ${JSON.stringify(name)}; known: ${SCENARIO_NAMES.join(', ')}`,
          )
        }
        chosen.add(name)
        break
      }
      default:
        throw new BenchArgsError(`unknown option ${JSON.stringify(arg)}`)
    }
  }
  const scenarios = chosen.size === 0 ? SCENARIO_NAMES : SCENARIO_NAMES.filter((s) => chosen.has(s))
  return Object.freeze({ quick, scenarios, jsonOnly, resultsDir, help })
}
