import { Writable } from 'node:stream'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { arbitraryHostileText } from '../test/helpers/hostile-text.ts'
import { createSiteLogger } from './site-logger.ts'

/** A destination that keeps what the logger writes. */
function capture(): { stream: Writable; text(): string } {
  let text = ''
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      text += chunk.toString('utf8')
      done()
    },
  })
  return { stream, text: () => text }
}

describe('createSiteLogger', () => {
  it('writes one JSON line per entry whatever text a status message field holds', () => {
    fc.assert(
      fc.property(fc.array(arbitraryHostileText(), { minLength: 1, maxLength: 5 }), (texts) => {
        const out = capture()
        const logger = createSiteLogger('info', out.stream)
        for (const text of texts) logger.warn({ clientPayload: { component: text } }, 'message refused')
        const lines = out.text().split('\n')
        expect(lines.pop()).toBe('')
        expect(lines).toHaveLength(texts.length)
        expect(out.text()).not.toMatch(/[\r\u0085\u2028\u2029]/)
        lines.forEach((line, i) => {
          // pino writes one JSON object per line.
          const entry = JSON.parse(line) as { clientPayload: { component: string }; msg: string }
          expect(entry.clientPayload.component).toBe(texts[i])
          expect(entry.msg).toBe('message refused')
        })
      }),
      { numRuns: 200 },
    )
  })
})
