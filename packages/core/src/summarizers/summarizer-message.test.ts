import { createCatalogue, lookupMessage } from '@sitrep/protocol'
import { describe, expect, it } from 'vitest'
import { SUMMARIZER_MESSAGE_SEVERITIES, summarizerMessage } from './summarizer-message.ts'

describe('SUMMARIZER_MESSAGE_SEVERITIES', () => {
  it('matches the SMS Server catalogue for every message the summarizers raise', () => {
    const catalogue = createCatalogue()
    for (const [id, severity] of Object.entries(SUMMARIZER_MESSAGE_SEVERITIES)) {
      const definition = lookupMessage(catalogue, 'SMS Server', Number(id))
      expect(definition?.severity, `message ${id}`).toBe(severity)
    }
  })
})

describe('summarizerMessage', () => {
  it('refuses an ID the table does not know', () => {
    expect(() => summarizerMessage('SMS_COMPONENT_STATUS_SUMMARIZER', 4999, [])).toThrow(RangeError)
  })
})
