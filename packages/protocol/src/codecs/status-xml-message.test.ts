import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { arbitraryStatusMessage } from '../../test/arbitraries.ts'
import { STATUS_SAMPLE } from '../../test/samples.ts'
import type { StatusMessage } from '../status-message.ts'
import { EVENT_CLASSES } from './event-classes.ts'
import { decodeStatusXml, encodeStatusXml } from './status-xml.ts'
import type { StatusXmlDocument } from './status-xml.ts'
import type { StatusXmlContext } from './status-xml-message.ts'
import { messageToStatusXml, statusXmlToMessage } from './status-xml-message.ts'

const CONTEXT: StatusXmlContext = {
  id: '019a8f00-0000-7000-8000-000000000001',
  origin: { kind: 'client', id: 'GUID:4d1c2c2e-6a55-4b8e-9d3e-0a0b0c0d0e0f' },
  sequence: 17,
  machine: 'WKS-001',
  siteCode: 'PS1',
  createdAt: Date.UTC(2026, 10, 21, 8),
  component: 'Sender',
}

function document(overrides: Partial<StatusXmlDocument>): StatusXmlDocument {
  return {
    schemaVersion: '1.0',
    type: 'SMS_GenericStatusMessage_Error',
    properties: [],
    qualifiers: [],
    ...overrides,
  }
}

function contextOf(message: StatusMessage): StatusXmlContext {
  const { id, origin, sequence, machine, siteCode, createdAt } = message
  return { id, origin, sequence, machine, siteCode, createdAt, component: 'unused' }
}

/** Generic messages with only the fields Status XML carries or the context supplies. */
const genericMessage = fc
  .tuple(arbitraryStatusMessage(), fc.constantFrom(...EVENT_CLASSES.filter((c) => c.attributeProperties)))
  .map(([message, eventClass]): StatusMessage => ({
    ...message,
    module: eventClass.module,
    messageId: eventClass.messageId,
    severity: eventClass.severity,
    messageType: eventClass.messageType,
    topLevelSiteCode: null,
    processId: 0,
    threadId: 0,
    win32Error: 0,
    perClient: false,
    reportFunction: 'report',
    transaction: false,
    successfulTransaction: false,
  }))

describe('statusXmlToMessage', () => {
  it('maps the software distribution sample to message 10005 of SMS Client', () => {
    const decoded = decodeStatusXml(STATUS_SAMPLE)
    if (!decoded.ok) throw new Error('sample did not decode')
    const result = statusXmlToMessage(decoded.value, CONTEXT)
    expect(result.ok && result.value).toMatchObject({
      module: 'SMS Client',
      component: 'Software Distribution',
      messageId: 10005,
      severity: 'informational',
      machine: 'WKS-001',
      siteCode: 'PS1',
      insertionStrings: ['ABC20001', '', '', 'ABC00012', 'Install'],
      attributes: [
        { id: 401, value: 'ABC20001' },
        { id: 400, value: 'ABC00012' },
      ],
    })
  })

  it('maps generic insertion strings and Attribute<N> properties, with ApplicationName as component', () => {
    const result = statusXmlToMessage(
      document({
        properties: [
          { name: 'InsertionString2', value: 'second' },
          { name: 'InsertionString1', value: 'first' },
          { name: 'Attribute403', value: 'GenericMsg_SeeInsertionStrings' },
        ],
        qualifiers: [{ attributes: { Name: 'ApplicationName' }, text: 'Nightly Backup' }],
      }),
      CONTEXT,
    )
    expect(result.ok && result.value).toMatchObject({
      module: 'SMS Provider',
      messageId: 39999,
      severity: 'error',
      component: 'Nightly Backup',
      insertionStrings: ['first', 'second'],
      attributes: [{ id: 403, value: 'GenericMsg_SeeInsertionStrings' }],
    })
  })

  it('names the unknown type and lists the known ones', () => {
    const result = statusXmlToMessage(document({ type: 'SoftDistMadeUpEvent' }), CONTEXT)
    expect(result.ok || result.issues[0]).toMatchObject({ field: 'Status.Type', code: 'unknown_value' })
    expect(result.ok || result.issues[0]?.message).toMatch(
      /"SoftDistMadeUpEvent".*SMS_GenericStatusMessage_Info/,
    )
  })

  it('refuses a property the class does not have and a repeated insertion string', () => {
    const result = statusXmlToMessage(
      document({
        properties: [
          { name: 'Colour', value: 'red' },
          { name: 'InsertionString1', value: 'a' },
          { name: 'InsertionString1', value: 'b' },
        ],
      }),
      CONTEXT,
    )
    expect(result.ok || result.issues.map((i) => [i.field, i.code])).toEqual([
      ['Status.Properties.Property[0]@Name', 'unknown_field'],
      ['Status.Properties.Property[2]@Name', 'too_many'],
    ])
  })

  it('leaves limits to parseStatusMessage', () => {
    const result = statusXmlToMessage(
      document({ properties: [{ name: 'InsertionString1', value: 'x'.repeat(256) }] }),
      CONTEXT,
    )
    expect(result.ok || result.issues).toEqual([
      expect.objectContaining({ field: 'insertionStrings[0]', code: 'too_long' }),
    ])
  })
})

describe('messageToStatusXml', () => {
  it('refuses a message no event class raises', () => {
    const [message] = fc.sample(arbitraryStatusMessage(), { numRuns: 1, seed: 5 })
    if (message === undefined) throw new Error('no sample')
    const result = messageToStatusXml({ ...message, module: 'SMS Server', messageId: 1 })
    expect(result.ok || result.issues[0]).toMatchObject({ field: 'messageId', code: 'unknown_value' })
  })

  it('refuses a software distribution message whose %2 has no property', () => {
    const [message] = fc.sample(genericMessage, { numRuns: 1, seed: 6 })
    if (message === undefined) throw new Error('no sample')
    const result = messageToStatusXml({
      ...message,
      module: 'SMS Client',
      component: 'Software Distribution',
      messageId: 10006,
      severity: 'error',
      insertionStrings: ['ADV', 'orphan'],
      attributes: [{ id: 401, value: 'ADV' }],
    })
    expect(result.ok || result.issues.map((i) => i.field)).toEqual(['insertionStrings'])
  })

  it('turns a generic message into XML and back into the same message', () => {
    fc.assert(
      fc.property(genericMessage, (message) => {
        const document = messageToStatusXml(message)
        if (!document.ok) throw new Error(document.issues[0]?.message)
        const decoded = decodeStatusXml(encodeStatusXml(document.value))
        if (!decoded.ok) throw new Error(decoded.issues[0]?.message)
        expect(statusXmlToMessage(decoded.value, contextOf(message))).toEqual({ ok: true, value: message })
      }),
    )
  })

  it('turns the software distribution sample back into the same document properties', () => {
    const decoded = decodeStatusXml(STATUS_SAMPLE)
    if (!decoded.ok) throw new Error('sample did not decode')
    const message = statusXmlToMessage(decoded.value, CONTEXT)
    if (!message.ok) throw new Error('sample did not map')
    const back = messageToStatusXml(message.value)
    expect(back.ok && back.value.properties).toEqual(decoded.value.properties)
  })
})
