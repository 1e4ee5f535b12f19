/**
 * Issue 12, item 1, for the export route: messages whose every text field is hostile still come
 * out as exactly one line each, in CSV (visible escapes, formulas neutralized) and in JSON Lines
 * (the exact text, NEL/LS/PS escaped inside the JSON strings).
 */
import { afterEach, describe, expect, it } from 'vitest'
import { HOSTILE_SAMPLES } from '../helpers/hostile-text.ts'
import { makeMessage } from '../helpers/messages.ts'
import type { Harness } from '../summarizers/summarizer-harness.ts'
import { T, TOKEN, createHarness } from '../summarizers/summarizer-harness.ts'

let h: Harness | undefined
afterEach(async () => {
  await h?.close()
  h = undefined
})

const hostileMessages = () =>
  HOSTILE_SAMPLES.map((sample, i) =>
    makeMessage({
      createdAt: T + i,
      component: `Hostile ${sample}`.slice(0, 127),
      machine: sample,
      insertionStrings: [sample, `second ${sample}`],
      attributes: [{ id: 401, value: sample }],
    }),
  )

/** Splits RFC 4180 records of one line each into cells. */
function readCsvLine(line: string): string[] {
  const cells: string[] = []
  let at = 0
  while (at <= line.length) {
    if (line[at] === '"') {
      let end = at + 1
      let value = ''
      for (;;) {
        const next = line.indexOf('"', end)
        if (next === -1) throw new Error(`unterminated quoted cell in ${line}`)
        value += line.slice(end, next)
        if (line[next + 1] === '"') {
          value += '"'
          end = next + 2
        } else {
          end = next + 1
          break
        }
      }
      cells.push(value)
      if (end < line.length && line[end] !== ',') throw new Error(`text after a quoted cell in ${line}`)
      at = end + 1
    } else {
      const next = line.indexOf(',', at)
      const end = next === -1 ? line.length : next
      cells.push(line.slice(at, end))
      at = end + 1
    }
  }
  return cells
}

describe('exports of hostile messages', () => {
  it('writes one CSV line of twelve cells per message, with no cell a spreadsheet would run', async () => {
    h = await createHarness()
    const messages = hostileMessages()
    await h.enqueue(messages)
    await h.drain()
    const reply = await h.app.inject({
      method: 'GET',
      url: '/api/v1/messages/export?format=csv',
      headers: { authorization: `Bearer ${TOKEN}` },
    })
    expect(reply.statusCode).toBe(200)
    const lines = reply.body.split('\r\n')
    expect(lines.pop()).toBe('')
    // CRLF ends each record; no other line break of any kind is left anywhere.
    expect(reply.body.replaceAll('\r\n', '')).not.toMatch(/[\n\r\u0085\u2028\u2029]/)
    const [header, ...rows] = lines.map(readCsvLine)
    expect(header).toHaveLength(12)
    const hostile = rows.filter((row) => row[8]?.startsWith('Hostile'))
    expect(hostile).toHaveLength(messages.length)
    for (const row of hostile) {
      expect(row).toHaveLength(12)
      for (const cell of row) expect(cell).not.toMatch(/^[=+\-@\t]/)
    }
    const machines = new Set(hostile.map((row) => row[6]))
    expect(machines).toContain('\'=HYPERLINK("http://example.invalid","click")')
    expect(machines).toContain('line one\\nline two')
  })

  it('writes one JSON line per message that reads back the exact text', async () => {
    h = await createHarness()
    const messages = hostileMessages()
    await h.enqueue(messages)
    await h.drain()
    const reply = await h.app.inject({
      method: 'GET',
      url: '/api/v1/messages/export?format=json',
      headers: { authorization: `Bearer ${TOKEN}` },
    })
    expect(reply.body).not.toMatch(/[\r\u0085\u2028\u2029]/)
    const lines = reply.body.split('\n')
    expect(lines.pop()).toBe('')
    // The documented JSON Lines export: one StoredMessageJson per line.
    const exported = lines.map((line) => JSON.parse(line) as { id: string; machine: string })
    const byId = new Map(exported.map((m) => [m.id, m]))
    for (const message of messages) expect(byId.get(message.id)?.machine).toBe(message.machine)
  })
})
