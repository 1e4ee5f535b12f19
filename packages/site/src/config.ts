/**
 * The site configuration: every default in one place, with units. A JSON file (`--config`),
 * then environment variables, then command-line flags, each overriding the one before.
 * Only `loadSiteConfig` reads the file; only the CLI's `main.ts` reads `process.env`.
 */
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { z } from 'zod'
import { describeUnknownKeys, findUnknownConfigKeys } from './config-keys.ts'
import { ConfigError } from './errors.ts'
import { ExportTargetSchema } from './exports/export-targets.ts'
import { DEFAULT_HTTP_LIMITS } from './http/http-limits.ts'
import { SummarizersConfigSchema } from './summarizers/summarizer-config.ts'

const siteCode = z
  .string()
  .regex(/^[A-Za-z0-9]{3}$/, 'a site code is exactly 3 letters or digits')
  .transform((s) => s.toUpperCase())

/**
 * Roles a site process can run. `management-point`: the /mp/v1 endpoints and the site-link
 * receiver, which fill the inbox. `status-manager`: the inbox workers, the outbox (OS log,
 * programs, exports, replication to the parent), the summarizers and retention. Every process
 * serves the REST API, the console and the health check.
 */
export const SITE_ROLES = ['management-point', 'status-manager'] as const
/** One role of a site process. */
export type SiteRole = (typeof SITE_ROLES)[number]

const SiteConfigSchema = z.object({
  siteCode: siteCode.default('PS1'),
  siteName: z.string().min(1).max(128).default('Primary site'),
  /** Where the site keeps its SQLite file, its token and its logs. */
  dataDir: z.string().min(1).default('.sitrep'),
  /** `postgres://…` for PostgreSQL; empty means SQLite in the data directory. */
  databaseUrl: z.string().default(''),
  /** Limits on talking to PostgreSQL (SQLite is a local file and ignores them). */
  database: z
    .object({
      /** A server that does not complete a connection in this time counts as unreachable. */
      connectTimeoutSeconds: z.number().positive().max(3600).default(10),
      /** The server cancels a statement running longer than this (`statement_timeout`). */
      statementTimeoutSeconds: z.number().positive().max(86_400).default(60),
    })
    .prefault({}),
  http: z
    .object({
      host: z.string().min(1).default('127.0.0.1'),
      port: z.number().int().min(0).max(65535).default(8080),
      /** A request whose headers take longer is answered 408 and closed (slowloris). */
      headersTimeoutMs: z.number().int().min(100).max(600_000).default(DEFAULT_HTTP_LIMITS.headersTimeoutMs),
      /** A request (headers and body) that takes longer is answered 408 and closed; ≥ headersTimeoutMs. */
      requestTimeoutMs: z
        .number()
        .int()
        .min(100)
        .max(3_600_000)
        .default(DEFAULT_HTTP_LIMITS.requestTimeoutMs),
      /** An idle keep-alive connection is closed after this long. */
      keepAliveTimeoutMs: z
        .number()
        .int()
        .min(100)
        .max(600_000)
        .default(DEFAULT_HTTP_LIMITS.keepAliveTimeoutMs),
      /** Requests one connection may carry; 0: no limit. */
      maxRequestsPerSocket: z.number().int().min(0).default(DEFAULT_HTTP_LIMITS.maxRequestsPerSocket),
      /** Connections one source address may hold; 0: no limit. */
      maxConnectionsPerAddress: z.number().int().min(0).default(DEFAULT_HTTP_LIMITS.maxConnectionsPerAddress),
    })
    .prefault({})
    .refine((http) => http.requestTimeoutMs >= http.headersTimeoutMs, {
      message:
        'http.requestTimeoutMs must be at least http.headersTimeoutMs (the headers are part of the request)',
      path: ['requestTimeoutMs'],
    }),
  /** The parent site this site replicates to (docs/hierarchy.md); `null` at the top. */
  parent: z
    .object({
      url: z.url(),
      siteCode,
      /** The parent's enrolment secret (approves this site at once); else an administrator approves. */
      secret: z.string().min(16).max(256).optional(),
      /** Byte budget of the link; 0 means none. Over it, low-priority messages wait. */
      bytesPerSecond: z.number().int().min(0).default(0),
      /** Most messages (at most 1000, the protocol's batch limit), and bytes, in one upload. */
      batchSize: z.number().int().min(1).max(1000).default(500),
      maxBatchBytes: z
        .number()
        .int()
        .min(1024)
        .max(64 * 1024 * 1024)
        .default(1024 * 1024),
      /** How often the sender looks for new entries when idle. */
      pollMs: z.number().int().min(10).default(500),
      /** An idle link says hello this often, so the parent knows the site is there. */
      heartbeatSeconds: z.number().int().min(1).default(60),
      /** Longest wait between retries while the parent is away. */
      maxBackoffSeconds: z.number().int().min(1).default(60),
      /** How often summaries go up (also on start). */
      summaryIntervalSeconds: z.number().int().min(1).default(300),
    })
    .nullable()
    .default(null),
  /** Parent side of site links (docs/hierarchy.md). */
  links: z
    .object({
      /** Secrets that approve an enrolling child at once; without a match an administrator approves. */
      enrolmentSecrets: z.array(z.string().min(16).max(256)).default([]),
      /** A child silent this long is marked unknown, with everything under it. */
      childTimeoutMinutes: z.number().positive().default(15),
      /** How often the parent checks for silent children. */
      checkIntervalSeconds: z.number().positive().default(60),
    })
    .prefault({}),
  statusManager: z
    .object({
      workers: z.number().int().min(1).max(16).default(1),
      batchSize: z.number().int().min(1).max(5000).default(500),
      idlePollMs: z.number().int().min(10).max(60_000).default(250),
      /** Messages stamped this far ahead of the server clock wait in the inbox (§8.7: 300 s). */
      futureThresholdSeconds: z.number().int().min(1).default(300),
      /** How often the status manager reports on itself with message 1200. */
      selfReportIntervalMinutes: z.number().int().min(1).default(60),
    })
    .prefault({}),
  retention: z
    .object({
      /** Delete Aged Status Messages runs this often (daily, as in ConfigMgr). */
      intervalHours: z.number().positive().default(24),
      batchSize: z.number().int().min(1).max(100_000).default(1000),
      /** Safety cap on batches per run, so one run cannot hold the database for long. */
      maxBatchesPerRun: z.number().int().min(1).default(1000),
    })
    .prefault({}),
  osLog: z
    .object({
      mode: z.enum(['auto', 'syslog', 'journald', 'off']).default('auto'),
      socketPath: z.string().optional(),
      facility: z.number().int().min(0).max(23).default(16),
    })
    .prefault({}),
  programs: z
    .object({
      maxConcurrent: z.number().int().min(1).max(64).default(2),
      timeoutSeconds: z.number().int().min(1).max(86_400).default(60),
    })
    .prefault({}),
  outbox: z
    .object({
      pollMs: z.number().int().min(10).default(500),
      maxAttempts: z.number().int().min(1).default(20),
    })
    .prefault({}),
  /** The management point (docs/protocol.md). */
  mp: z
    .object({
      /** Take unsigned status messages at `POST /mp/v1/status/unsigned` (stored `trusted: false`). */
      allowUnsigned: z.boolean().default(false),
      /** How new clients are approved: at once, by enrolment token, or by an administrator. */
      approval: z.enum(['automatic', 'token', 'manual']).default('automatic'),
      /** Tokens a client may present when `approval` is `token`. */
      enrolmentTokens: z.array(z.string().min(16).max(256)).default([]),
      /** Largest request body, in bytes (4 MiB). */
      maxBodyBytes: z
        .number()
        .int()
        .min(1024)
        .max(256 * 1024 * 1024)
        .default(4 * 1024 * 1024),
      /** Most messages in one batch. */
      maxBatch: z.number().int().min(1).max(1000).default(1000),
      /** Requests per second each client (or source address, unsigned) may sustain. */
      ratePerSecond: z.number().positive().default(50),
      /** Requests a client may send at once before the rate applies. */
      burst: z.number().int().min(1).default(100),
      /** How far a signed request's timestamp may be from the site's clock, in seconds (5 min). */
      maxClockSkewSeconds: z.number().int().min(1).max(86_400).default(300),
      /** Worker threads that parse XML bodies off the event loop. */
      xmlWorkers: z.number().int().min(1).max(16).default(2),
      /** XML bodies waiting for a worker before the MP answers 503. */
      xmlQueue: z.number().int().min(1).max(10_000).default(64),
      /** Most messages one grouped inbox commit carries. */
      maxCommitGroup: z.number().int().min(1).max(100_000).default(5000),
    })
    .prefault({})
    .refine((mp) => mp.approval !== 'token' || mp.enrolmentTokens.length > 0, {
      message: 'mp.approval is "token" but mp.enrolmentTokens is empty; add at least one token',
      path: ['enrolmentTokens'],
    }),
  exports: z
    .array(ExportTargetSchema)
    .default([])
    .refine((targets) => new Set(targets.map((t) => t.name)).size === targets.length, {
      message: 'two export targets have the same name; give each a name of its own',
    }),
  /** Software distribution (docs/software-distribution.md): policy polling and content uploads. */
  distribution: z
    .object({
      /** How often clients poll their policy assignments (an hour). */
      pollSeconds: z.number().int().min(10).max(86_400).default(3600),
      /** Up to this many seconds each client adds at random, so polls spread out. */
      jitterSeconds: z.number().int().min(0).max(86_400).default(300),
      /** Largest content file an administrator may upload, in bytes (8 GiB). */
      maxContentBytes: z
        .number()
        .int()
        .min(1)
        .max(8 * 1024 * 1024 * 1024)
        .default(8 * 1024 * 1024 * 1024),
    })
    .prefault({}),
  /** The summarizers: threshold period, thresholds, run and poll intervals (docs/configuration.md). */
  summarizers: SummarizersConfigSchema,
  logLevel: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /**
   * What this process does. Both by default; a site that outgrows one process runs one
   * `management-point` process and one or more `status-manager` processes on one database.
   */
  roles: z
    .array(z.enum(SITE_ROLES))
    .min(1)
    .default([...SITE_ROLES])
    .transform((roles) => [...new Set(roles)]),
})

/** The validated, frozen site configuration. */
export type SiteConfig = Readonly<z.infer<typeof SiteConfigSchema>>
/** The management point settings. */
export type MpConfig = SiteConfig['mp']

/** Flags from `sitrep up` that override file and environment. */
export interface SiteConfigOverrides {
  readonly dataDir?: string
  readonly port?: number
  readonly roles?: readonly string[]
}

/**
 * Builds the site configuration from an optional JSON file, the environment and flags.
 * Throws {@link ConfigError} naming the offending setting and the file or variable it came from.
 */
export function loadSiteConfig(options: {
  readonly file?: string
  readonly env: Readonly<Record<string, string | undefined>>
  readonly overrides?: SiteConfigOverrides
}): SiteConfig {
  const fromFile = options.file === undefined ? {} : readConfigFile(options.file)
  const merged = mergeDeep(
    mergeDeep(fromFile, envToConfig(options.env)),
    flagsToConfig(options.overrides ?? {}),
  )
  return parseSiteConfig(merged, options.file)
}

/** Validates a configuration object (as a file holds it); throws {@link ConfigError}. */
export function parseSiteConfig(input: unknown, source = 'configuration'): SiteConfig {
  const unknownKeys = findUnknownConfigKeys(input, SiteConfigSchema)
  if (unknownKeys.length > 0) throw invalidConfig(source, describeUnknownKeys(unknownKeys).split('\n'))
  const result = SiteConfigSchema.safeParse(input)
  if (!result.success) {
    throw invalidConfig(
      source,
      result.error.issues.map((issue) =>
        issue.path.length === 0 ? `✖ ${issue.message}` : `✖ ${issue.message} (at ${settingPath(issue.path)})`,
      ),
    )
  }
  return Object.freeze(result.data)
}

/**
 * The `config_invalid` error for `problems` (each `✖ …`): one line when there is one problem,
 * so `sitrep up` fails with a single line, else one line per problem under a heading.
 */
function invalidConfig(source: string, problems: readonly string[]): ConfigError {
  const heading = `The site configuration (${source}) is not valid:`
  const only = problems.length === 1 ? (problems[0] ?? '').replace(/^✖ /, '') : undefined
  const message =
    only === undefined
      ? `${heading}\n${problems.join('\n')}\nSee docs/configuration.md.`
      : `${heading} ${only}${only.includes('docs/configuration.md') ? '' : ' (see docs/configuration.md)'}`
  return new ConfigError('config_invalid', message)
}

/** `exports[0].url` for the path `['exports', 0, 'url']`. */
function settingPath(path: readonly PropertyKey[]): string {
  return path
    .map((part, i) => (typeof part === 'number' ? `[${part}]` : `${i === 0 ? '' : '.'}${String(part)}`))
    .join('')
}

/** Where the SQLite database of a site lives when no database URL is configured. */
export function sqliteFileFor(config: SiteConfig): string {
  return path.join(config.dataDir, `site-${config.siteCode.toLowerCase()}.sqlite`)
}

function readConfigFile(file: string): Record<string, unknown> {
  let text: string
  try {
    text = readFileSync(file, 'utf8')
  } catch (error) {
    throw new ConfigError('config_unreadable', `Cannot read the config file ${file}; check the path.`, {
      cause: error,
    })
  }
  try {
    const value: unknown = JSON.parse(text)
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      throw new TypeError('the top level must be a JSON object')
    }
    // Checked just above: a non-null, non-array object.
    return value as Record<string, unknown>
  } catch (error) {
    throw new ConfigError('config_invalid', `The config file ${file} is not valid JSON: ${String(error)}`, {
      cause: error,
    })
  }
}

function envToConfig(env: Readonly<Record<string, string | undefined>>): Record<string, unknown> {
  const out: Record<string, unknown> = {}
  const http: Record<string, unknown> = {}
  if (env.SITREP_SITE_CODE) out.siteCode = env.SITREP_SITE_CODE
  if (env.SITREP_DATA_DIR) out.dataDir = env.SITREP_DATA_DIR
  if (env.SITREP_DATABASE_URL) out.databaseUrl = env.SITREP_DATABASE_URL
  if (env.SITREP_LOG_LEVEL) out.logLevel = env.SITREP_LOG_LEVEL
  if (env.SITREP_ROLES) out.roles = splitRoles(env.SITREP_ROLES)
  if (env.SITREP_HOST) http.host = env.SITREP_HOST
  if (env.SITREP_PORT) http.port = envPort(env.SITREP_PORT)
  for (const [variable, key] of HTTP_LIMIT_VARS) {
    const raw = env[variable]
    if (raw) http[key] = envWholeNumber(variable, raw)
  }
  if (Object.keys(http).length > 0) out.http = http
  const database: Record<string, unknown> = {}
  const connectTimeout = env.SITREP_DATABASE_CONNECT_TIMEOUT_SECONDS
  if (connectTimeout) {
    database.connectTimeoutSeconds = envSeconds('SITREP_DATABASE_CONNECT_TIMEOUT_SECONDS', connectTimeout)
  }
  const statementTimeout = env.SITREP_DATABASE_STATEMENT_TIMEOUT_SECONDS
  if (statementTimeout) {
    database.statementTimeoutSeconds = envSeconds(
      'SITREP_DATABASE_STATEMENT_TIMEOUT_SECONDS',
      statementTimeout,
    )
  }
  if (Object.keys(database).length > 0) out.database = database
  return out
}

/** A duration in seconds (`10`, `0.5`) from variable `name`, else a ConfigError showing the raw value. */
function envSeconds(name: string, raw: string): number {
  const seconds = /^\s*\d+(\.\d+)?\s*$/.test(raw) ? Number(raw) : NaN
  if (!(seconds > 0)) {
    throw new ConfigError(
      'config_invalid',
      `${name} must be a number of seconds greater than 0, got ${JSON.stringify(raw)}; fix or unset the variable.`,
    )
  }
  return seconds
}

/** `SITREP_PORT`: a whole number 0–65535, else a ConfigError that shows the raw value. */
function envPort(raw: string): number {
  const port = /^\s*\d{1,5}\s*$/.test(raw) ? Number(raw) : NaN
  if (!(port >= 0 && port <= 65535)) {
    throw new ConfigError(
      'config_invalid',
      `SITREP_PORT must be a port number 0–65535, got ${JSON.stringify(raw)}; fix or unset the variable.`,
    )
  }
  return port
}

/** The environment variables of the `http.*` limits, with the key each sets. */
const HTTP_LIMIT_VARS = [
  ['SITREP_HTTP_HEADERS_TIMEOUT_MS', 'headersTimeoutMs'],
  ['SITREP_HTTP_REQUEST_TIMEOUT_MS', 'requestTimeoutMs'],
  ['SITREP_HTTP_KEEP_ALIVE_TIMEOUT_MS', 'keepAliveTimeoutMs'],
  ['SITREP_HTTP_MAX_REQUESTS_PER_SOCKET', 'maxRequestsPerSocket'],
  ['SITREP_HTTP_MAX_CONNECTIONS_PER_ADDRESS', 'maxConnectionsPerAddress'],
] as const

/** A whole number from `variable`, else a ConfigError that shows the raw value. */
function envWholeNumber(variable: string, raw: string): number {
  if (!/^\s*\d{1,15}\s*$/.test(raw)) {
    throw new ConfigError(
      'config_invalid',
      `${variable} must be a whole number, got ${JSON.stringify(raw)}; fix or unset the variable.`,
    )
  }
  return Number(raw)
}

function flagsToConfig(flags: SiteConfigOverrides): Record<string, unknown> {
  const out: Record<string, unknown> = {}
  if (flags.dataDir !== undefined) out.dataDir = flags.dataDir
  if (flags.port !== undefined) out.http = { port: flags.port }
  if (flags.roles !== undefined) out.roles = flags.roles
  return out
}

function mergeDeep(base: Record<string, unknown>, over: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...base }
  for (const [key, value] of Object.entries(over)) {
    const prev = out[key]
    out[key] = isPlainObject(prev) && isPlainObject(value) ? mergeDeep(prev, value) : value
  }
  return out
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/** Splits `management-point,status-manager` into its names. */
export function splitRoles(text: string): string[] {
  return text
    .split(',')
    .map((role) => role.trim())
    .filter((role) => role !== '')
}
