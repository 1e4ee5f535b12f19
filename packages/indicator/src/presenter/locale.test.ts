import { describe, expect, it } from 'vitest'
import { createFormats } from './formats.ts'
import { pickLocale, posixLocaleToTag } from './locale.ts'
import { textsFor } from './present-indicator.ts'

describe('pickLocale', () => {
  it('takes LC_ALL over LC_MESSAGES over LANG, as the C library does', () => {
    expect(
      pickLocale({ LC_ALL: 'de_DE.UTF-8', LC_MESSAGES: 'en_GB.UTF-8', LANG: 'en_US.UTF-8' }, 'UTC'),
    ).toEqual({
      language: 'de',
      tag: 'de-DE',
      timeZone: 'UTC',
    })
    expect(pickLocale({ LC_MESSAGES: 'en_GB.UTF-8', LANG: 'de_DE.UTF-8' }, 'UTC').tag).toBe('en-GB')
    expect(pickLocale({ LANG: 'de_AT.UTF-8@euro' }, 'Europe/Vienna')).toEqual({
      language: 'de',
      tag: 'de-AT',
      timeZone: 'Europe/Vienna',
    })
  })

  it('skips empty variables and reads C, POSIX and unknown names as US English', () => {
    expect(pickLocale({ LC_ALL: '', LANG: 'de_CH.UTF-8' }, 'UTC').tag).toBe('de-CH')
    expect(pickLocale({ LANG: 'C.UTF-8' }, 'UTC')).toEqual({ language: 'en', tag: 'en-US', timeZone: 'UTC' })
    expect(pickLocale({ LANG: 'POSIX' }, 'UTC').tag).toBe('en-US')
    expect(pickLocale({}, 'UTC').tag).toBe('en-US')
  })

  it('speaks English with English formats in a locale it has no words for', () => {
    expect(pickLocale({ LANG: 'fr_FR.UTF-8' }, 'UTC')).toEqual({
      language: 'en',
      tag: 'en-US',
      timeZone: 'UTC',
    })
  })
})

describe('posixLocaleToTag', () => {
  it('turns POSIX locale names into BCP 47 tags', () => {
    expect(
      ['de_DE.UTF-8', 'en_GB', 'de', 'pt_BR.utf8@x', 'C', 'nonsense value'].map(posixLocaleToTag),
    ).toEqual(['de-DE', 'en-GB', 'de', 'pt-BR', null, null])
  })
})

describe('createFormats', () => {
  const en = { language: 'en', tag: 'en-US', timeZone: 'America/New_York' } as const
  const de = { language: 'de', tag: 'de-DE', timeZone: 'Europe/Berlin' } as const
  const fEn = createFormats(en, textsFor(en))
  const fDe = createFormats(de, textsFor(de))

  it('writes English ordinals with their suffixes and German ones with a dot', () => {
    const n = [1, 2, 3, 4, 11, 12, 13, 21, 22, 23, 101]
    expect(n.map((i) => fEn.ordinal(i))).toEqual([
      '1st',
      '2nd',
      '3rd',
      '4th',
      '11th',
      '12th',
      '13th',
      '21st',
      '22nd',
      '23rd',
      '101st',
    ])
    expect(n.map((i) => fDe.ordinal(i))).toEqual([
      '1.',
      '2.',
      '3.',
      '4.',
      '11.',
      '12.',
      '13.',
      '21.',
      '22.',
      '23.',
      '101.',
    ])
  })

  it('uses the 12-hour clock of en-US and the 24-hour clock of de-DE, in the session’s time zone', () => {
    const at = Date.UTC(2026, 11, 7, 19, 5)
    expect(fEn.time(at, at)).toBe('2:05 PM')
    expect(fDe.time(at, at)).toBe('20:05')
  })

  it('names the weekday within a week and the date beyond it', () => {
    const now = Date.UTC(2026, 11, 7, 12, 0)
    expect(fDe.time(now + 2 * 86_400_000, now)).toBe('Mi 13:00')
    expect(fDe.time(now + 10 * 86_400_000, now)).toBe('17. Dez. 13:00')
  })

  it('writes durations in days and hours past a day, and lists with the local conjunction', () => {
    expect(fEn.duration(25 * 3_600_000 + 60_000)).toBe('1 day 1 hour')
    expect(fDe.duration(50 * 3_600_000)).toBe('2 Tage 2 Stunden')
    expect(fEn.list(['A', 'B', 'C'])).toBe('A, B, and C')
    expect(fDe.list(['A', 'B', 'C'])).toBe('A, B und C')
    expect(fDe.percent(7)).toBe('7\u00a0%')
  })
})
