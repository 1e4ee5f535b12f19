import type { SiteStore, StoredMessage } from '@sitrep/store'
import type { BatchPlan, PlanContext } from './plan-batch.ts'
import { planBatch } from './plan-batch.ts'

/** Totals of one processed batch, for the status manager's counters and message 1200. */
export interface BatchResult {
  readonly claimed: number
  readonly stored: number
  /** The messages this batch stored, with their record IDs (for the live tail). */
  readonly storedMessages: readonly StoredMessage[]
  readonly notKept: number
  readonly quarantined: number
  readonly osLogged: number
  readonly replicated: number
  readonly programs: number
  readonly exported: number
  readonly deferred: BatchPlan['deferred']
  readonly unknownExportTargets: BatchPlan['unknownExportTargets']
}

/**
 * Takes one batch from the inbox and, in ONE transaction, stores what the rules keep, queues
 * the outbox, counts losses and component counters, and removes the batch from the inbox. A
 * crash anywhere before the commit leaves the inbox as it was; after it, nothing is redone.
 */
export async function processInboxBatch(
  store: SiteStore,
  options: { readonly batchSize: number; readonly context: () => PlanContext },
): Promise<BatchResult> {
  return store.transaction(async (tx) => {
    const context = options.context()
    const items = await tx.claimInbox({ max: options.batchSize, now: context.now })
    if (items.length === 0) return emptyResult()
    const plan = planBatch(items, context)
    const recordIds = plan.toStore.length > 0 ? await tx.saveMessages(plan.toStore) : []
    if (plan.outbox.length > 0) await tx.enqueueOutbox(plan.outbox)
    if (plan.loss.length > 0) await tx.addLoss(plan.loss)
    if (plan.counts.length > 0) await tx.addComponentCounts(plan.counts)
    if (plan.deployments.length > 0) await tx.addDeploymentReports(plan.deployments)
    if (plan.quarantine.length > 0) await tx.quarantine(plan.quarantine, context.now)
    for (const group of groupByUntil(plan.deferred)) await tx.deferInbox(group.ids, group.until)
    // Quarantined items were moved out by quarantine(); delete the rest of the finished ones.
    const quarantined = new Set(plan.quarantine.map((q) => q.id))
    const finished = plan.done.filter((id) => !quarantined.has(id))
    if (finished.length > 0) await tx.deleteInbox(finished)
    return {
      claimed: items.length,
      stored: plan.toStore.length,
      storedMessages: plan.toStore.map((s, i) => ({
        ...s.message,
        recordId: recordIds[i] ?? 0,
        receivedAt: s.receivedAt,
        deleteAfter: s.deleteAfter,
        trusted: s.trusted ?? true,
      })),
      notKept: plan.loss.filter((l) => l.reason === 'not_kept').length,
      quarantined: plan.quarantine.length,
      osLogged: countKind(plan, 'os-log'),
      replicated: countKind(plan, 'replicate'),
      programs: countKind(plan, 'program'),
      exported: countKind(plan, 'export'),
      deferred: plan.deferred,
      unknownExportTargets: plan.unknownExportTargets,
    }
  })
}

function countKind(plan: BatchPlan, kind: BatchPlan['outbox'][number]['kind']): number {
  return plan.outbox.filter((e) => e.kind === kind).length
}

function groupByUntil(deferred: BatchPlan['deferred']): { ids: string[]; until: number }[] {
  const groups = new Map<number, string[]>()
  for (const d of deferred) groups.set(d.until, [...(groups.get(d.until) ?? []), d.id])
  return [...groups].map(([until, ids]) => ({ until, ids }))
}

function emptyResult(): BatchResult {
  return {
    claimed: 0,
    stored: 0,
    storedMessages: [],
    notKept: 0,
    quarantined: 0,
    osLogged: 0,
    replicated: 0,
    programs: 0,
    exported: 0,
    deferred: [],
    unknownExportTargets: new Map(),
  }
}
