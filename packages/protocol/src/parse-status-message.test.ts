import { describe, expect, it } from 'vitest'
import { parseStatusMessage } from './parse-status-message.ts'
import { newMessageId } from './message-id.ts'

function validInput(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id: newMessageId(Date.UTC(2026, 10, 21)),
    origin: { kind: 'client', id: 'GUID:4d1c2c2e-6a55-4b8e-9d3e-0a0b0c0d0e0f' },
    sequence: 1,
    severity: 'error',
    messageType: 'milestone',
    messageId: 10006,
    module: 'SMS Client',
    component: 'Software Distribution',
    machine: 'WKS-001',
    siteCode: 'ps1',
    createdAt: '2026-11-21T08:00:00Z',
    insertionStrings: ['PS120001', '1603'],
    attributes: [{ id: 401, value: 'PS120001' }],
    ...overrides,
  }
}

function issuesOf(input: unknown) {
  const result = parseStatusMessage(input)
  if (result.ok) throw new Error('expected the parser to refuse the input')
  return result.issues
}

describe('parseStatusMessage', () => {
  it('returns a typed message with defaults and an upper-cased site code', () => {
    const result = parseStatusMessage(validInput())
    expect(result.ok).toBe(true)
    if (!result.ok) return
    expect(result.value).toMatchObject({
      severity: 'error',
      siteCode: 'PS1',
      topLevelSiteCode: null,
      processId: 0,
      threadId: 0,
      win32Error: 0,
      perClient: false,
      reportFunction: 'report',
      transaction: false,
      createdAt: Date.UTC(2026, 10, 21, 8),
    })
  })

  it('accepts ConfigMgr numeric values for severity, type and report function', () => {
    const result = parseStatusMessage(
      validInput({ severity: 0x80000000, messageType: 768, reportFunction: 80, createdAt: 0 }),
    )
    expect(result.ok && result.value).toMatchObject({
      severity: 'warning',
      messageType: 'audit',
      reportFunction: 'reportEx',
    })
  })

  it.each([
    ['module', 'x'.repeat(128), 127, 2],
    ['component', 'x'.repeat(128), 127, 5],
    ['machine', 'x'.repeat(256), 255, 10],
  ])('refuses a %s longer than its limit, naming field and limit', (field, value, limit, smscstat) => {
    const [issue] = issuesOf(validInput({ [field]: value }))
    expect(issue).toMatchObject({ field, code: 'too_long', limit, smscstat })
    expect(issue?.message).toContain(field)
    expect(issue?.message).toContain(String(limit))
  })

  it('refuses an insertion string of 256 characters but takes one of 255', () => {
    expect(parseStatusMessage(validInput({ insertionStrings: ['x'.repeat(255)] })).ok).toBe(true)
    const [issue] = issuesOf(validInput({ insertionStrings: ['ok', 'x'.repeat(256)] }))
    expect(issue).toMatchObject({ field: 'insertionStrings[1]', code: 'too_long', limit: 255, smscstat: 6 })
    expect(issue?.message).toMatch(/insertionStrings\[1\] is 256 characters long; the limit is 255/)
  })

  it('refuses eleven insertion strings', () => {
    const [issue] = issuesOf(validInput({ insertionStrings: Array.from({ length: 11 }, () => 'a') }))
    expect(issue).toMatchObject({ field: 'insertionStrings', code: 'too_many', limit: 10 })
    expect(issue?.message).toContain('the limit is 10')
  })

  it('refuses an attribute value of 256 characters and a null one', () => {
    const issues = issuesOf(
      validInput({
        attributes: [
          { id: 401, value: 'x'.repeat(256) },
          { id: 402, value: null },
        ],
      }),
    )
    expect(issues).toMatchObject([
      { field: 'attributes[0].value', code: 'too_long', limit: 255, smscstat: 7 },
      { field: 'attributes[1].value', code: 'required', smscstat: 7 },
    ])
  })

  it('refuses 1001 attributes but takes 1000', () => {
    const make = (n: number) => Array.from({ length: n }, (_, i) => ({ id: 400 + (i % 30), value: `v${i}` }))
    expect(parseStatusMessage(validInput({ attributes: make(1000) })).ok).toBe(true)
    const [issue] = issuesOf(validInput({ attributes: make(1001) }))
    expect(issue).toMatchObject({ field: 'attributes', code: 'too_many', limit: 1000, smscstat: 8 })
  })

  it.each(['PS12', 'P1', 'P-1', 'CON'])('refuses the site code %j', (siteCode) => {
    const [issue] = issuesOf(validInput({ siteCode }))
    expect(issue).toMatchObject({ field: 'siteCode', code: 'format', smscstat: 3 })
    expect(issue?.message).toContain('siteCode')
  })

  it('names the top-level site code separately (SMSCSTAT 4)', () => {
    const [issue] = issuesOf(validInput({ topLevelSiteCode: 'CENTRAL' }))
    expect(issue).toMatchObject({ field: 'topLevelSiteCode', code: 'format', limit: 3, smscstat: 4 })
  })

  it.each([
    ['messageId', 65536, '0..65535'],
    ['messageId', -1, '0..65535'],
    ['win32Error', 2 ** 32, '0..4294967295'],
    ['processId', -5, '0..4294967295'],
  ])('refuses %s = %d outside its range', (field, value, limit) => {
    const [issue] = issuesOf(validInput({ [field]: value }))
    expect(issue).toMatchObject({ field, code: 'out_of_range', limit })
  })

  it('refuses an empty module name and a missing component', () => {
    const issues = issuesOf(validInput({ module: '', component: undefined }))
    expect(issues).toMatchObject([
      { field: 'module', code: 'too_short', smscstat: 2 },
      { field: 'component', code: 'required', smscstat: 5 },
    ])
  })

  it('refuses unknown severities and lists the allowed ones', () => {
    const [issue] = issuesOf(validInput({ severity: 'fatal' }))
    expect(issue?.field).toBe('severity')
    expect(issue?.message).toContain('informational (1073741824)')
  })

  it('refuses text that no store can keep: NUL and lone surrogates', () => {
    const issues = issuesOf(validInput({ insertionStrings: ['a\u0000b', 'x\uD800y'] }))
    expect(issues.map((i) => i.code)).toEqual(['format', 'format'])
  })

  it('refuses unknown fields so typos do not vanish silently', () => {
    const [issue] = issuesOf(validInput({ severty: 'error' }))
    expect(issue).toMatchObject({ field: 'severty', code: 'unknown_field' })
  })

  it('refuses an id that is not a UUIDv7', () => {
    const [issue] = issuesOf(validInput({ id: '3b241101-e2bb-4255-8caf-4136c566a962' }))
    expect(issue).toMatchObject({ field: 'id', code: 'format' })
  })

  it('refuses local times without an offset and impossible dates', () => {
    expect(issuesOf(validInput({ createdAt: '2026-11-21T08:00:00' }))[0]?.field).toBe('createdAt')
    expect(issuesOf(validInput({ createdAt: '2026-02-30T08:00:00Z' }))[0]?.field).toBe('createdAt')
  })

  it('reports every issue at once, prefixed with the batch path', () => {
    const result = parseStatusMessage(
      validInput({ module: 'x'.repeat(200), siteCode: 'TOOLONG' }),
      'messages[3]',
    )
    expect(result.ok).toBe(false)
    if (result.ok) return
    expect(result.issues.map((i) => i.field)).toEqual(['messages[3].module', 'messages[3].siteCode'])
    expect(result.issues[0]?.message).toMatch(/^messages\[3\]\.module is 200 characters/)
  })
})
