import { describe, expect, it } from 'vitest'
import { parseModuleDefinition } from './parse-module-definition.ts'

function valid(): Record<string, unknown> {
  return {
    module: 'Contoso Agent',
    messages: { '100': { name: 'AGENT_STARTED', severity: 'informational', messageType: 'milestone' } },
    texts: { en: { '100': 'The agent started.' } },
  }
}

function fieldsOf(input: unknown): string[] {
  const result = parseModuleDefinition(input)
  if (result.ok) throw new Error('expected the parser to refuse the definition')
  return result.issues.map((issue) => issue.field)
}

describe('parseModuleDefinition', () => {
  it('returns the module with templates per normalized locale', () => {
    const result = parseModuleDefinition({
      ...valid(),
      texts: { en: { '100': 'Started.' }, de_DE: { '100': 'Gestartet.' } },
    })
    expect(result.ok).toBe(true)
    if (!result.ok) return
    expect(result.value.locales).toEqual(['en', 'de-de'])
    expect(result.value.messages.get(100)?.templates.get('de-de')).toBe('Gestartet.')
    expect(result.value.messages.get(100)?.components).toEqual([])
  })

  it('refuses input that is not an object', () => {
    expect(fieldsOf('nope')).toEqual(['definition'])
  })

  it('refuses a missing or too long module name', () => {
    expect(fieldsOf({ ...valid(), module: undefined })).toEqual(['module'])
    expect(fieldsOf({ ...valid(), module: 'x'.repeat(128) })).toEqual(['module'])
  })

  it('refuses unknown fields at the top and in a message', () => {
    const messages = { '100': { name: 'A', severity: 'error', messageType: 'audit', colour: 'red' } }
    expect(fieldsOf({ ...valid(), messages, extra: 1 })).toEqual(['extra', 'messages.100.colour'])
  })

  it('refuses message IDs that are not 0 to 65535 in decimal', () => {
    const entry = { name: 'A', severity: 'error', messageType: 'audit' }
    const texts = { en: {} }
    expect(fieldsOf({ ...valid(), messages: { '65536': entry, '007': entry, x: entry }, texts })).toEqual([
      'messages.65536',
      'messages.007',
      'messages.x',
    ])
  })

  it('names the field of each bad message entry', () => {
    const messages = {
      '1': { name: 'lower case', severity: 'error', messageType: 'audit' },
      '2': { name: 'B', severity: 'fatal', messageType: 'audit' },
      '3': { name: 'C', severity: 'error', messageType: 'story', components: ['ok', 7] },
      '4': { name: 'B', severity: 'error', messageType: 'audit' },
    }
    const texts = { en: { '1': 'a', '2': 'b', '3': 'c', '4': 'd' } }
    expect(fieldsOf({ ...valid(), messages, texts })).toEqual([
      'messages.1.name',
      'messages.2.severity',
      'messages.3.messageType',
      'messages.3.components[1]',
      'messages.4.name',
    ])
  })

  it('requires English texts for every message', () => {
    expect(fieldsOf({ ...valid(), texts: { de: { '100': 'x' } } })).toEqual(['texts.en'])
    expect(fieldsOf({ ...valid(), texts: { en: {} } })).toEqual(['texts.en.100'])
  })

  it('refuses templates for unknown IDs, bad locales, duplicates and invalid escapes', () => {
    const result = parseModuleDefinition({
      ...valid(),
      texts: {
        en: { '100': 'Disk %13 full', '101': 'orphan' },
        'not a locale': {},
        DE: { '100': '' },
        de: {},
      },
    })
    expect(result).toMatchObject({
      ok: false,
      issues: [
        {
          field: 'texts.en.100',
          code: 'format',
          message:
            'texts.en.100: "%13" at offset 5 is not an escape; use %1 to %12, %0 to end or %% for a percent sign',
        },
        { field: 'texts.en.101', code: 'unknown_value' },
        { field: 'texts.not a locale', code: 'format' },
        { field: 'texts.DE.100', code: 'too_short' },
        { field: 'texts.de', message: 'texts.de is the same locale as texts.DE' },
        { field: 'texts.en.100', code: 'required' },
      ],
    })
  })
})
