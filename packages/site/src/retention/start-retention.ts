import type { RetentionStore } from '@sitrep/store'
import type { Logger } from 'pino'
import { deleteAgedMessages } from './delete-aged-messages.ts'

/** Runs Delete Aged Status Messages now and then every `intervalMs`; returns a handle to stop it. */
export function startRetention(deps: {
  readonly store: RetentionStore
  readonly clock: () => number
  readonly logger: Logger
  readonly intervalMs: number
  readonly batchSize: number
  readonly maxBatches: number
}): { stop(): void } {
  const run = async (): Promise<void> => {
    const deleted = await deleteAgedMessages(deps.store, {
      now: deps.clock(),
      batchSize: deps.batchSize,
      maxBatches: deps.maxBatches,
    })
    deps.logger.info({ deleted }, 'Delete Aged Status Messages finished')
  }
  const safeRun = (): void => {
    run().catch((error: unknown) =>
      deps.logger.error(
        { err: error },
        'Delete Aged Status Messages failed; it runs again at the next interval',
      ),
    )
  }
  const timer = setInterval(safeRun, deps.intervalMs)
  timer.unref()
  const first = setTimeout(safeRun, 1000)
  first.unref()
  return {
    stop() {
      clearInterval(timer)
      clearTimeout(first)
    },
  }
}
