/** The locale every catalogue must cover completely, and the last step of every fallback. */
export const DEFAULT_LOCALE = 'en'

// BCP 47 shape, loosely: a 2–3 letter language, then subtags (region, script, variant).
const LOCALE_PATTERN = /^[a-z]{2,3}(?:-[a-z0-9]{1,8})*$/

/**
 * Returns a locale tag in the form the catalogue keys by (`de-DE` and `de_de` → `de-de`), or
 * `undefined` when it is not a locale tag at all.
 */
export function normalizeLocale(locale: string): string | undefined {
  const normalized = locale.trim().toLowerCase().replaceAll('_', '-')
  return LOCALE_PATTERN.test(normalized) ? normalized : undefined
}

/**
 * Returns the locales to try, most specific first, always ending with {@link DEFAULT_LOCALE}:
 * `de-DE` → `['de-de', 'de', 'en']`. A missing or malformed locale gives `['en']`.
 */
export function localeChain(locale: string | undefined): string[] {
  const normalized = locale === undefined ? undefined : normalizeLocale(locale)
  const chain: string[] = []
  if (normalized !== undefined) {
    const parts = normalized.split('-')
    for (let count = parts.length; count > 0; count--) chain.push(parts.slice(0, count).join('-'))
  }
  if (!chain.includes(DEFAULT_LOCALE)) chain.push(DEFAULT_LOCALE)
  return chain
}
