/** A strict RFC 5424 reader for tests that check what a syslog writer or daemon produced. */

/** Every character that some reader takes as the end of a line. */
// eslint-disable-next-line no-control-regex -- line breaks are what it looks for.
export const ANY_LINE_BREAK = /[\n\r\v\f\u001c-\u001e\u0085\u2028\u2029]/

/** One record read back: header fields after PRI and VERSION, SD-ELEMENTs, MSG. */
export interface Rfc5424Record {
  readonly header: string[]
  readonly sd: [string, [string, string][]][]
  readonly msg: string
}

/**
 * A strict reader of one RFC 5424 record (§6): the header, one or more SD-ELEMENTs with
 * §6.3.3's escapes undone, and MSG. Throws when the text is not exactly one record.
 */
export function readRfc5424(text: string): Rfc5424Record {
  if (ANY_LINE_BREAK.test(text)) throw new Error('the record holds a line break')
  const head = /^<(\d{1,3})>1 (\S+) (\S+) (\S+) (\S+) (\S+) /.exec(text)
  if (head === null) throw new Error(`no RFC 5424 header in ${JSON.stringify(text)}`)
  let at = head[0].length
  const sd: [string, [string, string][]][] = []
  while (text[at] === '[') {
    const id = /^\[([\x21-\x7e]+?)(?=[ \]])/.exec(text.slice(at))
    if (id === null || id[1] === undefined) throw new Error('bad SD-ID')
    at += id[0].length
    const params: [string, string][] = []
    while (text[at] === ' ') {
      const name = /^ ([^= \]"]+)="/.exec(text.slice(at))
      if (name === null || name[1] === undefined) throw new Error('bad SD-PARAM name')
      at += name[0].length
      let value = ''
      for (;;) {
        const c = text[at]
        if (c === undefined) throw new Error('unterminated SD-PARAM value')
        if (c === '"') break
        if (c === ']') throw new Error('unescaped ] in SD-PARAM value')
        if (c === '\\' && ['"', '\\', ']'].includes(text[at + 1] ?? '')) {
          value += text[at + 1]
          at += 2
        } else {
          value += c
          at += 1
        }
      }
      at += 1
      params.push([name[1], value])
    }
    if (text[at] !== ']') throw new Error('SD-ELEMENT not closed')
    at += 1
    sd.push([id[1], params])
  }
  const rest = text.slice(at)
  if (sd.length === 0 && !rest.startsWith('-')) throw new Error('no structured data')
  return { header: head.slice(1), sd, msg: rest.startsWith(' ') ? rest.slice(1) : '' }
}
