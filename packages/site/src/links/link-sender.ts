/**
 * The child end of the link to the parent (docs/hierarchy.md): enrols, then drains the
 * `replicate` outbox entries in batches, high lane first, and completes exactly the entries the
 * parent acknowledged in a signed reply. While the parent is away it backs off with jitter; over
 * the byte budget low-priority entries wait. Entries leave the outbox only when acknowledged, so
 * a restart resumes from the last acknowledged entry.
 */
import type { SiteStore } from '@sitrep/store'
import type { Logger } from 'pino'
import { retryDelayMs } from '../outbox/retry-delay.ts'
import { createLinkClient } from './link-client.ts'
import type { LinkClient, ParentConfig } from './link-client.ts'
import type { SiteKey } from './site-key.ts'
import { takeBytes } from './take-bytes.ts'
import type { ByteBudgetState } from './take-bytes.ts'
import { collectSummaries } from './collect-summaries.ts'

/** The parent settings of a site that has one. */

/** What the sender is doing, for `sitrep links`. */
export type SenderState = 'enrolling' | 'pending' | 'rejected' | 'connected' | 'retrying'

/** What a sender needs. */
export interface LinkSenderDeps {
  readonly store: SiteStore
  readonly siteCode: string
  /** This site's own URL, told to the parent at enrolment. */
  readonly siteUrl: string
  readonly key: SiteKey
  readonly parent: ParentConfig
  readonly clock: () => number
  readonly logger: Logger
  readonly fetch?: typeof fetch
  readonly random?: () => number
}

/** A running sender. */
export interface LinkSender {
  start(): void
  /** One step: enrol, summaries when due, one batch or a heartbeat. Resolves the wait before the next. */
  step(): Promise<number>
  state(): SenderState
  /** Messages acknowledged in the last minute. */
  throughputPerMinute(): number
  /**
   * Sends the summaries with the next step instead of at the next interval: the subtree changed
   * (a child enrolled or was approved, or reported a different subtree), and the parent must
   * know the sites under this one before this site could fall silent (docs/hierarchy.md).
   */
  summariesNow(): void
  stop(): Promise<void>
}

/** Creates the sender of the link to `deps.parent`. */
export function createLinkSender(deps: LinkSenderDeps): LinkSender {
  const { store, parent, clock } = deps
  const client: LinkClient = createLinkClient(deps)
  let state: SenderState = 'enrolling'
  let failures = 0
  let budget: ByteBudgetState | undefined
  let nextSummaryAt = 0
  let lastContactAt = 0
  const acked: { at: number; count: number }[] = []
  let running = false
  let loopDone: Promise<void> = Promise.resolve()
  let wake: (() => void) | undefined

  const backoff = (reason: string): number => {
    failures += 1
    state = 'retrying'
    const delay = Math.min(parent.maxBackoffSeconds * 1000, retryDelayMs(failures, deps.random))
    deps.logger.warn({ parent: parent.siteCode, failures, delayMs: delay, reason }, 'parent link: will retry')
    return delay
  }

  const enrol = async (): Promise<number | null> => {
    const link = await store.getSiteLink('parent', parent.siteCode)
    if (link?.status === 'approved' && link.publicKey !== '') return null
    state = 'enrolling'
    const reply = await client.enrol()
    await store.saveParentLink({
      siteCode: parent.siteCode,
      url: parent.url,
      publicKey: reply.publicKey,
      status: reply.status,
      at: clock(),
    })
    if (reply.status === 'approved') return null
    state = reply.status
    deps.logger.warn({ parent: parent.siteCode, status: reply.status }, 'parent link: not approved yet')
    return parent.maxBackoffSeconds * 1000
  }

  const sendBatch = async (parentKey: string): Promise<number> => {
    const now = clock()
    const due = await store.listReplicationDue({ target: parent.siteCode, now, limit: parent.batchSize })
    let bytes = 0
    const batch = due.filter((entry) => {
      const size = Buffer.byteLength(entry.payload) + 1
      if (bytes > 0 && bytes + size > parent.maxBatchBytes) return false
      bytes += size
      return true
    })
    const upper = batch.filter((e) => e.priority !== 'low')
    const low = batch.filter((e) => e.priority === 'low')
    const upperBytes = upper.reduce((n, e) => n + Buffer.byteLength(e.payload) + 1, 0)
    let send = batch
    let waitMs = 0
    const rate = parent.bytesPerSecond
    if (low.length > 0) {
      const decision = takeBytes(budget, now, bytes, { bytesPerSecond: rate, mustGo: false })
      if (decision.allowed) budget = decision.state
      else {
        // Over budget: high and medium go on, low waits (and the link counts it).
        send = upper
        waitMs = decision.retryAfterMs
        budget = takeBytes(decision.state, now, upperBytes, { bytesPerSecond: rate, mustGo: true }).state
        await store.addSiteLinkDeferred('parent', parent.siteCode, low.length)
      }
    } else {
      budget = takeBytes(budget, now, bytes, { bytesPerSecond: rate, mustGo: true }).state
    }
    if (send.length === 0) {
      if (now - lastContactAt >= parent.heartbeatSeconds * 1000) {
        await client.sendMessages([], parentKey)
        lastContactAt = clock()
        await store.touchSiteLink('parent', parent.siteCode, lastContactAt)
      }
      return batch.length === 0 ? parent.pollMs : Math.max(waitMs, 10)
    }
    const results = await client.sendMessages(
      send.map((e) => e.payload),
      parentKey,
    )
    const done: number[] = []
    let refused = 0
    for (const result of results) {
      const entry = send[result.index]
      if (entry === undefined) continue
      done.push(entry.seq)
      if (result.outcome === 'refused') refused += 1
    }
    const at = clock()
    if (refused > 0) {
      deps.logger.error(
        { parent: parent.siteCode, refused },
        'parent refused replicated messages; counted in the loss ledger',
      )
      await store.transaction((tx) =>
        tx.addLoss([
          {
            siteCode: deps.siteCode,
            origin: `link:${parent.siteCode}`,
            reason: 'refused',
            count: refused,
            at,
          },
        ]),
      )
    }
    await store.completeOutbox(done)
    await store.recordSiteLinkAck('parent', parent.siteCode, {
      lastAckedSeq: Math.max(0, ...done),
      sent: done.length,
      at,
    })
    lastContactAt = at
    acked.push({ at, count: done.length })
    return waitMs > 0 ? waitMs : 0
  }

  const step = async (): Promise<number> => {
    try {
      const enrolWait = await enrol()
      if (enrolWait !== null) return enrolWait
      const link = await store.getSiteLink('parent', parent.siteCode)
      if (link === undefined) return parent.pollMs
      if (clock() >= nextSummaryAt) {
        await client.sendSummaries(await collectSummaries(store, deps.siteCode, clock()), link.publicKey)
        nextSummaryAt = clock() + parent.summaryIntervalSeconds * 1000
      }
      const wait = await sendBatch(link.publicKey)
      failures = 0
      state = 'connected'
      return wait
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error)
      if (error instanceof Error && 'status' in error && (error.status === 401 || error.status === 403)) {
        // The parent no longer knows or approves us: enrol again (the secret may re-approve).
        await store.setSiteLinkStatus('parent', parent.siteCode, 'pending').catch(() => undefined)
      }
      return backoff(reason)
    }
  }

  const loop = async (): Promise<void> => {
    while (running) {
      const wait = await step()
      if (!running) break
      if (wait <= 0) continue
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, wait)
        wake = () => {
          clearTimeout(timer)
          resolve()
        }
      })
      wake = undefined
    }
  }

  return {
    start() {
      if (running) return
      running = true
      loopDone = loop()
    },
    step,
    state: () => state,
    throughputPerMinute() {
      const since = clock() - 60_000
      while (acked.length > 0 && (acked[0]?.at ?? 0) < since) acked.shift()
      return acked.reduce((n, a) => n + a.count, 0)
    },
    summariesNow() {
      nextSummaryAt = 0
      wake?.()
    },
    async stop() {
      running = false
      wake?.()
      await loopDone
    },
  }
}
