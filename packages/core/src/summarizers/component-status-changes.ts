import type { ComponentState } from './component-state-machine.ts'
import type { ComponentThresholds } from './component-status.ts'
import { thresholdCrossings } from './component-status.ts'
import type { SummarizerMessage } from './summarizer-message.ts'
import { summarizerMessage } from './summarizer-message.ts'

/** Names the messages need that the state does not hold. */
export interface ComponentChangeContext {
  readonly component: string
  readonly machine: string
  /** The threshold period or window as people read it, e.g. `Since 12:00 AM` (`%4` of 4603–4608). */
  readonly periodName: string
  readonly thresholds: ComponentThresholds
}

const DAY_MS = 24 * 60 * 60 * 1000

const THRESHOLD_MESSAGE = {
  critical: { informational: 4603, warning: 4604, error: 4605 },
  warning: { informational: 4606, warning: 4607, error: 4608 },
} as const

/**
 * Returns the messages to raise for one component going from `previous` to `next` (two
 * consecutive results of `nextComponentState`), in order:
 * - 4611 when a new threshold period starts while the status was Warning or Critical, or when
 *   the status falls back to OK (a rolling window slid past the messages);
 * - on a change to Critical, a 4603/4604/4605 for each severity at its critical threshold, then
 *   4609; on a change to Warning, 4606/4607/4608 for each severity at its warning threshold (none
 *   when hysteresis holds it there), then 4610;
 * - 4612 once when the component turns silent; nothing more until it reports and falls silent again.
 * A status that stays the same raises nothing, so no status message repeats.
 */
export function componentStatusChanges(
  previous: ComponentState | undefined,
  next: ComponentState,
  context: ComponentChangeContext,
): readonly SummarizerMessage[] {
  const messages: SummarizerMessage[] = []
  const names = [context.component, context.machine]
  const raise = (id: number, strings: readonly string[]): void => {
    messages.push(summarizerMessage('SMS_COMPONENT_STATUS_SUMMARIZER', id, strings))
  }
  const newPeriod =
    previous?.periodStart !== undefined &&
    next.periodStart !== undefined &&
    next.periodStart !== previous.periodStart
  let from = previous?.status ?? 'ok'
  if (newPeriod && from !== 'ok') {
    raise(4611, names)
    from = 'ok'
  }
  if (next.status !== from) {
    if (next.status === 'ok') {
      raise(4611, names)
    } else {
      for (const crossing of thresholdCrossings(next.counts, context.thresholds, next.status)) {
        raise(THRESHOLD_MESSAGE[next.status][crossing.severity], [
          ...names,
          String(crossing.count),
          context.periodName,
          String(crossing.threshold),
        ])
      }
      raise(next.status === 'critical' ? 4609 : 4610, names)
    }
  }
  if (next.silent && previous?.silent !== true && next.lastMessageAt !== undefined) {
    raise(4612, [...names, formatDays(next.updatedAt - next.lastMessageAt)])
  }
  return messages
}

/** Days of silence for 4612's `%3`, to one decimal place (`1`, `1.5`). */
function formatDays(silentMs: number): string {
  return String(Math.round((silentMs / DAY_MS) * 10) / 10)
}
