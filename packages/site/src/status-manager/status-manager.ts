/**
 * The status manager's workers: each takes inbox batches until the inbox is empty, then waits
 * to be woken (or for the idle poll). It also raises its own messages: 1215 for future-dated
 * messages (once a day per component and machine) and 1200, its periodic self-report.
 */
import type { FilterRule } from '@sitrep/core'
import type { StatusMessage } from '@sitrep/protocol'
import type { SiteStore, StoredMessage } from '@sitrep/store'
import type { Logger } from 'pino'
import type { SiteReporter } from '../reporting/site-reporter.ts'
import type { SiteIdentity } from './plan-batch.ts'
import type { BatchResult } from './process-inbox-batch.ts'
import { processInboxBatch } from './process-inbox-batch.ts'
import type { StatusManagerTotals } from './self-report.ts'
import { addBatch, emptyTotals, selfReportInsertionStrings } from './self-report.ts'

const COMPONENT = 'SMS_STATUS_MANAGER'
const DAY_MS = 86_400_000

/** Settings of the status manager, from the site configuration. */
export interface StatusManagerSettings {
  readonly workers: number
  readonly batchSize: number
  readonly idlePollMs: number
  readonly futureThresholdMs: number
  readonly selfReportIntervalMs: number
}

/** What the status manager needs from the rest of the site. */
export interface StatusManagerDeps {
  readonly store: SiteStore
  readonly reporter: SiteReporter
  readonly site: SiteIdentity
  readonly settings: StatusManagerSettings
  readonly clock: () => number
  readonly logger: Logger
  readonly render: (message: StatusMessage) => string
  readonly exportTargets: ReadonlySet<string>
  /** False when the OS log is off: no OS-log outbox entries are queued (see `PlanContext`). */
  readonly osLogEnabled?: boolean
  /** CPU time used by this process so far, in microseconds (for message 1200). */
  readonly cpuMicros: () => number
  /** Called with each committed batch's stored messages (the live tail's feed). */
  readonly onStored?: (messages: readonly StoredMessage[]) => void
}

/** A running status manager. */
export interface StatusManager {
  start(): void
  /** Wakes idle workers, e.g. right after the management point filled the inbox. */
  notify(): void
  /**
   * Processes batches until the inbox has nothing due and no worker holds a batch it has not
   * committed; resolves with the totals.
   */
  drain(): Promise<StatusManagerTotals>
  /** Raises message 1200 now with the totals since the last report. */
  selfReport(): Promise<void>
  /** Lets running batches finish, then stops. */
  stop(): Promise<void>
  totals(): StatusManagerTotals
}

/** Creates a status manager; nothing runs until {@link StatusManager.start}. */
export function createStatusManager(deps: StatusManagerDeps): StatusManager {
  const { store, settings, logger } = deps
  let running = false
  let rules: readonly FilterRule[] = []
  const waiters = new Set<() => void>()
  const loops: Promise<void>[] = []
  /** The batches the workers are running: claimed, maybe not yet committed. */
  const inFlight = new Set<Promise<BatchResult>>()
  let sinceReport = emptyTotals()
  let lifetime = emptyTotals()
  let lastReportAt = deps.clock()
  let lastCpuMicros = deps.cpuMicros()
  const futureReportedAt = new Map<string, number>()
  let selfReportTimer: NodeJS.Timeout | undefined

  const runBatch = async (): Promise<BatchResult> => {
    // Rules are read once per batch, so an edit applies from the next batch on.
    rules = await store.listRules()
    const result = await processInboxBatch(store, {
      batchSize: settings.batchSize,
      context: () => ({
        rules,
        site: deps.site,
        now: deps.clock(),
        futureThresholdMs: settings.futureThresholdMs,
        render: deps.render,
        exportTargets: deps.exportTargets,
        ...(deps.osLogEnabled === undefined ? {} : { osLogEnabled: deps.osLogEnabled }),
      }),
    })
    sinceReport = addBatch(sinceReport, result)
    lifetime = addBatch(lifetime, result)
    deps.onStored?.(result.storedMessages)
    await afterCommit(result)
    return result
  }

  const afterCommit = async (result: BatchResult): Promise<void> => {
    for (const [target, count] of result.unknownExportTargets) {
      logger.warn({ target, count }, 'a filter rule exports to a target that is not configured')
    }
    const now = deps.clock()
    for (const held of result.deferred) {
      const key = `${held.component}\u0000${held.machine}`
      const last = futureReportedAt.get(key)
      if (last !== undefined && now - last < DAY_MS) continue
      futureReportedAt.set(key, now)
      await deps.reporter.raise({
        component: COMPONENT,
        messageId: 1215,
        severity: 'warning',
        insertionStrings: [
          held.component,
          held.machine,
          String(Math.round(settings.futureThresholdMs / 1000)),
        ],
      })
    }
  }

  const loop = async (worker: number): Promise<void> => {
    while (running) {
      const batch = runBatch()
      inFlight.add(batch)
      try {
        const result = await batch
        if (result.claimed > 0) continue
      } catch (error) {
        logger.error(
          { err: error, worker },
          'status manager batch failed; it stays in the inbox and is retried',
        )
      } finally {
        inFlight.delete(batch)
      }
      if (!running) break
      await new Promise<void>((resolve) => {
        const done = (): void => {
          clearTimeout(timer)
          waiters.delete(done)
          resolve()
        }
        const timer = setTimeout(done, settings.idlePollMs)
        waiters.add(done)
      })
    }
  }

  const selfReport = async (): Promise<void> => {
    const now = deps.clock()
    const cpu = deps.cpuMicros()
    const strings = selfReportInsertionStrings(sinceReport, {
      elapsedMs: Math.max(1, now - lastReportAt),
      cpuMicros: cpu - lastCpuMicros,
      nextReportMs: settings.selfReportIntervalMs,
    })
    sinceReport = emptyTotals()
    lastReportAt = now
    lastCpuMicros = cpu
    await deps.reporter.raise({
      component: COMPONENT,
      messageId: 1200,
      severity: 'informational',
      insertionStrings: strings,
    })
  }

  return {
    start() {
      if (running) return
      running = true
      for (let i = 0; i < settings.workers; i++) loops.push(loop(i))
      selfReportTimer = setInterval(() => {
        selfReport().catch((error: unknown) =>
          logger.error({ err: error }, 'status manager self-report (1200) failed'),
        )
      }, settings.selfReportIntervalMs)
      selfReportTimer.unref()
    },
    notify() {
      for (const done of [...waiters]) done()
    },
    async drain() {
      for (;;) {
        const result = await runBatch()
        if (result.claimed > 0) continue
        // An empty claim does not mean done: a worker may hold a batch it claimed and has not
        // committed yet (on PostgreSQL its transaction runs beside this one). Its messages are
        // part of what drain promises, and its commit may have raised more.
        if (inFlight.size === 0) return lifetime
        await Promise.allSettled([...inFlight])
      }
    },
    selfReport,
    async stop() {
      running = false
      if (selfReportTimer !== undefined) clearInterval(selfReportTimer)
      for (const done of [...waiters]) done()
      await Promise.all(loops.splice(0))
    },
    totals: () => lifetime,
  }
}
