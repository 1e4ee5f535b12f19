import type { SiteStore } from '@sitrep/store'
import type { DistributionRuntime } from '../distribution/distribution-runtime.ts'
import type { MpConfig } from '../config.ts'
import type { InboxCommitter } from './create-inbox-committer.ts'
import type { BodyDecoder } from './body-decoder.ts'

/** What the management point routes need; `startSite` builds it, tests build their own. */
export interface MpDeps {
  readonly store: SiteStore
  readonly committer: InboxCommitter
  readonly bodyDecoder: BodyDecoder
  readonly clock: () => number
  readonly siteCode: string
  readonly version: string
  /** Name of this management point in location answers, e.g. the host name. */
  readonly mpName: string
  readonly config: Pick<
    MpConfig,
    | 'allowUnsigned'
    | 'approval'
    | 'enrolmentTokens'
    | 'maxBatch'
    | 'ratePerSecond'
    | 'burst'
    | 'maxClockSkewSeconds'
  >
  /** Told about each authenticated client request (the site records last-seen times in batches). */
  readonly onClientSeen?: (clientId: string) => void
  /** Software distribution (policy, content); without it those routes are not mounted. */
  readonly distribution?: DistributionRuntime
}
