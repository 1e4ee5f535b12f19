/**
 * The site hierarchy as the store sees it (docs/hierarchy.md): links to the parent and child
 * sites and what the replication sender and receiver read and write.
 */
import type { ReplicationPriority } from '@sitrep/core'
import type { ComponentCountRow, OutboxEntry } from './pipeline-records.ts'

/** Which end of a link the other site is. */
export const SITE_LINK_DIRECTIONS = ['parent', 'child'] as const
export type SiteLinkDirection = (typeof SITE_LINK_DIRECTIONS)[number]

/** Approval of a link (a parent approves its children). */
export const SITE_LINK_STATUSES = ['pending', 'approved', 'rejected'] as const
export type SiteLinkStatus = (typeof SITE_LINK_STATUSES)[number]

/** A site under a child, as the child reported it. */
export interface SubtreeSite {
  readonly siteCode: string
  readonly parentSiteCode: string
}

/** A link to the parent or to a child site. */
export interface SiteLink {
  readonly direction: SiteLinkDirection
  /** The other site's code. */
  readonly siteCode: string
  readonly url: string
  /** Base64 of the other site's raw Ed25519 public key. */
  readonly publicKey: string
  readonly status: SiteLinkStatus
  /** Epoch ms. */
  readonly enrolledAt: number
  readonly lastContactAt: number | null
  /** Child side: highest outbox `seq` the parent acknowledged. */
  readonly lastAckedSeq: number
  /** Parent side: since when the child (and its subtree) is unknown; `null` while it reports. */
  readonly unknownSince: number | null
  /** Parent side: the sites under the child (not the child itself). */
  readonly subtree: readonly SubtreeSite[]
  /** Messages acknowledged over this link (sender side) or accepted from it (receiver side). */
  readonly sentCount: number
  /** Low-priority messages held back because the link was over its byte budget. */
  readonly deferredCount: number
}

/** Replication entries waiting per lane. */
export interface ReplicationBacklog {
  readonly high: number
  readonly medium: number
  readonly low: number
}

/** The store operations of the site hierarchy; part of `SiteStore`. */
export interface SiteLinkOperations {
  /**
   * Parent side: records a child's enrolment. A new child, or a known child presenting a new key,
   * gets `approved` or `pending` as given; a known key keeps its status unless `approved` is given
   * (a matching enrolment secret approves a pending child).
   */
  enrolChildLink(input: {
    readonly siteCode: string
    readonly url: string
    readonly publicKey: string
    readonly approved: boolean
    readonly at: number
  }): Promise<SiteLink>
  /** Child side: records the parent, its key and what it said about our enrolment. */
  saveParentLink(input: {
    readonly siteCode: string
    readonly url: string
    readonly publicKey: string
    readonly status: SiteLinkStatus
    readonly at: number
  }): Promise<SiteLink>
  getSiteLink(direction: SiteLinkDirection, siteCode: string): Promise<SiteLink | undefined>
  /** Every link, parent first, then children by site code. */
  listSiteLinks(): Promise<readonly SiteLink[]>
  setSiteLinkStatus(
    direction: SiteLinkDirection,
    siteCode: string,
    status: SiteLinkStatus,
  ): Promise<SiteLink | undefined>
  /**
   * Records contact with a link at `at` (never moving the time back) and clears its unknown mark.
   * Resolves the unknown time this call cleared, or `null`, so exactly one caller reports it.
   */
  touchSiteLink(direction: SiteLinkDirection, siteCode: string, at: number): Promise<number | null>
  /**
   * Parent side: marks every approved child last heard from before `cutoff` (or never, and
   * enrolled before it) unknown since `now`, unless already marked. Resolves the links this call
   * marked, so each outage is reported once.
   */
  markSilentChildren(cutoff: number, now: number): Promise<readonly SiteLink[]>
  /** Child side: the parent acknowledged entries up to `lastAckedSeq` (`sent` of them now). */
  recordSiteLinkAck(
    direction: SiteLinkDirection,
    siteCode: string,
    ack: { readonly lastAckedSeq: number; readonly sent: number; readonly at: number },
  ): Promise<void>
  addSiteLinkDeferred(direction: SiteLinkDirection, siteCode: string, count: number): Promise<void>
  setSiteLinkSubtree(siteCode: string, subtree: readonly SubtreeSite[]): Promise<void>
  /**
   * Due `replicate` entries for `target`, high lane first, then by `seq`; with `minPriority`
   * only lanes at or above it.
   */
  listReplicationDue(options: {
    readonly target: string
    readonly now: number
    readonly limit: number
    readonly minPriority?: ReplicationPriority
  }): Promise<readonly OutboxEntry[]>
  replicationBacklog(target: string): Promise<ReplicationBacklog>
  /**
   * Writes component counter rows as absolute values (a child's summary sent again overwrites
   * the same rows instead of adding to them).
   */
  setComponentCounts(rows: readonly ComponentCountRow[]): Promise<void>
}
