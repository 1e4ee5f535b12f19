/**
 * The health of one sink (the OS log, one export target, one rule's program) as the outbox
 * sees it: working, or failing since some time. Only a change of state is worth telling an
 * administrator about; every failure in between is counted, not announced.
 */

/** A sink's state: `ok` until a delivery fails, `failing` until one succeeds again. */
export type SinkHealth =
  | { readonly state: 'ok' }
  | {
      readonly state: 'failing'
      /** When the first failure of this run of failures happened, epoch ms. */
      readonly since: number
      /** Failed deliveries since then, the first one included. */
      readonly failures: number
      /** When the site last logged a warning about this sink, epoch ms. */
      readonly warnedAt: number
    }

/** What happened to one delivery. */
export type SinkEvent = { readonly kind: 'delivered' } | { readonly kind: 'failed' }

/** What a caller should announce after an event: nothing, a sink that started failing, or one that works again. */
export type SinkChange =
  | { readonly kind: 'none' }
  | { readonly kind: 'failing' }
  /** Still failing and quiet for `reminderMs`: one reminder line in the site log, no status message. */
  | { readonly kind: 'still_failing'; readonly since: number; readonly failures: number }
  | { readonly kind: 'recovered'; readonly since: number; readonly failures: number }

/** A sink no delivery has been tried for yet. */
export const SINK_OK: SinkHealth = { state: 'ok' }

/**
 * Folds one delivery outcome into a sink's health. The first failure after success is a
 * `failing` change, the first success after failures a `recovered` change; failures in
 * between are counted and give a `still_failing` reminder at most once per `reminderMs`.
 */
export function nextSinkHealth(
  health: SinkHealth,
  event: SinkEvent,
  options: { readonly now: number; readonly reminderMs: number },
): { readonly health: SinkHealth; readonly change: SinkChange } {
  if (event.kind === 'delivered') {
    if (health.state === 'ok') return { health, change: { kind: 'none' } }
    return {
      health: SINK_OK,
      change: { kind: 'recovered', since: health.since, failures: health.failures },
    }
  }
  if (health.state === 'ok') {
    return {
      health: { state: 'failing', since: options.now, failures: 1, warnedAt: options.now },
      change: { kind: 'failing' },
    }
  }
  const failures = health.failures + 1
  if (options.now - health.warnedAt >= options.reminderMs) {
    return {
      health: { ...health, failures, warnedAt: options.now },
      change: { kind: 'still_failing', since: health.since, failures },
    }
  }
  return { health: { ...health, failures }, change: { kind: 'none' } }
}
