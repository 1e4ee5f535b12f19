import type { MessageType, Severity } from '@sitrep/protocol'

/** Replication priority lanes, lowest first (reference §8.3, §11). */
export const REPLICATION_PRIORITIES = ['low', 'medium', 'high'] as const
export type ReplicationPriority = (typeof REPLICATION_PRIORITIES)[number]

/**
 * What a rule matches. Every given criterion must match (AND); an empty object matches every
 * message (reference §8.1, §8.2). String criteria compare case-insensitively, as ConfigMgr's do.
 */
export interface FilterRuleCriteria {
  /** Source: the message's module, e.g. `SMS Server`. */
  readonly module?: string
  readonly siteCode?: string
  /** System: the machine that raised the message. */
  readonly machine?: string
  readonly component?: string
  readonly messageType?: MessageType
  readonly severity?: Severity
  /** 1–65535; leave out to match any ID (ConfigMgr's 0). */
  readonly messageId?: number
  /** Property: an attribute ID, and optionally the value it must have. */
  readonly attribute?: { readonly id: number; readonly value?: string }
}

/**
 * What a rule does when it matches. Each action is tri-state: left out, the rule does not
 * decide it; `true` or `false`, the rule decides it, and the highest matching rule that decides
 * an action wins (reference §8.1, "a higher rule's explicit setting wins").
 */
export interface FilterRuleActions {
  readonly writeToDatabase?: boolean
  /** Days a written message is kept; with `writeToDatabase`. New rules default to 7. */
  readonly daysToKeep?: number
  readonly reportToOsLog?: boolean
  readonly replicateToParent?: boolean
  readonly replicationPriority?: ReplicationPriority
  /** Command line with §8.5 placeholders; run without a shell, at most 1024 characters. */
  readonly runProgram?: string
  /** On unless a rule turns it off. */
  readonly forwardToSummarizers?: boolean
  /** "Do not process lower-priority status filter rules". */
  readonly stopProcessing?: boolean
  /** Names of configured export targets (webhooks, syslog relays, …) to send the message to. */
  readonly exportTo?: readonly string[]
}

/** One status filter rule as an administrator wrote it. Order in the rule list is priority. */
export interface FilterRule {
  /** Stable identifier, so edits and moves keep identity. */
  readonly id: string
  /** 1–1024 characters, no leading or trailing spaces. */
  readonly name: string
  readonly enabled: boolean
  readonly criteria: FilterRuleCriteria
  readonly actions: FilterRuleActions
}

/** What the ordered rules decided for one message. */
export interface RuleDecision {
  /** Days to keep when some rule writes the message to the database, else `null`. */
  readonly writeToDatabase: { readonly daysToKeep: number; readonly rule: string } | null
  readonly reportToOsLog: boolean
  readonly replicateToParent: { readonly priority: ReplicationPriority; readonly rule: string } | null
  /** Distinct command lines to run, each once, in rule order. */
  readonly programs: readonly { readonly commandLine: string; readonly rule: string }[]
  readonly forwardToSummarizers: boolean
  /** Distinct export target names, in rule order. */
  readonly exportTo: readonly string[]
  /** Names of the rules that matched, in order. */
  readonly matchedRules: readonly string[]
  /** Name of the rule that stopped evaluation, if one did. */
  readonly stoppedBy: string | null
}
