/** What every scenario gets from the runner, and the shape of a scenario. */
import type { BenchMode } from '../lib/bench-modes.ts'
import type { Figure } from '../lib/figures.ts'

/** The runner's services for one scenario. */
export interface ScenarioContext {
  readonly mode: BenchMode
  /** PostgreSQL server for the PostgreSQL rows (`SITREP_TEST_POSTGRES_URL` or the test default). */
  readonly postgresUrl: string
  /** A fresh temporary directory of this scenario, removed afterwards. */
  readonly workDir: string
  /** Progress for people, on stderr (stdout carries the table). */
  log(message: string): void
  /**
   * Registers clean-up (stop a server, drop a schema); the runner calls them in reverse order
   * when the scenario ends, whether it succeeded or failed.
   */
  defer(cleanup: () => Promise<void> | void): void
}

/** A scenario: measures and returns its figures, baselines included. */
export type Scenario = (context: ScenarioContext) => Promise<readonly Figure[]>
