/**
 * Path down (docs/hierarchy.md): a parent task that marks every child silent for longer than
 * the timeout — and with it the sites under it — unknown since now, and raises one message
 * (4800) per silent subtree, not one per component. The receiver raises 4801 and clears the
 * mark when the child reports again.
 */
import type { SiteLink, SiteLinkOperations } from '@sitrep/store'
import type { Logger } from 'pino'
import type { SiteReporter } from '../reporting/site-reporter.ts'

/** Component name of the site-link messages. */
export const LINK_COMPONENT = 'SMS_SITE_LINK_MANAGER'
/** A child and its subtree went silent. */
export const SUBTREE_UNKNOWN_MESSAGE_ID = 4800
/** A silent child reports again. */
export const LINK_RESTORED_MESSAGE_ID = 4801

/** What the watch needs. */
export interface WatchChildrenDeps {
  readonly store: SiteLinkOperations
  readonly reporter: Pick<SiteReporter, 'raise'>
  readonly clock: () => number
  readonly timeoutMs: number
  readonly logger: Logger
}

/** Marks silent children once; resolves the links it marked. */
export async function watchChildrenOnce(deps: WatchChildrenDeps): Promise<readonly SiteLink[]> {
  const now = deps.clock()
  const marked = await deps.store.markSilentChildren(now - deps.timeoutMs, now)
  for (const link of marked) {
    const since = new Date(link.lastContactAt ?? link.enrolledAt).toISOString()
    const under = link.subtree.map((s) => s.siteCode)
    deps.logger.warn({ child: link.siteCode, since, under }, 'child site is silent; its subtree is unknown')
    await deps.reporter.raise({
      component: LINK_COMPONENT,
      messageId: SUBTREE_UNKNOWN_MESSAGE_ID,
      severity: 'warning',
      insertionStrings: [link.siteCode, since, String(under.length), under.join(', ') || '-'],
      time: now,
    })
  }
  return marked
}

/** Raises 4801 for a child whose unknown mark was just cleared. */
export async function reportLinkRestored(
  reporter: Pick<SiteReporter, 'raise'>,
  link: Pick<SiteLink, 'siteCode' | 'subtree'>,
  unknownSince: number,
  now: number,
): Promise<void> {
  await reporter.raise({
    component: LINK_COMPONENT,
    messageId: LINK_RESTORED_MESSAGE_ID,
    severity: 'informational',
    insertionStrings: [link.siteCode, new Date(unknownSince).toISOString(), String(link.subtree.length + 1)],
    time: now,
  })
}

/** Runs {@link watchChildrenOnce} every `intervalMs` until stopped. */
export function startWatchChildren(deps: WatchChildrenDeps & { readonly intervalMs: number }): {
  stop(): void
} {
  const timer = setInterval(() => {
    watchChildrenOnce(deps).catch((error: unknown) => deps.logger.error({ err: error }, 'child watch failed'))
  }, deps.intervalMs)
  timer.unref()
  return { stop: () => clearInterval(timer) }
}
