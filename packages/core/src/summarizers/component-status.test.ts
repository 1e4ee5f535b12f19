import { describe, expect, it } from 'vitest'
import {
  DEFAULT_COMPONENT_THRESHOLDS,
  componentStatus,
  thresholdCrossings,
  thresholdsFor,
} from './component-status.ts'

const T = DEFAULT_COMPONENT_THRESHOLDS
const counts = (infos: number, warnings: number, errors: number) => ({ infos, warnings, errors })

describe('componentStatus', () => {
  it('is OK below every threshold', () => {
    expect(componentStatus(counts(1999, 9, 0), T)).toBe('ok')
  })

  it('turns Warning exactly at a warning threshold', () => {
    expect(componentStatus(counts(0, 0, 1), T)).toBe('warning')
    expect(componentStatus(counts(0, 10, 0), T)).toBe('warning')
    expect(componentStatus(counts(2000, 0, 0), T)).toBe('warning')
    expect(componentStatus(counts(0, 49, 4), T)).toBe('warning')
  })

  it('turns Critical exactly at a critical threshold, whatever the other counts', () => {
    expect(componentStatus(counts(0, 0, 5), T)).toBe('critical')
    expect(componentStatus(counts(0, 50, 0), T)).toBe('critical')
    expect(componentStatus(counts(5000, 0, 0), T)).toBe('critical')
  })

  it('treats a threshold of 0 like 1, so it cannot switch a check off or fire on no messages', () => {
    const zero = { ...T, IW: 0, EW: 0 }
    expect(componentStatus(counts(0, 0, 0), zero)).toBe('ok')
    expect(componentStatus(counts(1, 0, 0), zero)).toBe('warning')
    expect(componentStatus(counts(0, 0, 1), { ...T, EE: 0 })).toBe('critical')
  })

  it('scales every threshold for the hysteresis band', () => {
    expect(componentStatus(counts(0, 8, 0), T, 0.8)).toBe('warning')
    expect(componentStatus(counts(0, 7, 0), T, 0.8)).toBe('ok')
  })
})

describe('thresholdsFor', () => {
  it('applies a component override over the defaults, matching the name ignoring case', () => {
    const settings = { overrides: { SMS_MP_CONTROL_MANAGER: { EW: 3 } } }
    expect(thresholdsFor('sms_mp_control_manager', settings)).toEqual({ ...T, EW: 3 })
    expect(thresholdsFor('SMS_OTHER', settings)).toEqual(T)
  })

  it('takes site defaults in place of the built-in ones', () => {
    const defaults = { ...T, WW: 100 }
    expect(thresholdsFor('SMS_X', { defaults })).toEqual(defaults)
    expect(componentStatus(counts(0, 10, 0), thresholdsFor('SMS_X', { defaults }))).toBe('ok')
  })
})

describe('thresholdCrossings', () => {
  it('lists each severity at the level threshold, informational first, showing 0 as 1', () => {
    expect(thresholdCrossings(counts(6000, 60, 7), { ...T, EE: 0 }, 'critical')).toEqual([
      { severity: 'informational', count: 6000, threshold: 5000 },
      { severity: 'warning', count: 60, threshold: 50 },
      { severity: 'error', count: 7, threshold: 1 },
    ])
    expect(thresholdCrossings(counts(0, 12, 0), T, 'warning')).toEqual([
      { severity: 'warning', count: 12, threshold: 10 },
    ])
  })
})
