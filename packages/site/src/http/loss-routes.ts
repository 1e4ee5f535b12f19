/** `GET /api/v1/loss`: the loss ledger, messages that left the pipeline without being stored. */
import { getLossLedger } from '@sitrep/api'
import { formatIsoTime } from '@sitrep/protocol'
import type { SiteStore } from '@sitrep/store'
import type { FastifyInstance } from 'fastify'
import { mountRoute } from './mount-route.ts'

/** Registers the loss ledger route on the API scope. */
export function registerLossRoutes(api: FastifyInstance, deps: { readonly store: SiteStore }): void {
  mountRoute(api, getLossLedger, async () => ({
    rows: (await deps.store.lossLedger()).map((row) => ({
      siteCode: row.siteCode,
      origin: row.origin,
      reason: row.reason,
      count: row.count,
      firstAt: formatIsoTime(row.firstAt),
      lastAt: formatIsoTime(row.lastAt),
    })),
  }))
}
