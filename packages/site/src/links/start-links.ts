/**
 * Wires the site hierarchy into a site (docs/hierarchy.md): the site key, the receiver routes
 * for children, the watch for silent children, and — when the site has a parent — the sender.
 * `startSite` calls it; the sender starts once the site knows its own URL.
 */
import type { SiteStore } from '@sitrep/store'
import type { Logger } from 'pino'
import type { SiteConfig } from '../config.ts'
import type { LinkRouteDeps } from '../http/link-routes.ts'
import type { LinkRuntime } from '../http/links-api-routes.ts'
import type { InboxCommitter } from '../mp/create-inbox-committer.ts'
import type { SiteReporter } from '../reporting/site-reporter.ts'
import { createLinkSender } from './link-sender.ts'
import type { LinkSender } from './link-sender.ts'
import { loadOrCreateSiteKey } from './site-key.ts'
import { startWatchChildren } from './watch-children.ts'

/** The hierarchy parts of a running site. */
export interface SiteLinks {
  readonly routes: LinkRouteDeps
  readonly runtime: LinkRuntime
  /** Starts the watch and, with a parent, the sender; `siteUrl` is this site's own URL. */
  start(siteUrl: string): void
  stop(): Promise<void>
}

/** Builds the hierarchy parts of a site from its configuration. */
export function prepareSiteLinks(deps: {
  readonly config: SiteConfig
  readonly store: SiteStore
  readonly committer: Pick<InboxCommitter, 'enqueue'>
  readonly reporter: SiteReporter
  readonly clock: () => number
  readonly logger: Logger
}): SiteLinks {
  const { config, store, clock } = deps
  const logger = deps.logger.child({ component: 'site-links' })
  const key = loadOrCreateSiteKey(config.dataDir)
  let sender: LinkSender | undefined
  let watch: { stop(): void } | undefined
  return {
    routes: {
      store,
      committer: deps.committer,
      reporter: deps.reporter,
      key,
      siteCode: config.siteCode,
      clock,
      enrolmentSecrets: config.links.enrolmentSecrets,
      maxClockSkewMs: config.mp.maxClockSkewSeconds * 1000,
      logger,
      onSubtreeChanged: () => sender?.summariesNow(),
    },
    runtime: {
      state: () => sender?.state() ?? 'stopped',
      throughputPerMinute: () => sender?.throughputPerMinute() ?? 0,
      subtreeChanged: () => sender?.summariesNow(),
    },
    start(siteUrl) {
      watch = startWatchChildren({
        store,
        reporter: deps.reporter,
        clock,
        timeoutMs: config.links.childTimeoutMinutes * 60_000,
        intervalMs: config.links.checkIntervalSeconds * 1000,
        logger,
      })
      if (config.parent === null) return
      sender = createLinkSender({
        store,
        siteCode: config.siteCode,
        siteUrl,
        key,
        parent: config.parent,
        clock,
        logger,
      })
      sender.start()
    },
    async stop() {
      watch?.stop()
      await sender?.stop()
    },
  }
}
