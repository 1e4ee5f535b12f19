/**
 * Every size, count and time bound of a run, in one place, for the two modes: `quick` (a smoke
 * run, well under two minutes) and `full` (the figures worth publishing, under 30 minutes on
 * two cores). Every load loop is bounded by a count AND a duration.
 */

/** The sizes of one mode. */
export interface BenchMode {
  readonly name: 'quick' | 'full'
  readonly ingest: {
    /** Simulated clients: concurrent connections, each with its own registered key. */
    readonly connections: number
    readonly maxRequests: number
    readonly durationMs: number
    readonly warmupMs: number
    /** Messages sent to rsyslogd, all of which must arrive in its file. */
    readonly syslogMessages: number
  }
  readonly statusManager: {
    readonly messages: number
    /** The site's default `statusManager.batchSize`. */
    readonly batchSize: number
    readonly maxDurationMs: number
  }
  readonly endToEnd: {
    readonly ratePerSecond: number
    readonly count: number
    readonly maxDurationMs: number
  }
  readonly queries: {
    readonly sqliteSizes: readonly number[]
    readonly postgresSizes: readonly number[]
    /** Runs per query kind, bounded by `maxMsPerKind` too. */
    readonly iterations: number
    readonly maxMsPerKind: number
  }
  readonly footprint: { readonly rows: number }
  /**
   * Real agents in this process against one site, each polling every `pollMs`, with a fake
   * installer that takes `installMs`; one run per size, smallest first, until one misses the goal.
   */
  readonly agentFleet: {
    readonly sizes: readonly number[]
    readonly pollMs: number
    readonly durationMs: number
    readonly installMs: number
  }
  /**
   * Simulated clients polling policy: `clients` registered identities, `inFlight` polls at once
   * while saturated, then 167 polls/s (10,000 clients a minute) for `pacedMs` at the site and
   * `baselinePacedMs` at the bare server.
   */
  readonly policyPoll: {
    readonly clients: number
    readonly inFlight: number
    readonly saturateMs: number
    readonly pacedMs: number
    readonly baselinePacedMs: number
  }
}

export const QUICK_MODE: BenchMode = {
  name: 'quick',
  ingest: { connections: 16, maxRequests: 40_000, durationMs: 1000, warmupMs: 1000, syslogMessages: 100_000 },
  statusManager: { messages: 5000, batchSize: 500, maxDurationMs: 20_000 },
  endToEnd: { ratePerSecond: 100, count: 200, maxDurationMs: 5000 },
  queries: { sqliteSizes: [100_000], postgresSizes: [100_000], iterations: 20, maxMsPerKind: 800 },
  footprint: { rows: 50_000 },
  agentFleet: { sizes: [20], pollMs: 1000, durationMs: 10_000, installMs: 2000 },
  policyPoll: { clients: 200, inFlight: 16, saturateMs: 3000, pacedMs: 3000, baselinePacedMs: 3000 },
}

export const FULL_MODE: BenchMode = {
  name: 'full',
  ingest: {
    connections: 64,
    maxRequests: 2_000_000,
    durationMs: 12_000,
    warmupMs: 2000,
    syslogMessages: 1_000_000,
  },
  statusManager: { messages: 200_000, batchSize: 500, maxDurationMs: 180_000 },
  endToEnd: { ratePerSecond: 100, count: 6000, maxDurationMs: 65_000 },
  queries: {
    sqliteSizes: [1_000_000, 10_000_000],
    // 10M on PostgreSQL takes over 10 minutes to generate here (about 70 s per million), past the
    // 30-minute budget with everything else; see docs/performance.md.
    postgresSizes: [1_000_000],
    iterations: 200,
    maxMsPerKind: 8000,
  },
  footprint: { rows: 1_000_000 },
  agentFleet: { sizes: [25, 50, 100, 200, 400], pollMs: 1000, durationMs: 30_000, installMs: 2000 },
  // 2,000 identities, not 10,000: each takes three signed requests to enrol (register, first poll,
  // body), about 13 a second on two busy cores. The paced minute cycles through them five times.
  policyPoll: { clients: 2000, inFlight: 32, saturateMs: 15_000, pacedMs: 60_000, baselinePacedMs: 15_000 },
}
