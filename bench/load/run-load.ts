/**
 * Parent side of the load generator: forks `load-process.ts` once, hands it plans one at a
 * time, samples the server's CPU and memory over each measured window, and returns the results.
 */
import { forkTsx, isTypedMessage } from '../lib/tsx-child.ts'
import type { TsxChild } from '../lib/tsx-child.ts'
import type { ProcessSampler, ProcessUsage } from '../lib/process-usage.ts'
import { startProcessSampler } from '../lib/process-usage.ts'
import type { LoadMessage, LoadPlan } from './load-plan.ts'

const LOAD_PROCESS = new URL('./load-process.ts', import.meta.url)
/** Registration, start-up and draining on top of the plan's own bound. */
const GRACE_MS = 60_000

/** A finished load run. */
export interface LoadRun<R> {
  readonly result: R
  /** When the measured window started, epoch ms. */
  readonly measuringAtMs: number
  /** Usage of `samplePid` over the measured window; `null` when no pid was given. */
  readonly usage: ProcessUsage | null
  /** Usage of the load process itself over the same window (is the generator the limit?). */
  readonly loadUsage: ProcessUsage | null
}

type ResultOf<P extends LoadPlan> = Extract<
  LoadMessage,
  { readonly type: 'result'; readonly kind: P['kind'] }
>

/** A load process that runs plans one after another. */
export interface LoadGenerator {
  /** Runs `plan`; samples `samplePid` (the server) while it measures. */
  run<P extends LoadPlan>(plan: P, options?: { readonly samplePid?: number }): Promise<LoadRun<ResultOf<P>>>
  stop(): Promise<void>
}

/** Starts the load process. */
export function startLoadGenerator(): LoadGenerator {
  const child: TsxChild<LoadMessage> = forkTsx(LOAD_PROCESS, (value): value is LoadMessage =>
    isTypedMessage(value),
  )
  return {
    async run(plan, options = {}) {
      let sampler: ProcessSampler | undefined
      let loadSampler: ProcessSampler | undefined
      try {
        child.send(plan)
        const timeoutMs = plan.maxDurationMs + GRACE_MS
        let message = await child.next(timeoutMs, `the ${plan.kind} load to start`)
        let measuringAtMs = Date.now()
        if (message.type === 'measuring') {
          measuringAtMs = message.atMs
          if (options.samplePid !== undefined) sampler = startProcessSampler(options.samplePid)
          loadSampler = startProcessSampler(child.pid)
          message = await child.next(timeoutMs, `the ${plan.kind} load to finish`)
        }
        const usage = sampler?.stop() ?? null
        const loadUsage = loadSampler?.stop() ?? null
        sampler = undefined
        loadSampler = undefined
        if (message.type !== 'result' || message.kind !== plan.kind) {
          throw new Error(`the load process answered ${message.type} to a ${plan.kind} plan`)
        }
        // Checked just above: the result's kind is the plan's.
        return { result: message as ResultOf<typeof plan>, measuringAtMs, usage, loadUsage }
      } finally {
        sampler?.stop()
        loadSampler?.stop()
      }
    },
    stop: () => child.stop(),
  }
}
