import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { ComponentObservation, ComponentState } from './component-state-machine.ts'
import { nextComponentState } from './component-state-machine.ts'
import { DEFAULT_COMPONENT_THRESHOLDS } from './component-status.ts'
import { componentStatusChanges } from './component-status-changes.ts'

const T = DEFAULT_COMPONENT_THRESHOLDS
const MINUTE = 60_000
const T0 = Date.parse('2026-11-21T08:00:00Z')
const warnings = (n: number): ComponentObservation => ({ counts: { infos: 0, warnings: n, errors: 0 } })

/** Runs observations one minute apart and returns each state. */
function run(observations: readonly ComponentObservation[]): ComponentState[] {
  const states: ComponentState[] = []
  let previous: ComponentState | undefined
  observations.forEach((observation, i) => {
    previous = nextComponentState(previous, observation, T, T0 + i * MINUTE).state
    states.push(previous)
  })
  return states
}

describe('nextComponentState', () => {
  it('raises at once when counts reach a threshold, and reports the change', () => {
    const first = nextComponentState(undefined, warnings(3), T, T0)
    expect(first).toMatchObject({ changed: false, state: { status: 'ok' } })
    const next = nextComponentState(first.state, warnings(10), T, T0 + MINUTE)
    expect(next).toMatchObject({ changed: true, since: T0 + MINUTE, state: { status: 'warning' } })
    const same = nextComponentState(next.state, warnings(11), T, T0 + 2 * MINUTE)
    expect(same).toMatchObject({ changed: false, since: T0 + MINUTE })
  })

  it('does not flap on a rolling window when counts oscillate around the threshold', () => {
    const states = run([10, 9, 10, 9, 8, 10, 9, 9, 10].map(warnings))
    expect(states.map((s) => s.status)).toEqual(Array(9).fill('warning'))
  })

  it('clears a rolling window at once when counts drop below the hysteresis band', () => {
    const states = run([12, 7].map(warnings))
    expect(states.map((s) => s.status)).toEqual(['warning', 'ok'])
  })

  it('steps from Critical to Warning when only the critical band is left', () => {
    const states = run([50, 20].map(warnings))
    expect(states.map((s) => s.status)).toEqual(['critical', 'warning'])
  })

  it('clears a rolling window after the counts stayed below the threshold for the hold time', () => {
    const states = run([10, ...Array<number>(16).fill(9)].map(warnings))
    expect(states.slice(0, 16).every((s) => s.status === 'warning')).toBe(true)
    expect(states[16]?.status).toBe('ok')
  })

  it('returns a fixed threshold period to OK when a new period starts', () => {
    const day1 = nextComponentState(undefined, { ...warnings(20), periodStart: 1 }, T, T0)
    expect(day1.state.status).toBe('warning')
    const day2 = nextComponentState(day1.state, { ...warnings(0), periodStart: 2 }, T, T0 + MINUTE)
    expect(day2).toMatchObject({ changed: true, state: { status: 'ok', periodStart: 2 } })
  })

  it('follows falling counts of a fixed period at once, as after an administrator reset', () => {
    const before = nextComponentState(undefined, { ...warnings(10), periodStart: 1 }, T, T0)
    const after = nextComponentState(before.state, { ...warnings(9), periodStart: 1 }, T, T0 + MINUTE)
    expect(after.state.status).toBe('ok')
  })

  it('flags a component silent once it has not reported for 24 hours, until it reports again', () => {
    const last = T0 - 24 * 60 * MINUTE
    const quiet = nextComponentState(undefined, { ...warnings(0), lastMessageAt: last + 1 }, T, T0)
    expect(quiet.state.silent).toBe(false)
    const silent = nextComponentState(quiet.state, warnings(0), T, T0 + 1)
    expect(silent.state).toMatchObject({ silent: true, lastMessageAt: last + 1 })
    const back = nextComponentState(silent.state, { ...warnings(0), lastMessageAt: T0 + 2 }, T, T0 + 3)
    expect(back.state.silent).toBe(false)
  })

  it('never emits two identical status messages in a row', () => {
    const step = fc.record({
      warnings: fc.integer({ min: 0, max: 70 }),
      errors: fc.integer({ min: 0, max: 7 }),
      advanceMs: fc.integer({ min: 0, max: 40 * MINUTE }),
      newPeriod: fc.boolean(),
      reported: fc.boolean(),
    })
    fc.assert(
      fc.property(fc.array(step, { maxLength: 40 }), fc.boolean(), (steps, rolling) => {
        let previous: ComponentState | undefined
        let now = T0
        let period = 0
        const emitted: number[] = []
        for (const s of steps) {
          now += s.advanceMs
          if (s.newPeriod) period += 1
          const observation: ComponentObservation = {
            counts: { infos: 0, warnings: s.warnings, errors: s.errors },
            ...(rolling ? {} : { periodStart: period }),
            ...(s.reported ? { lastMessageAt: now } : {}),
          }
          const { state } = nextComponentState(previous, observation, T, now, {
            hysteresisFraction: 0.2,
            holdMs: 15 * MINUTE,
            silentAfterMs: 60 * MINUTE,
          })
          const context = { component: 'SMS_A', machine: 'SRV', periodName: 'Since 12:00 AM', thresholds: T }
          emitted.push(...componentStatusChanges(previous, state, context).map((m) => m.messageId))
          previous = state
        }
        const status = emitted.filter((id) => id >= 4609 && id <= 4611)
        status.forEach((id, i) => expect(id).not.toBe(status[i - 1]))
        const silent = emitted.filter((id) => id === 4612)
        expect(silent.length).toBeLessThanOrEqual(steps.filter((s) => s.reported).length + 1)
      }),
    )
  })
})
