import { describe, expect, it } from 'vitest'
import type { SinkEvent, SinkHealth } from './sink-health.ts'
import { SINK_OK, nextSinkHealth } from './sink-health.ts'

const HOUR = 3_600_000

/** Folds events given as [time, kind] and returns the change kinds, in order. */
function changes(events: readonly (readonly [number, SinkEvent['kind']])[]): string[] {
  let health: SinkHealth = SINK_OK
  const out: string[] = []
  for (const [now, kind] of events) {
    const next = nextSinkHealth(health, { kind }, { now, reminderMs: HOUR })
    health = next.health
    out.push(next.change.kind)
  }
  return out
}

describe('nextSinkHealth', () => {
  it('announces the first failure after success and nothing for the failures after it', () => {
    expect(
      changes([
        [0, 'delivered'],
        [1, 'failed'],
        [2, 'failed'],
        [3, 'failed'],
      ]),
    ).toEqual(['none', 'failing', 'none', 'none'])
  })

  it('announces the first success after failures with when the failing began and how many failed', () => {
    let health: SinkHealth = SINK_OK
    for (const now of [10, 20, 30])
      health = nextSinkHealth(health, { kind: 'failed' }, { now, reminderMs: HOUR }).health
    const next = nextSinkHealth(health, { kind: 'delivered' }, { now: 40, reminderMs: HOUR })
    expect(next.change).toEqual({ kind: 'recovered', since: 10, failures: 3 })
    expect(next.health).toEqual(SINK_OK)
  })

  it('reminds at most once per reminder interval while the sink keeps failing', () => {
    expect(
      changes([
        [0, 'failed'],
        [HOUR - 1, 'failed'],
        [HOUR, 'failed'],
        [HOUR + 1, 'failed'],
        [2 * HOUR, 'failed'],
      ]),
    ).toEqual(['failing', 'none', 'still_failing', 'none', 'still_failing'])
  })

  it('announces a new failing state after a recovery', () => {
    expect(
      changes([
        [0, 'failed'],
        [1, 'delivered'],
        [2, 'failed'],
      ]),
    ).toEqual(['failing', 'recovered', 'failing'])
  })
})
