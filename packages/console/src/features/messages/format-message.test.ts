import { describe, expect, it } from 'vitest'
import type { MessageView } from '../../api/api-types.ts'
import { attributeRows, detailFields, firstLine } from './format-message.ts'

const message: MessageView = {
  id: '01J0000000000000000000000',
  origin: { kind: 'client', id: 'GUID:1' },
  sequence: 7,
  severity: 'error',
  messageType: 'milestone',
  messageId: 10021,
  module: 'SMS Client',
  component: 'Software Distribution',
  machine: 'WKS-001',
  siteCode: 'PS1',
  topLevelSiteCode: null,
  processId: 1,
  threadId: 2,
  win32Error: 0,
  createdAt: '2026-11-21T08:00:00.000Z',
  perClient: true,
  reportFunction: 'report',
  transaction: false,
  successfulTransaction: false,
  insertionStrings: ['a'],
  attributes: [
    { id: 401, value: 'PS120001' },
    { id: 999, value: 'x' },
  ],
  recordId: 42,
  receivedAt: '2026-11-21T08:00:01.000Z',
  deleteAfter: null,
  trusted: true,
  text: 'line one\nline two',
  known: true,
  attributeNames: {},
}

describe('the message detail pane', () => {
  it('lists every field with a label', () => {
    const fields = Object.fromEntries(detailFields(message))
    expect(fields['Message ID']).toBe('10021')
    expect(fields['Origin']).toBe('client GUID:1')
    expect(fields['Delete after']).toBe('—')
    expect(fields['Trusted (signed)']).toBe('Yes')
  })

  it('names attributes from the site, then from the protocol table, then by number', () => {
    expect(attributeRows({ ...message, attributeNames: { '999': 'Custom' } })).toEqual([
      { id: 401, name: 'Advertisement / deployment ID', value: 'PS120001' },
      { id: 999, name: 'Custom', value: 'x' },
    ])
    expect(attributeRows(message)[1]?.name).toBe('Attribute 999')
  })

  it('shows the first line of the text in the table', () => {
    expect(firstLine(message.text)).toBe('line one')
    expect(firstLine('x'.repeat(200), 10)).toBe(`${'x'.repeat(9)}…`)
  })
})
