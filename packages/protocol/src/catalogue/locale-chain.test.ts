import { describe, expect, it } from 'vitest'
import { localeChain, normalizeLocale } from './locale-chain.ts'

describe('normalizeLocale', () => {
  it('lower-cases and turns underscores into hyphens', () => {
    expect(normalizeLocale(' de_DE ')).toBe('de-de')
  })

  it('returns undefined for something that is not a locale tag', () => {
    expect(normalizeLocale('')).toBeUndefined()
    expect(normalizeLocale('german!')).toBeUndefined()
  })
})

describe('localeChain', () => {
  it('goes from the most specific tag to the language and then to en', () => {
    expect(localeChain('zh-Hant-TW')).toEqual(['zh-hant-tw', 'zh-hant', 'zh', 'en'])
    expect(localeChain('de-DE')).toEqual(['de-de', 'de', 'en'])
  })

  it('does not repeat en', () => {
    expect(localeChain('en-GB')).toEqual(['en-gb', 'en'])
  })

  it('is just en for a missing or malformed locale', () => {
    expect(localeChain(undefined)).toEqual(['en'])
    expect(localeChain('??')).toEqual(['en'])
  })
})
