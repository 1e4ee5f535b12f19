import type { StatusMessage } from '@sitrep/protocol'
import type { FilterRule, ReplicationPriority, RuleDecision } from '../filter-rule.ts'
import { evaluateFilterRules } from './evaluate-filter-rules.ts'

/** What a rule set would do to a set of messages, counted per action and per rule. */
export interface DryRunReport {
  readonly messages: number
  readonly writtenToDatabase: number
  /** Messages no rule writes to the database: they would not be kept. */
  readonly notKept: number
  readonly reportedToOsLog: number
  readonly replicated: Readonly<Record<ReplicationPriority, number>>
  readonly forwardedToSummarizers: number
  /** Program launches in all (a message may start several programs). */
  readonly programRuns: number
  /** Launches per distinct command line, in first-seen order. */
  readonly programs: readonly { readonly commandLine: string; readonly count: number }[]
  /** Messages sent to each export target, in first-seen order. */
  readonly exports: readonly { readonly target: string; readonly count: number }[]
  /** Per rule, in rule order: messages it matched, and messages whose walk it ended. */
  readonly rules: readonly {
    readonly id: string
    readonly name: string
    readonly matched: number
    readonly stopped: number
  }[]
  /** Messages written per days-to-keep value, fewest days first. */
  readonly retention: readonly { readonly daysToKeep: number; readonly count: number }[]
}

/** An accumulator for a dry run: feed it messages page by page, then read the report. */
export interface DryRun {
  /** Evaluates one message with {@link evaluateFilterRules}, counts the decision and returns it. */
  add(message: StatusMessage): RuleDecision
  /** The counts so far; later `add` calls do not change a report already returned. */
  report(): DryRunReport
}

/**
 * Starts a dry run of `rules`: what they would do to messages, without doing it. Each message
 * goes through {@link evaluateFilterRules}, the same function the status manager applies, so a
 * dry run and the real thing always agree. Use it to stream stored messages through a rule set
 * the admin is editing, one page at a time.
 *
 * Per-rule counts key rules by name, as {@link RuleDecision} does, so the rules must have
 * distinct names (as `parseFilterRules` guarantees); a `TypeError` says otherwise.
 */
export function createDryRun(rules: readonly FilterRule[]): DryRun {
  const ruleCounts = new Map<string, { matched: number; stopped: number }>()
  for (const rule of rules) {
    if (ruleCounts.has(rule.name))
      throw new TypeError(`dry run needs distinct rule names; ${rule.name} repeats`)
    ruleCounts.set(rule.name, { matched: 0, stopped: 0 })
  }
  const totals = { messages: 0, written: 0, osLog: 0, forwarded: 0, programRuns: 0 }
  const replicated: Record<ReplicationPriority, number> = { low: 0, medium: 0, high: 0 }
  const programs = new Map<string, number>()
  const exports = new Map<string, number>()
  const retention = new Map<number, number>()

  const add = (message: StatusMessage): RuleDecision => {
    const decision = evaluateFilterRules(rules, message)
    totals.messages++
    if (decision.writeToDatabase !== null) {
      totals.written++
      increment(retention, decision.writeToDatabase.daysToKeep)
    }
    if (decision.reportToOsLog) totals.osLog++
    if (decision.replicateToParent !== null) replicated[decision.replicateToParent.priority]++
    if (decision.forwardToSummarizers) totals.forwarded++
    for (const program of decision.programs) {
      totals.programRuns++
      increment(programs, program.commandLine)
    }
    for (const target of decision.exportTo) increment(exports, target)
    for (const name of decision.matchedRules) {
      const counts = ruleCounts.get(name)
      if (counts !== undefined) counts.matched++
    }
    const stopper = decision.stoppedBy === null ? undefined : ruleCounts.get(decision.stoppedBy)
    if (stopper !== undefined) stopper.stopped++
    return decision
  }

  const report = (): DryRunReport => ({
    messages: totals.messages,
    writtenToDatabase: totals.written,
    notKept: totals.messages - totals.written,
    reportedToOsLog: totals.osLog,
    replicated: { ...replicated },
    forwardedToSummarizers: totals.forwarded,
    programRuns: totals.programRuns,
    programs: [...programs].map(([commandLine, count]) => ({ commandLine, count })),
    exports: [...exports].map(([target, count]) => ({ target, count })),
    rules: rules.map((rule) => ({ id: rule.id, name: rule.name, ...counted(ruleCounts.get(rule.name)) })),
    retention: [...retention]
      .map(([daysToKeep, count]) => ({ daysToKeep, count }))
      .sort((a, b) => a.daysToKeep - b.daysToKeep),
  })

  return { add, report }
}

/**
 * Dry-runs `rules` over `messages` in one go: {@link createDryRun}, every message added, the
 * report returned. For stored messages read page by page, use {@link createDryRun} directly.
 */
export function dryRunFilterRules(
  rules: readonly FilterRule[],
  messages: Iterable<StatusMessage>,
): DryRunReport {
  const dryRun = createDryRun(rules)
  for (const message of messages) dryRun.add(message)
  return dryRun.report()
}

function increment<K>(counts: Map<K, number>, key: K): void {
  counts.set(key, (counts.get(key) ?? 0) + 1)
}

function counted(counts: { matched: number; stopped: number } | undefined): {
  matched: number
  stopped: number
} {
  return { matched: counts?.matched ?? 0, stopped: counts?.stopped ?? 0 }
}
