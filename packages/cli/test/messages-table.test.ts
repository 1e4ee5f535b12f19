import { describe, expect, it } from 'vitest'
import { formatTable } from '../src/commands/messages.ts'

describe('formatTable', () => {
  it('keeps each message on one line and lets no terminal escape through', () => {
    const table = formatTable([
      {
        createdAt: '2026-12-07T10:00:00.000Z',
        severity: 'error',
        component: 'Evil\u001b[2J\u001b]0;pwned\u0007',
        machine: 'WKS\r\n2026-12-07T10:00:01.000Z  error  Forged',
        messageId: 39999,
        text: 'first\nsecond\u2028third \u202eevil',
        trusted: false,
      },
    ])
    const lines = table.split('\n')
    expect(lines.pop()).toBe('')
    expect(lines).toHaveLength(2)
    for (const raw of ['\u001b', '\u0007', '\r', '\u2028', '\u202e']) expect(table).not.toContain(raw)
    expect(lines[1]).toContain('Evil\\x1b[2J\\x1b]0;pwned\\x07')
    expect(lines[1]).toContain('WKS\\r\\n2026-12-07T10:00:01.000Z  error  Forged')
    expect(lines[1]).toMatch(/\[unsigned\] first second\\u2028third \\u202eevil$/)
  })
})
