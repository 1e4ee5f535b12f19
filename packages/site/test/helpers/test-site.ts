/**
 * An in-process site for pipeline tests: a real SQLite store, the real status manager,
 * reporter and outbox dispatcher, with a clock the test moves by hand.
 */
import type { FilterRule } from '@sitrep/core'
import { DEFAULT_FILTER_RULES } from '@sitrep/core'
import type { StatusMessage } from '@sitrep/protocol'
import { createCatalogue, encodeStatusMessageJson, lookupMessage, renderMessage } from '@sitrep/protocol'
import type { SiteStore } from '@sitrep/store'
import { createSqliteStore } from '@sitrep/store'
import { pino } from 'pino'
import type { Logger } from 'pino'
import type { OutboxDispatcher, OutboxHandler } from '../../src/outbox/outbox-dispatcher.ts'
import { createOutboxDispatcher } from '../../src/outbox/outbox-dispatcher.ts'
import { raiseSinkNotice } from '../../src/outbox/sink-reports.ts'
import type { SiteReporter } from '../../src/reporting/site-reporter.ts'
import { createSiteReporter } from '../../src/reporting/site-reporter.ts'
import type { StatusManager } from '../../src/status-manager/status-manager.ts'
import { createStatusManager } from '../../src/status-manager/status-manager.ts'

/** A site assembled in-process for a test. */
export interface TestSite {
  readonly store: SiteStore
  readonly reporter: SiteReporter
  readonly statusManager: StatusManager
  readonly dispatcher: OutboxDispatcher
  now(): number
  advance(ms: number): void
  /** Puts messages in the inbox, as the management point does. */
  enqueue(messages: readonly StatusMessage[]): Promise<void>
  render(message: StatusMessage): string
  close(): Promise<void>
}

/** Builds a test site; `handlers` are the outbox actions it carries out. */
export async function createTestSite(
  options: {
    readonly rules?: readonly FilterRule[]
    readonly parentSiteCode?: string | null
    readonly exportTargets?: readonly string[]
    readonly handlers?: (site: {
      reporter: SiteReporter
      clock: () => number
    }) => Partial<Record<'os-log' | 'program' | 'export', OutboxHandler>>
    readonly start?: number
    readonly filename?: string
    /** A store to run on instead of SQLite (a test's engine); the site closes it. */
    readonly store?: SiteStore
    /** The site's logger (a test's collected log); silent by default. */
    readonly logger?: Logger
  } = {},
): Promise<TestSite> {
  const store = options.store ?? (await createSqliteStore({ filename: options.filename ?? ':memory:' }))
  await store.saveRules(options.rules ?? DEFAULT_FILTER_RULES)
  let now = options.start ?? Date.UTC(2026, 10, 21, 8)
  let cpu = 0
  const clock = (): number => now
  const catalogue = createCatalogue()
  const render = (message: StatusMessage): string => renderMessage(catalogue, message).text
  const logger = options.logger ?? pino({ level: 'silent' })
  const reporter = createSiteReporter({
    store,
    siteCode: 'PS1',
    machine: 'SITE-SERVER',
    processId: 4321,
    clock,
    severityOf: (module, id) => lookupMessage(catalogue, module, id)?.severity,
  })
  const statusManager = createStatusManager({
    store,
    reporter,
    site: { siteCode: 'PS1', parentSiteCode: options.parentSiteCode ?? null },
    settings: {
      workers: 1,
      batchSize: 100,
      idlePollMs: 50,
      futureThresholdMs: 300_000,
      selfReportIntervalMs: 3_600_000,
    },
    clock,
    logger,
    render,
    exportTargets: new Set(options.exportTargets ?? []),
    cpuMicros: () => (cpu += 1000),
  })
  const dispatcher = createOutboxDispatcher({
    store,
    handlers: options.handlers?.({ reporter, clock }) ?? {},
    siteCode: 'PS1',
    clock,
    logger,
    pollMs: 50,
    maxAttempts: 3,
    onSinkChange: (notice) => raiseSinkNotice(reporter, notice),
  })
  return {
    store,
    reporter,
    statusManager,
    dispatcher,
    now: clock,
    advance: (ms) => {
      now += ms
    },
    async enqueue(messages) {
      await store.enqueueInbox(
        messages.map((message) => ({
          id: message.id,
          body: JSON.stringify(encodeStatusMessageJson(message)),
          receivedAt: now,
          source: 'mp',
          trusted: true,
        })),
      )
    },
    render,
    async close() {
      await dispatcher.stop()
      await statusManager.stop()
      await store.close()
    },
  }
}
