/**
 * The pure half of the status manager: given claimed inbox items, the ordered rules and the
 * time, decide what one batch transaction writes. No I/O here, so the decision logic is tested
 * with plain values and the shell (`process-inbox-batch.ts`) only applies the plan.
 */
import type { FilterRule, RuleDecision } from '@sitrep/core'
import { deploymentExitCode, deploymentMessageKey, evaluateFilterRules } from '@sitrep/core'
import type { StatusMessage } from '@sitrep/protocol'
import { encodeStatusMessageJson, formatIssues, parseStatusMessage } from '@sitrep/protocol'
import type {
  ClaimedInboxItem,
  ComponentCountDelta,
  DeploymentReport,
  LossEntryInput,
  MessageToStore,
  OutboxEntryInput,
} from '@sitrep/store'
import { isFromChild, replicatePayload } from '../links/link-trust.ts'

const DAY_MS = 86_400_000
const HOUR_MS = 3_600_000

/** What the site knows about itself when planning a batch. */
export interface SiteIdentity {
  readonly siteCode: string
  /** The parent's site code, or `null` for a site at the top of its hierarchy. */
  readonly parentSiteCode: string | null
}

/** Everything `planBatch` needs besides the items. */
export interface PlanContext {
  readonly rules: readonly FilterRule[]
  readonly site: SiteIdentity
  readonly now: number
  /** Messages stamped at least this far ahead of `now` wait (§8.7). */
  readonly futureThresholdMs: number
  /** Renders a message's text from the catalogue (for the OS log, programs and exports). */
  readonly render: (message: StatusMessage) => string
  /** Names of the export targets the site has configured; others are reported, not queued. */
  readonly exportTargets: ReadonlySet<string>
  /**
   * False when the site's OS log is switched off (`osLog.mode` `off`): "report to the OS log"
   * actions then queue nothing, since nothing would ever take the entries. Default true.
   */
  readonly osLogEnabled?: boolean
}

/** A message held back because its time is ahead of the server clock. */
export interface FutureDated {
  readonly id: string
  readonly component: string
  readonly machine: string
  readonly aheadMs: number
  readonly until: number
}

/** The writes of one batch, applied in one transaction. */
export interface BatchPlan {
  readonly toStore: MessageToStore[]
  readonly outbox: OutboxEntryInput[]
  readonly loss: LossEntryInput[]
  readonly counts: ComponentCountDelta[]
  /** Software-distribution messages forwarded to the summarizers, for the deployment summary. */
  readonly deployments: DeploymentReport[]
  readonly quarantine: { readonly id: string; readonly reason: string }[]
  readonly deferred: FutureDated[]
  /** Inbox items finished by this batch (stored, discarded or quarantined). */
  readonly done: string[]
  /** Export targets named by rules but not configured, with how many messages named them. */
  readonly unknownExportTargets: Map<string, number>
}

/** Plans one batch. Items keep their inbox order; each ends up in exactly one bucket. */
export function planBatch(items: readonly ClaimedInboxItem[], context: PlanContext): BatchPlan {
  const plan: BatchPlan = {
    toStore: [],
    outbox: [],
    loss: [],
    counts: [],
    deployments: [],
    quarantine: [],
    deferred: [],
    done: [],
    unknownExportTargets: new Map(),
  }
  const counts = new Map<string, ComponentCountDelta>()
  for (const item of items) {
    const parsed = parseInboxBody(item.body)
    if (!parsed.ok) {
      plan.quarantine.push({ id: item.id, reason: parsed.reason })
      plan.loss.push({
        siteCode: context.site.siteCode,
        origin: 'unknown',
        reason: 'quarantined',
        count: 1,
        at: context.now,
      })
      plan.done.push(item.id)
      continue
    }
    const message = withSiteCode(parsed.message, context.site.siteCode)
    const aheadMs = message.createdAt - context.now
    if (aheadMs >= context.futureThresholdMs) {
      plan.deferred.push({
        id: item.id,
        component: message.component,
        machine: message.machine,
        aheadMs,
        until: message.createdAt,
      })
      continue
    }
    const decision = evaluateFilterRules(context.rules, message)
    applyDecision(plan, item, message, decision, context)
    // A replicated message was counted at the child that took it; its counter rows and
    // deployment counts arrive as absolute values with that child's summaries. Counting the copy
    // here too added to those rows whenever it was processed after the summaries were written
    // (a secondary's 12 warnings showed as 24 at the central site until the next summaries).
    if (decision.forwardToSummarizers && !isFromChild(item)) {
      countMessage(counts, message)
      const deployment = deploymentMessageKey(message)
      if (deployment !== undefined) plan.deployments.push(toDeploymentReport(deployment, message))
    }
    plan.done.push(item.id)
  }
  plan.counts.push(...counts.values())
  return plan
}

function applyDecision(
  plan: BatchPlan,
  item: ClaimedInboxItem,
  message: StatusMessage,
  decision: RuleDecision,
  context: PlanContext,
): void {
  const { now, site } = context
  if (decision.writeToDatabase !== null) {
    plan.toStore.push({
      message,
      receivedAt: item.receivedAt,
      // Retention counts from the message's own time, so a message that waited in a spool
      // offline is not kept longer than its rule says.
      deleteAfter: message.createdAt + decision.writeToDatabase.daysToKeep * DAY_MS,
      // A message from an unauthenticated door stays marked so wherever it is shown.
      trusted: item.trusted,
    })
  } else {
    plan.loss.push({
      siteCode: site.siteCode,
      origin: originKey(message),
      reason: 'not_kept',
      count: 1,
      at: now,
    })
  }
  const needsText =
    (decision.reportToOsLog && context.osLogEnabled !== false) ||
    decision.programs.length > 0 ||
    decision.exportTo.length > 0
  const text = needsText ? context.render(message) : ''
  const base = { messageId: message.id, createdAt: now }
  if (decision.reportToOsLog && context.osLogEnabled !== false) {
    plan.outbox.push({
      ...base,
      kind: 'os-log',
      target: 'local',
      priority: 'medium',
      payload: JSON.stringify({ message: encodeStatusMessageJson(message), text }),
    })
  }
  const parent = site.parentSiteCode
  if (decision.replicateToParent !== null && parent !== null && message.topLevelSiteCode !== site.siteCode) {
    plan.outbox.push({
      ...base,
      kind: 'replicate',
      target: parent,
      priority: decision.replicateToParent.priority,
      payload: replicatePayload(message, item.trusted),
    })
  }
  for (const program of decision.programs) {
    plan.outbox.push({
      ...base,
      kind: 'program',
      target: program.commandLine,
      priority: 'medium',
      payload: JSON.stringify({ message: encodeStatusMessageJson(message), text, rule: program.rule }),
    })
  }
  for (const target of decision.exportTo) {
    if (!context.exportTargets.has(target)) {
      plan.unknownExportTargets.set(target, (plan.unknownExportTargets.get(target) ?? 0) + 1)
      continue
    }
    plan.outbox.push({
      ...base,
      kind: 'export',
      target,
      priority: 'medium',
      payload: JSON.stringify({ message: encodeStatusMessageJson(message), text }),
    })
  }
}

function countMessage(counts: Map<string, ComponentCountDelta>, message: StatusMessage): void {
  // withSiteCode filled the site code before rules ran, so it is never null here.
  const siteCode = message.siteCode ?? ''
  const hourStart = Math.floor(message.createdAt / HOUR_MS) * HOUR_MS
  const key = `${siteCode}\u0000${message.machine}\u0000${message.component}\u0000${hourStart}\u0000${message.severity}`
  const prev = counts.get(key)
  counts.set(key, {
    siteCode,
    machine: message.machine,
    component: message.component,
    hourStart,
    severity: message.severity,
    count: (prev?.count ?? 0) + 1,
  })
}

function toDeploymentReport(
  key: { readonly deploymentId: string; readonly client: string },
  message: StatusMessage,
): DeploymentReport {
  return {
    ...key,
    messageId: message.messageId,
    severity: message.severity,
    createdAt: message.createdAt,
    sequence: message.sequence,
    exitCode: deploymentExitCode(message),
  }
}

type ParsedBody =
  { readonly ok: true; readonly message: StatusMessage } | { readonly ok: false; readonly reason: string }

function parseInboxBody(body: string): ParsedBody {
  let json: unknown
  try {
    json = JSON.parse(body)
  } catch (error) {
    return { ok: false, reason: `the inbox entry is not valid JSON: ${String(error)}` }
  }
  const result = parseStatusMessage(json)
  return result.ok
    ? { ok: true, message: result.value }
    : { ok: false, reason: `the inbox entry is not a valid status message:\n${formatIssues(result.issues)}` }
}

/** A client that leaves the site code out reports to every site it belongs to: this one. */
function withSiteCode(message: StatusMessage, siteCode: string): StatusMessage {
  return message.siteCode === null ? { ...message, siteCode } : message
}

/** The loss ledger's origin key: `client:<id>` or `site:<code>`. */
export function originKey(message: Pick<StatusMessage, 'origin'>): string {
  return `${message.origin.kind}:${message.origin.id}`
}
