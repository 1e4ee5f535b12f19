import { describe, expect, it } from 'vitest'
import { createCatalogue } from './builtin-catalogue.ts'
import { formatOsErrorCode, osErrorText } from './os-error-text.ts'

describe('formatOsErrorCode', () => {
  it('shows Win32 codes in decimal and HRESULTs in hex', () => {
    expect(formatOsErrorCode(1603)).toBe('1603')
    expect(formatOsErrorCode(0x80070005)).toBe('0x80070005')
    expect(formatOsErrorCode(-2147024891)).toBe('0x80070005')
  })
})

describe('osErrorText', () => {
  const catalogue = createCatalogue()

  it('is empty for 0', () => {
    expect(osErrorText(catalogue, 0, ['en'])).toBe('')
  })

  it('names the code and its meaning', () => {
    expect(osErrorText(catalogue, 1618, ['en'])).toBe(
      'The operating system reported error 1618: Another installation is already running; wait for it to finish.',
    )
  })

  it('reads a FACILITY_WIN32 HRESULT as the Win32 code it wraps', () => {
    expect(osErrorText(catalogue, 0x80070002, ['en'])).toBe(
      'The operating system reported error 0x80070002: The file could not be found.',
    )
  })

  it('falls back to "reported error N." for a code it does not know', () => {
    expect(osErrorText(catalogue, 0x87d00324, ['en'])).toBe('The operating system reported error 0x87D00324.')
    expect(osErrorText(catalogue, 9999, ['de', 'en'])).toBe('Das Betriebssystem meldete den Fehler 9999.')
  })

  it('speaks the first locale of the chain that has sentences', () => {
    expect(osErrorText(catalogue, 5, ['fr', 'de', 'en'])).toBe(
      'Das Betriebssystem meldete den Fehler 5: Der Zugriff wurde verweigert.',
    )
  })
})
