import { describe, expect, it } from 'vitest'
import { TIME_LETTERS, formatTimeLetter } from './format-time-letter.ts'

const GMT = { utcOffsetMinutes: 0 }
const format = (epochMs: number, zone = GMT): string =>
  TIME_LETTERS.filter((l) => l !== 'Z')
    .map((letter) => formatTimeLetter(letter, epochMs, zone))
    .join(' ')

// Expected strings come from C's strftime (Python's datetime.strftime) for the same moments.
describe('formatTimeLetter', () => {
  it('formats every letter as strftime does for a Saturday morning', () => {
    expect(format(Date.UTC(2026, 10, 21, 8, 0, 0))).toBe(
      'Sat Saturday Nov November 21 08 08 325 11 00 AM 00 46 6 46 26 2026',
    )
  })

  it('counts weeks and days of the year like strftime at year boundaries', () => {
    expect(format(Date.UTC(2027, 0, 1, 0, 5, 9))).toBe(
      'Fri Friday Jan January 01 00 12 001 01 05 AM 09 00 5 00 27 2027',
    )
    expect(format(Date.UTC(2027, 0, 3, 13, 5, 9))).toBe(
      'Sun Sunday Jan January 03 13 01 003 01 05 PM 09 01 0 00 27 2027',
    )
    expect(format(Date.UTC(2024, 11, 31, 23, 59, 59))).toBe(
      'Tue Tuesday Dec December 31 23 11 366 12 59 PM 59 52 2 53 24 2024',
    )
  })

  it('shows local fields at the given offset, crossing midnight when needed', () => {
    expect(formatTimeLetter('H', Date.UTC(2026, 10, 21, 8), { utcOffsetMinutes: 120 })).toBe('10')
    expect(formatTimeLetter('d', Date.UTC(2026, 10, 21, 23, 30), { utcOffsetMinutes: 60 })).toBe('22')
    expect(formatTimeLetter('d', Date.UTC(2026, 10, 21, 0, 30), { utcOffsetMinutes: -300 })).toBe('20')
  })

  it('prints the zone name, or the offset when no name is given', () => {
    expect(formatTimeLetter('Z', 0, { utcOffsetMinutes: 120, zoneName: 'CEST' })).toBe('CEST')
    expect(formatTimeLetter('Z', 0, { utcOffsetMinutes: 330 })).toBe('UTC+05:30')
    expect(formatTimeLetter('Z', 0, { utcOffsetMinutes: -240 })).toBe('UTC-04:00')
    expect(formatTimeLetter('Z', 0, GMT)).toBe('UTC')
  })
})
