import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { ACTION_BITS, EXTERNAL_NOTIFICATION_TARGET, fromActionBits, toActionBits } from './action-bits.ts'
import { DEFAULT_FILTER_RULES } from './default-filter-rules.ts'

const KNOWN_BITS = Object.values(ACTION_BITS).reduce((all, bit) => all | bit, 0)

describe('toActionBits', () => {
  it('sets the mask for each decided action and the actions word for each one on', () => {
    expect(toActionBits({ writeToDatabase: true, daysToKeep: 30 })).toEqual({ actions: 1, mask: 1 })
    expect(toActionBits({ reportToOsLog: true })).toEqual({ actions: 2, mask: 2 })
    expect(toActionBits({ forwardToSummarizers: false, replicateToParent: true })).toEqual({
      actions: 4,
      mask: 20,
    })
    expect(toActionBits({ runProgram: 'a.exe', exportTo: ['hook'] })).toEqual({ actions: 72, mask: 72 })
    expect(toActionBits({})).toEqual({ actions: 0, mask: 0 })
  })

  it('gives the default rules the bits seen in ConfigMgr exports, inside the mask', () => {
    const bits = DEFAULT_FILTER_RULES.map((rule) => toActionBits(rule.actions))
    expect(bits.slice(0, 11).every((b) => b.mask === 2 && b.actions === 2)).toBe(true)
    expect(bits.slice(11)).toEqual([
      { actions: 1, mask: 1 },
      { actions: 1, mask: 1 },
    ])
  })
})

describe('fromActionBits', () => {
  it('reads ConfigMgr exports, ignoring bits outside the mask', () => {
    expect(fromActionBits(18, 2)).toEqual({ reportToOsLog: true })
    expect(fromActionBits(1, 1)).toEqual({ writeToDatabase: true })
    expect(fromActionBits(80, 64)).toEqual({ exportTo: [EXTERNAL_NOTIFICATION_TARGET] })
  })

  it('turns an action off when its bit is in the mask but not in actions', () => {
    expect(fromActionBits(0, 1 | 16)).toEqual({ writeToDatabase: false, forwardToSummarizers: false })
  })

  it('needs the command line for the run-program bit and takes a chosen export target', () => {
    expect(fromActionBits(8, 8)).toEqual({})
    expect(fromActionBits(72, 72, { programCommandLine: 'a.exe %msgid', exportTarget: 'teams' })).toEqual({
      runProgram: 'a.exe %msgid',
      exportTo: ['teams'],
    })
  })

  it('round trips any bits Sitrep knows, given the command line', () => {
    fc.assert(
      fc.property(fc.nat(0xffff), fc.nat(0xffff), (actions, mask) => {
        const read = fromActionBits(actions, mask, { programCommandLine: 'a.exe' })
        // Programs and exports switched off decide nothing, so only their "on" survives.
        const offOnly = ACTION_BITS.runProgram | ACTION_BITS.externalNotification
        const keptMask = mask & KNOWN_BITS & ~(offOnly & ~actions)
        expect(toActionBits(read)).toEqual({ actions: actions & keptMask, mask: keptMask })
      }),
    )
  })

  it('round trips any bit-representable actions', () => {
    const tri = fc.option(fc.boolean(), { nil: undefined })
    fc.assert(
      fc.property(tri, tri, tri, tri, fc.boolean(), fc.boolean(), (db, log, rep, fwd, program, notify) => {
        const actions = {
          ...(db !== undefined && { writeToDatabase: db }),
          ...(log !== undefined && { reportToOsLog: log }),
          ...(rep !== undefined && { replicateToParent: rep }),
          ...(fwd !== undefined && { forwardToSummarizers: fwd }),
          ...(program && { runProgram: 'a.exe' }),
          ...(notify && { exportTo: [EXTERNAL_NOTIFICATION_TARGET] }),
        }
        const bits = toActionBits(actions)
        expect(fromActionBits(bits.actions, bits.mask, { programCommandLine: 'a.exe' })).toEqual(actions)
      }),
    )
  })
})
