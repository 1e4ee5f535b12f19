import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { arbitraryTime } from '../../test/arbitraries.ts'
import { formatCimDateTime, parseCimDateTime } from './cim-datetime.ts'

const SAMPLE_MS = Date.UTC(2014, 0, 20, 17, 18, 55, 573)

describe('parseCimDateTime', () => {
  it('reads a UTC datetime with a +000 offset', () => {
    expect(parseCimDateTime('20140120171855.573000+000')).toBe(SAMPLE_MS)
  })

  it('reads the offset as minutes, sign included', () => {
    expect(parseCimDateTime('20140120121855.573000-300')).toBe(SAMPLE_MS)
    expect(parseCimDateTime('20140120181855.573000+060')).toBe(SAMPLE_MS)
  })

  it('truncates microseconds to milliseconds', () => {
    expect(parseCimDateTime('20140120171855.573999+000')).toBe(SAMPLE_MS)
  })

  it.each([
    ['a wildcard', '2014012017****.573000+000'],
    ['the interval form', '00000001000000.000000:000'],
    ['a missing fraction', '20140120171855+000'],
    ['February 30', '20140230171855.573000+000'],
    ['hour 24', '20140120241855.573000+000'],
    ['an offset beyond 14 hours', '20140120171855.573000+900'],
    ['a time before 1970', '19691231235959.000000+000'],
    ['year 70 of the first century', '00700101000000.000000+000'],
    ['surrounding text', ' 20140120171855.573000+000'],
  ])('refuses %s', (_, text) => {
    expect(parseCimDateTime(text)).toBeUndefined()
  })
})

describe('formatCimDateTime', () => {
  it('writes UTC with microseconds and a +000 offset', () => {
    expect(formatCimDateTime(SAMPLE_MS)).toBe('20140120171855.573000+000')
    expect(formatCimDateTime(0)).toBe('19700101000000.000000+000')
  })

  it('throws for a value that is not a time', () => {
    expect(() => formatCimDateTime(-1)).toThrow(RangeError)
    expect(() => formatCimDateTime(1.5)).toThrow(RangeError)
  })

  it('round-trips every time through parseCimDateTime', () => {
    fc.assert(fc.property(arbitraryTime(), (ms) => parseCimDateTime(formatCimDateTime(ms)) === ms))
  })

  it('reads a time written in any local offset as the same instant', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 86_400_000, max: 253402214400000 }),
        fc.integer({ min: -840, max: 840 }),
        (ms, offset) => {
          const local = formatCimDateTime(ms + offset * 60_000).slice(0, 21)
          const sign = offset < 0 ? '-' : '+'
          const text = `${local}${sign}${String(Math.abs(offset)).padStart(3, '0')}`
          return parseCimDateTime(text) === ms
        },
      ),
    )
  })
})
