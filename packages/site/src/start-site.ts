/**
 * Starts a site with every role in one process: opens the store (SQLite in the data directory
 * unless a PostgreSQL URL is configured), gives a new site the default filter rules, and runs
 * the status manager, the outbox dispatcher, retention and the HTTP app. `sitrep up` calls it.
 */
import { hostname } from 'node:os'
import path from 'node:path'
import { DEFAULT_FILTER_RULES } from '@sitrep/core'
import type { StatusMessage } from '@sitrep/protocol'
import { createCatalogue, lookupMessage, renderMessage } from '@sitrep/protocol'
import type { SiteStore } from '@sitrep/store'
import { isStoreError, openStore, redactUrl } from '@sitrep/store'
import type { Logger } from 'pino'
import { createOsLogWriter } from './actions/os-log/create-os-log-writer.ts'
import type { OsLogWriter } from './actions/os-log/create-os-log-writer.ts'
import { createProgramRunner } from './actions/run-program.ts'
import type { SiteConfig } from './config.ts'
import { sqliteFileFor } from './config.ts'
import { ensureAdminToken } from './http/admin-token.ts'
import { ADMIN_PASSWORD_FILE, ensureFirstAdministrator } from './http/auth/first-start-admin.ts'
import { createStoredMessageFeed } from './http/stored-message-feed.ts'
import { createApp } from './http/create-app.ts'
import { withClientCache } from './mp/client-cache.ts'
import type { MpDeps } from './mp/mp-deps.ts'
import { createDistributionRuntime } from './distribution/distribution-runtime.ts'
import type { DistributionRuntime } from './distribution/distribution-runtime.ts'
import { loadOrCreatePolicySigner } from './distribution/policy-signer.ts'

/** How often every collection is evaluated in full. */
const COLLECTION_EVALUATION_MS = 15 * 60_000
import { siteInstalledAt } from './site-installation.ts'
import { prepareSiteLinks } from './links/start-links.ts'
import { createInboxCommitter } from './mp/create-inbox-committer.ts'
import { createSeenClients } from './mp/create-seen-clients.ts'
import { createBodyWorkerPool } from './mp/create-body-worker-pool.ts'
import { createOsLogHandler, createProgramHandler } from './outbox/action-handlers.ts'
import type { OutboxHandler } from './outbox/outbox-dispatcher.ts'
import { createOutboxDispatcher } from './outbox/outbox-dispatcher.ts'
import { createExportHandler, exportRetryPolicies } from './exports/export-handler.ts'
import { raiseSinkNotice } from './outbox/sink-reports.ts'
import { createSiteReporter } from './reporting/site-reporter.ts'
import type { SiteReporter } from './reporting/site-reporter.ts'
import { startRetention } from './retention/start-retention.ts'
import { createStatusManager } from './status-manager/status-manager.ts'
import { createStorageReader } from './summarizers/read-storage.ts'
import { startSummarizers } from './summarizers/start-summarizers.ts'
import type { SummarizerRuntime } from './summarizers/start-summarizers.ts'
import { summarizerSettingsFromConfig } from './summarizers/summarizer-config.ts'
import type { StatusManager } from './status-manager/status-manager.ts'
import { createSiteLogger } from './site-logger.ts'
import { SITE_VERSION } from './version.ts'
import { StartupError } from './errors.ts'
import { checkPortAvailable, portUnavailable } from './startup/check-port.ts'
import { prepareDataDir } from './startup/prepare-data-dir.ts'

/** How often client last-seen times are written, in ms. */
const SEEN_FLUSH_MS = 10_000

/** A running site. */
export interface RunningSite {
  /** Base URL of the HTTP app, e.g. `http://127.0.0.1:8080`. */
  readonly url: string
  /** Where the data lives, for people: `SQLite /var/lib/sitrep/site-ps1.sqlite`. */
  readonly databaseDescription: string
  readonly ruleCount: number
  readonly store: SiteStore
  readonly reporter: SiteReporter
  readonly statusManager: StatusManager
  /** The administrator's API token (also in `<dataDir>/admin-token`). */
  readonly adminToken: string
  /** On the first start only: the password of user `admin`, also in {@link adminPasswordFile}. */
  readonly firstStartPassword: string | null
  /** `<dataDir>/admin-password`, where the first start wrote that password. */
  readonly adminPasswordFile: string
  /** Software distribution: policy cache, content store, collection evaluation. */
  readonly distribution: DistributionRuntime
  /**
   * Runs the summarizers now, after a run in progress (they also run on their timers); both do
   * nothing in a process without the status manager role.
   */
  readonly summarizers: Pick<SummarizerRuntime, 'runComponents' | 'pollSiteSystems'>
  /** Stops every role, lets the batch in progress finish, and closes the store. */
  stop(): Promise<void>
}

/** Collaborators a caller may replace (tests pass a logger that stays quiet). */
export interface StartSiteOptions {
  readonly logger?: Logger
  readonly clock?: () => number
  /**
   * A store the caller opened, used instead of the one the configuration names (tests run a
   * whole site in a PostgreSQL schema of their own); the site closes it when it stops.
   */
  readonly store?: SiteStore
}

/**
 * Starts a site from its configuration. The environment is checked first (the port, then the
 * data directory, then the database); a failure there throws a {@link StartupError} with one
 * line saying what, where and what to do, and a data directory this call created is removed.
 */
export async function startSite(config: SiteConfig, options: StartSiteOptions = {}): Promise<RunningSite> {
  await checkPortAvailable(config.http.host, config.http.port)
  const dataDir = prepareDataDir(config.dataDir)
  try {
    return await startPreparedSite(config, options)
  } catch (error) {
    dataDir.discard()
    throw error
  }
}

async function openConfiguredStore(config: SiteConfig, databaseUrl: string): Promise<SiteStore> {
  try {
    return await openStore(databaseUrl, {
      connectTimeoutMs: config.database.connectTimeoutSeconds * 1000,
      statementTimeoutMs: config.database.statementTimeoutSeconds * 1000,
    })
  } catch (error) {
    if (!isStoreError(error, 'store_unavailable')) throw error
    throw new StartupError('database_unreachable', error.message, { cause: error })
  }
}

async function startPreparedSite(config: SiteConfig, options: StartSiteOptions): Promise<RunningSite> {
  const logger = options.logger ?? createSiteLogger(config.logLevel)
  const clock = options.clock ?? Date.now
  const databaseUrl = config.databaseUrl === '' ? sqliteFileFor(config) : config.databaseUrl
  const store = options.store ?? (await openConfiguredStore(config, databaseUrl))
  const databaseDescription =
    store.dialect === 'sqlite'
      ? `SQLite ${options.store === undefined ? databaseUrl : 'store given by the caller'}`
      : `PostgreSQL ${options.store === undefined ? redactUrl(databaseUrl) : 'store given by the caller'}`

  let rules = await store.listRules()
  if (rules.length === 0) {
    // A new site starts with the default rules of reference §8.6.
    await store.saveRules(DEFAULT_FILTER_RULES)
    rules = DEFAULT_FILTER_RULES
    logger.info({ rules: rules.length }, 'new site: default status filter rules installed')
  }

  const firstStartPassword = await ensureFirstAdministrator(store, { dataDir: config.dataDir, clock })
  if (firstStartPassword !== null) logger.info({ username: 'admin' }, 'new site: first administrator created')
  const storedMessages = createStoredMessageFeed()

  const catalogue = createCatalogue()
  const render = (message: StatusMessage): string => renderMessage(catalogue, message).text
  const machine = hostname()
  const reporter = createSiteReporter({
    store,
    siteCode: config.siteCode,
    machine,
    processId: process.pid,
    clock,
    severityOf: (module, messageId) => lookupMessage(catalogue, module, messageId)?.severity,
  })
  const site = { siteCode: config.siteCode, parentSiteCode: config.parent?.siteCode ?? null }
  const summarizerSettings = summarizerSettingsFromConfig(config.siteCode, config.summarizers, {
    utcOffsetMinutes: -new Date(clock()).getTimezoneOffset(),
    siteInstalledAt: await siteInstalledAt(store, clock()),
  })

  const statusManager = createStatusManager({
    store,
    reporter,
    site,
    settings: {
      workers: config.statusManager.workers,
      batchSize: config.statusManager.batchSize,
      idlePollMs: config.statusManager.idlePollMs,
      futureThresholdMs: config.statusManager.futureThresholdSeconds * 1000,
      selfReportIntervalMs: config.statusManager.selfReportIntervalMinutes * 60_000,
    },
    clock,
    logger: logger.child({ component: 'status-manager' }),
    render,
    exportTargets: new Set(config.exports.map((e) => e.name)),
    osLogEnabled: config.osLog.mode !== 'off',
    cpuMicros: () => {
      const usage = process.cpuUsage()
      return usage.user + usage.system
    },
    onStored: (messages) => storedMessages.publish(messages),
  })

  const osLogWriter = createSiteOsLogWriter(config, logger)
  const handlers: Partial<Record<'os-log' | 'program' | 'export', OutboxHandler>> = {
    program: createProgramHandler({
      runner: createProgramRunner({
        maxConcurrent: config.programs.maxConcurrent,
        timeoutMs: config.programs.timeoutSeconds * 1000,
        maxOutputBytes: 4096,
      }),
      site: { ...site, siteServer: machine, sqlServer: databaseDescription },
      clock,
      utcOffsetMinutes: -new Date().getTimezoneOffset(),
    }),
    export: createExportHandler(config.exports, { clock }),
  }
  if (osLogWriter !== null) handlers['os-log'] = createOsLogHandler(osLogWriter)
  const exportPolicies = exportRetryPolicies(config.exports, config.outbox.maxAttempts)
  const dispatcher = createOutboxDispatcher({
    store,
    handlers,
    siteCode: config.siteCode,
    clock,
    logger: logger.child({ component: 'outbox' }),
    pollMs: config.outbox.pollMs,
    maxAttempts: config.outbox.maxAttempts,
    retryPolicyOf: (entry) => (entry.kind === 'export' ? exportPolicies.get(entry.target) : undefined),
    onSinkChange: (notice) => raiseSinkNotice(reporter, notice),
  })

  const runsManagementPoint = config.roles.includes('management-point')
  const runsStatusManager = config.roles.includes('status-manager')
  const retention = runsStatusManager
    ? startRetention({
        store,
        clock,
        logger: logger.child({ component: 'retention' }),
        intervalMs: config.retention.intervalHours * 3_600_000,
        batchSize: config.retention.batchSize,
        maxBatches: config.retention.maxBatchesPerRun,
      })
    : { stop: () => undefined }

  const adminToken = ensureAdminToken(config.dataDir)
  const committer = createInboxCommitter({
    store,
    maxGroupItems: config.mp.maxCommitGroup,
    onCommitted: () => statusManager.notify(),
  })
  const links = prepareSiteLinks({ config, store, committer, reporter, clock, logger })
  const bodyDecoder = createBodyWorkerPool({ size: config.mp.xmlWorkers, maxQueue: config.mp.xmlQueue })
  const seenClients = createSeenClients({ store, clock })
  const seenTimer = setInterval(() => {
    seenClients
      .flush()
      .catch((error: unknown) => logger.warn({ err: error }, 'could not record client last-seen times'))
  }, SEEN_FLUSH_MS)
  seenTimer.unref()
  // The MP and the API share one client cache, so an approval through the API applies at once.
  const clientCachedStore = withClientCache(store, { clock })
  const distribution = createDistributionRuntime({
    store: clientCachedStore,
    siteCode: config.siteCode,
    dataDir: config.dataDir,
    signer: loadOrCreatePolicySigner(config.dataDir),
    clock,
    settings: {
      pollSeconds: config.distribution.pollSeconds,
      jitterSeconds: config.distribution.jitterSeconds,
      maxContentBytes: config.distribution.maxContentBytes,
    },
  })
  await distribution.start()
  // Query rules over facts change as clients report; a full evaluation catches what the
  // incremental one cannot see (clients approved or removed, names changed).
  const evaluationTimer = setInterval(() => {
    distribution
      .evaluateAll()
      .catch((error: unknown) => logger.warn({ err: error }, 'could not evaluate collection membership'))
  }, COLLECTION_EVALUATION_MS)
  evaluationTimer.unref()
  const mpDeps: MpDeps = {
    store: clientCachedStore,
    committer,
    bodyDecoder,
    clock,
    siteCode: config.siteCode,
    version: SITE_VERSION,
    mpName: machine,
    config: config.mp,
    onClientSeen: (clientId) => seenClients.mark(clientId),
    distribution,
  }
  const app = createApp({
    siteCode: config.siteCode,
    siteName: config.siteName,
    version: SITE_VERSION,
    roles: config.roles,
    logger,
    maxBodyBytes: config.mp.maxBodyBytes,
    httpLimits: config.http,
    api: {
      store: clientCachedStore,
      catalogue,
      adminToken,
      clock,
      storedMessages,
      parentLink: links.runtime,
      summaries: { settings: summarizerSettings, reporter, parentSiteCode: site.parentSiteCode },
      provider: { reporter, severityOf: (module, id) => lookupMessage(catalogue, module, id)?.severity },
      distribution: { runtime: distribution, reporter, siteCode: config.siteCode },
    },
    // Child sites upload into the inbox too, which is the management point's job.
    ...(runsManagementPoint ? { mp: mpDeps, links: links.routes } : {}),
  })
  let address: string
  try {
    address = await app.listen({ host: config.http.host, port: config.http.port })
  } catch (error) {
    clearInterval(seenTimer)
    clearInterval(evaluationTimer)
    await bodyDecoder.close()
    await store.close()
    throw portUnavailable(config.http.host, config.http.port, error)
  }

  let summarizers: SummarizerRuntime = {
    runComponents: () => Promise.resolve(),
    pollSiteSystems: () => Promise.resolve(),
    stop: () => Promise.resolve(),
  }
  if (runsStatusManager) {
    statusManager.start()
    dispatcher.start()
    links.start(address)
    summarizers = startSummarizers({
      store,
      reporter,
      settings: summarizerSettings,
      clock,
      logger: logger.child({ component: 'summarizers' }),
      readStorage: createStorageReader(store, { siteSystem: machine, dataDir: config.dataDir }),
      componentIntervalMs: config.summarizers.componentIntervalSeconds * 1000,
      siteSystemPollMs: config.summarizers.siteSystemPollMinutes * 60_000,
    })
  }
  logger.info(
    { siteCode: config.siteCode, url: address, database: databaseDescription, roles: config.roles },
    'site started',
  )

  return {
    url: address,
    databaseDescription,
    ruleCount: rules.length,
    store,
    reporter,
    statusManager,
    adminToken,
    firstStartPassword,
    adminPasswordFile: path.join(config.dataDir, ADMIN_PASSWORD_FILE),
    distribution,
    summarizers: {
      runComponents: () => summarizers.runComponents(),
      pollSiteSystems: () => summarizers.pollSiteSystems(),
    },
    async stop() {
      await app.close()
      clearInterval(seenTimer)
      clearInterval(evaluationTimer)
      await seenClients
        .flush()
        .catch((error: unknown) => logger.warn({ err: error }, 'could not record client last-seen times'))
      await bodyDecoder.close()
      retention.stop()
      await summarizers.stop()
      await links.stop()
      await statusManager.stop()
      await dispatcher.stop()
      await osLogWriter?.close()
      await store.close()
      logger.info({ siteCode: config.siteCode }, 'site stopped')
    },
  }
}

function createSiteOsLogWriter(config: SiteConfig, logger: Logger): OsLogWriter | null {
  if (config.osLog.mode === 'off') return null
  try {
    return createOsLogWriter({
      mode: config.osLog.mode,
      facility: config.osLog.facility,
      ...(config.osLog.socketPath === undefined ? {} : { socketPath: config.osLog.socketPath }),
    })
  } catch (error) {
    logger.warn(
      { err: error },
      'OS log is not available on this machine; "report to the OS log" actions will wait in the outbox',
    )
    return null
  }
}
