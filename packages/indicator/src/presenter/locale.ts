/**
 * The session's locale as the indicator uses it: the language of its words (English or German)
 * and the BCP 47 tag and time zone that number, date and time formats follow. Pure: the shell
 * passes the environment and the time zone in.
 */

/** Languages the indicator speaks. */
export const INDICATOR_LANGUAGES = ['en', 'de'] as const
export type IndicatorLanguage = (typeof INDICATOR_LANGUAGES)[number]

/** Language, format locale and time zone of one session. */
export interface IndicatorLocale {
  readonly language: IndicatorLanguage
  /** BCP 47 tag for `Intl` formats, e.g. `de-DE` or `en-US` (12-hour clock) or `en-GB`. */
  readonly tag: string
  /** IANA time zone for clock times, e.g. `Europe/Berlin`. */
  readonly timeZone: string
}

/** The environment variables that choose the locale, in POSIX order of precedence. */
export interface LocaleEnvironment {
  readonly LC_ALL?: string | undefined
  readonly LC_MESSAGES?: string | undefined
  readonly LANG?: string | undefined
}

const POSIX_LOCALE = /^([a-zA-Z]{2,3})(?:_([a-zA-Z]{2}|\d{3}))?(?:\.[^@]*)?(?:@.*)?$/

/**
 * Turns a POSIX locale name (`de_DE.UTF-8`, `de_AT@euro`, `en_GB`) into a BCP 47 tag (`de-DE`);
 * `null` for `C`, `POSIX` and anything that is not a locale name.
 */
export function posixLocaleToTag(name: string): string | null {
  const match = POSIX_LOCALE.exec(name.trim())
  if (match === null) return null
  const language = (match[1] ?? '').toLowerCase()
  const region = match[2]?.toUpperCase()
  const tag = region === undefined ? language : `${language}-${region}`
  try {
    return Intl.getCanonicalLocales(tag)[0] ?? null
  } catch {
    return null
  }
}

/**
 * Picks the session's locale: the first of `LC_ALL`, `LC_MESSAGES`, `LANG` that is set (as the
 * C library does), German words for any `de` locale, English for everything else; `C` and
 * `POSIX` mean English with `en-US` formats.
 */
export function pickLocale(env: LocaleEnvironment, timeZone: string): IndicatorLocale {
  const chosen = [env.LC_ALL, env.LC_MESSAGES, env.LANG].find((v) => v !== undefined && v !== '')
  const tag = chosen === undefined ? null : posixLocaleToTag(chosen)
  if (tag === null) return { language: 'en', tag: 'en-US', timeZone }
  const language: IndicatorLanguage = tag.split('-')[0] === 'de' ? 'de' : 'en'
  // An English text with French number formats reads oddly; formats follow the words' language
  // unless the locale names a region of it (en-GB, de-AT).
  const formatTag = tag.split('-')[0] === language ? tag : language === 'de' ? 'de-DE' : 'en-US'
  return { language, tag: formatTag, timeZone }
}
