/**
 * Numbers, clock times, durations, ordinals and lists in the session's locale: `Intl` formats
 * (plural rules, date-time, list and number formats) over the words of one language.
 */
import type { IndicatorLocale } from './locale.ts'
import type { IndicatorTexts, PluralForms } from './texts.ts'

const MINUTE_MS = 60_000
const HOUR_MINUTES = 60
const DAY_MINUTES = 24 * HOUR_MINUTES
/** Beyond this a clock time also names its date, not just the weekday. */
const WEEK_MS = 6 * 24 * 60 * MINUTE_MS

/** The formatters of one locale. */
export interface Formats {
  /** `42%`, `42 %`. */
  percent(value: number): string
  /** `3rd`, `3.`. */
  ordinal(n: number): string
  /** `2 hours 5 minutes`, rounded up to whole minutes; `less than a minute` below one. */
  duration(ms: number): string
  /** A clock time, with the weekday (or date) when it is not on the day of `now`. */
  time(at: number, now: number): string
  /** `14:32` as minutes and seconds, for the restart countdown. */
  countdown(ms: number): string
  /** `A, B and C`, `A, B und C`. */
  list(items: readonly string[]): string
}

/** Builds the formatters of `locale` with `texts` for the words. */
export function createFormats(locale: IndicatorLocale, texts: IndicatorTexts): Formats {
  const { tag, timeZone } = locale
  const cardinal = new Intl.PluralRules(tag)
  const ordinalRules = new Intl.PluralRules(tag, { type: 'ordinal' })
  const integer = new Intl.NumberFormat(tag, { maximumFractionDigits: 0 })
  const percent = new Intl.NumberFormat(tag, { style: 'percent', maximumFractionDigits: 0 })
  const clock = new Intl.DateTimeFormat(tag, { hour: 'numeric', minute: '2-digit', timeZone })
  const weekday = new Intl.DateTimeFormat(tag, { weekday: 'short', timeZone })
  const date = new Intl.DateTimeFormat(tag, { day: 'numeric', month: 'short', timeZone })
  const dayKey = new Intl.DateTimeFormat('en-CA', {
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    timeZone,
  })
  const list = new Intl.ListFormat(tag, { type: 'conjunction', style: 'long' })

  const unit = (n: number, forms: PluralForms): string => {
    const category = cardinal.select(n)
    return (category === 'one' ? forms.one : forms.other).replace('#', integer.format(n))
  }

  return {
    percent: (value) => percent.format(value / 100),
    ordinal: (n) => texts.ordinal(integer.format(n), ordinalRules.select(n)),
    duration(ms) {
      if (ms < MINUTE_MS) return texts.lessThanAMinute
      const minutes = Math.ceil(ms / MINUTE_MS)
      if (minutes < HOUR_MINUTES) return unit(minutes, texts.units.minute)
      if (minutes < DAY_MINUTES) {
        const hours = Math.floor(minutes / HOUR_MINUTES)
        const rest = minutes % HOUR_MINUTES
        const parts = [unit(hours, texts.units.hour)]
        if (rest > 0) parts.push(unit(rest, texts.units.minute))
        return texts.joinDuration(parts)
      }
      const days = Math.floor(minutes / DAY_MINUTES)
      const hours = Math.floor((minutes % DAY_MINUTES) / HOUR_MINUTES)
      const parts = [unit(days, texts.units.day)]
      if (hours > 0) parts.push(unit(hours, texts.units.hour))
      return texts.joinDuration(parts)
    },
    time(at, now) {
      // ICU releases differ on the space before AM/PM (U+202F in newer ones); one form keeps
      // terminals and tests steady.
      const text = clock.format(at).replace(/\u202f/g, ' ')
      if (dayKey.format(at) === dayKey.format(now)) return text
      const day = Math.abs(at - now) <= WEEK_MS ? weekday.format(at) : date.format(at)
      return texts.dayAndTime(day, text)
    },
    countdown(ms) {
      const seconds = Math.max(0, Math.ceil(ms / 1000))
      const minutes = Math.floor(seconds / 60)
      return `${minutes}:${String(seconds % 60).padStart(2, '0')}`
    },
    list: (items) => list.format(items),
  }
}
