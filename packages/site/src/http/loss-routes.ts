/** `GET /api/v1/loss`: the loss ledger, messages that left the pipeline without being stored. */
import { formatIsoTime } from '@sitrep/protocol'
import type { SiteStore } from '@sitrep/store'
import type { FastifyInstance } from 'fastify'

/** Registers the loss ledger route on the API scope. */
export function registerLossRoutes(api: FastifyInstance, deps: { readonly store: SiteStore }): void {
  api.get('/api/v1/loss', { config: { minRole: 'read-only-analyst' } }, async () => ({
    rows: (await deps.store.lossLedger()).map((row) => ({
      ...row,
      firstAt: formatIsoTime(row.firstAt),
      lastAt: formatIsoTime(row.lastAt),
    })),
  }))
}
