import { describe, expect, it } from 'vitest'
import { findModule, lookupMessage, registerModule } from './catalogue.ts'
import { createCatalogue } from './builtin-catalogue.ts'
import type { ModuleDefinition } from './parse-module-definition.ts'
import { renderMessage } from './render-message.ts'

const contoso = {
  module: 'Contoso Agent',
  messages: {
    '100': {
      name: 'AGENT_STARTED',
      severity: 'informational',
      messageType: 'milestone',
      components: ['Agent'],
    },
    '101': { name: 'AGENT_UPDATE_FAILED', severity: 'error', messageType: 'milestone' },
  },
  texts: {
    en: { '100': '%11The agent started.%0', '101': '%11The agent could not update to %1. %12%0' },
    'de-AT': { '100': '%11Der Agent wurde gestartet.%0' },
  },
}

describe('lookupMessage', () => {
  it('returns a built-in definition with its severity, type, components and templates', () => {
    const definition = lookupMessage(createCatalogue(), 'SMS Server', 4609)
    expect(definition).toMatchObject({
      module: 'SMS Server',
      messageId: 4609,
      name: 'COMPONENT_STATUS_CRITICAL',
      severity: 'informational',
      messageType: 'milestone',
      components: ['SMS_COMPONENT_STATUS_SUMMARIZER'],
    })
    expect(definition?.templates.get('de')).toContain('Kritisch')
  })

  it('matches the module name ignoring case', () => {
    expect(lookupMessage(createCatalogue(), 'sms CLIENT', 10002)?.module).toBe('SMS Client')
  })

  it('returns undefined for an unknown module or ID', () => {
    const catalogue = createCatalogue()
    expect(lookupMessage(catalogue, 'Nobody', 500)).toBeUndefined()
    expect(lookupMessage(catalogue, 'SMS Server', 65535)).toBeUndefined()
  })
})

describe('registerModule', () => {
  it('adds a vendor module and leaves the original catalogue untouched', () => {
    const before = createCatalogue()
    const result = registerModule(before, contoso)
    expect(result.ok).toBe(true)
    if (!result.ok) return
    expect(findModule(result.value, 'contoso agent')?.locales).toEqual(['en', 'de-at'])
    expect(lookupMessage(result.value, 'Contoso Agent', 101)).toMatchObject({
      severity: 'error',
      components: [],
    })
    expect(lookupMessage(result.value, 'SMS Server', 500)).toBeDefined()
    expect(findModule(before, 'Contoso Agent')).toBeUndefined()
  })

  it('refuses the built-in module names, ignoring case', () => {
    const result = registerModule(createCatalogue(), { ...contoso, module: 'sms server' })
    expect(result).toMatchObject({
      ok: false,
      issues: [
        {
          field: 'module',
          message:
            'module "sms server" is reserved for the built-in "SMS Server" catalogue; pick your own name',
        },
      ],
    })
  })

  it('refuses a module the catalogue already has', () => {
    const first = registerModule(createCatalogue(), contoso)
    if (!first.ok) throw new Error('expected the first registration to succeed')
    const second = registerModule(first.value, { ...contoso, module: 'CONTOSO AGENT' })
    expect(second).toMatchObject({ ok: false, issues: [{ field: 'module' }] })
  })

  it('refuses a malformed definition with an issue naming the field', () => {
    const result = registerModule(createCatalogue(), {
      ...contoso,
      messages: { ...contoso.messages, '102': { name: 'BAD', severity: 'fatal', messageType: 'milestone' } },
      texts: { en: { ...contoso.texts.en, '102': 'Something went wrong.' } },
    })
    expect(result).toMatchObject({
      ok: false,
      issues: [{ field: 'messages.102.severity', code: 'unknown_value' }],
    })
  })
})

describe('the vendor example of docs/catalogue.md', () => {
  it('registers and renders as the page says', () => {
    const contosoBackup = {
      module: 'Contoso Backup',
      messages: {
        '100': {
          name: 'BACKUP_SUCCEEDED',
          severity: 'informational',
          messageType: 'milestone',
          components: ['Backup Engine'],
        },
        '101': {
          name: 'BACKUP_FAILED',
          severity: 'error',
          messageType: 'milestone',
          components: ['Backup Engine'],
        },
      },
      texts: {
        en: {
          '100': '%11Backup job "%1" copied %2 files to %3.%0',
          '101': '%11Backup job "%1" could not write to %3. %12%0',
        },
        de: { '100': '%11Sicherungsauftrag „%1“ hat %2 Dateien nach %3 kopiert.%0' },
      },
    } satisfies ModuleDefinition
    const result = registerModule(createCatalogue(), contosoBackup)
    if (!result.ok) throw new Error('expected the example to register')
    const rendered = renderMessage(result.value, {
      module: 'Contoso Backup',
      messageId: 101,
      insertionStrings: ['Nightly', '', '\\\\nas01\\backup'],
      win32Error: 112,
    })
    expect(rendered.text).toBe(
      'Backup job "Nightly" could not write to \\\\nas01\\backup. The operating system reported error 112: The disk is full.',
    )
  })
})
