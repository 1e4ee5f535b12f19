/**
 * Runs the summarizers on timers inside a site: the component status summarizer every
 * `componentIntervalMs`, the site system poll every `siteSystemPollMs`, each once right after
 * start. A run never overlaps the previous one of its kind; a failed run is logged and the next
 * one tries again; the timers do not keep the process alive.
 */
import type { StorageObject } from '@sitrep/core'
import type { SiteStore } from '@sitrep/store'
import type { Logger } from 'pino'
import type { SiteReporter } from '../reporting/site-reporter.ts'
import { runComponentSummarizer } from './component-summarizer.ts'
import { runSiteSystemPoll } from './site-system-poller.ts'
import type { SummarizerSettings } from './summarizer-settings.ts'

/** What {@link startSummarizers} needs. */
export interface SummarizerRuntimeDeps {
  readonly store: SiteStore
  readonly reporter: Pick<SiteReporter, 'raise'>
  readonly settings: SummarizerSettings
  readonly clock: () => number
  readonly logger: Logger
  readonly readStorage: () => Promise<readonly StorageObject[]>
  readonly componentIntervalMs: number
  readonly siteSystemPollMs: number
}

/** Running summarizers. */
export interface SummarizerRuntime {
  /** Runs the component status summarizer now (after a run in progress), e.g. in tests. */
  runComponents(): Promise<void>
  /** Polls storage now (after a poll in progress). */
  pollSiteSystems(): Promise<void>
  /** Stops the timers and waits for runs in progress. */
  stop(): Promise<void>
}

/**
 * A task that runs at most once at a time: a call during a run queues one more run after it, and
 * calls while that one waits share it, so a slow store never piles runs up.
 */
function serialized(task: () => Promise<void>): { run(): Promise<void>; idle(): Promise<void> } {
  let tail: Promise<void> = Promise.resolve()
  let queued: Promise<void> | undefined
  return {
    run() {
      if (queued !== undefined) return queued
      const next = tail.then(() => {
        queued = undefined
        return task()
      })
      queued = next
      tail = next
      return next
    },
    idle: () => tail,
  }
}

/** Starts the timers; the first runs happen at once (not awaited). */
export function startSummarizers(deps: SummarizerRuntimeDeps): SummarizerRuntime {
  const { logger } = deps
  let stopped = false
  const components = serialized(async () => {
    if (stopped) return
    try {
      const run = await runComponentSummarizer(deps, deps.clock())
      if (run.raised.length > 0) {
        logger.info({ raised: run.raised.map((r) => r.messageId) }, 'component status changed')
      }
    } catch (error) {
      logger.error({ err: error }, 'component status summarizer run failed; the next run retries')
    }
  })
  const siteSystems = serialized(async () => {
    if (stopped) return
    try {
      await runSiteSystemPoll(deps, deps.clock())
    } catch (error) {
      logger.error({ err: error }, 'site system status poll failed; the next poll retries')
    }
  })
  const componentTimer = setInterval(() => void components.run(), deps.componentIntervalMs)
  const pollTimer = setInterval(() => void siteSystems.run(), deps.siteSystemPollMs)
  componentTimer.unref()
  pollTimer.unref()
  void components.run()
  void siteSystems.run()
  return {
    runComponents: () => components.run(),
    pollSiteSystems: () => siteSystems.run(),
    async stop() {
      stopped = true
      clearInterval(componentTimer)
      clearInterval(pollTimer)
      await Promise.all([components.idle(), siteSystems.idle()])
    },
  }
}
