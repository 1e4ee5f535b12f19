/**
 * Visible escapes for message text that leaves the site in a line-oriented form (the OS log,
 * CSV cells, a terminal). Status message fields are untrusted and may hold any character; a
 * line break, a terminal escape or a bidirectional override in them could start a forged record
 * or disguise one. These functions turn every such character into printable ASCII that says
 * what was there, and leave all other text (including other non-ASCII letters) as it was.
 */

/**
 * Characters that end, fake or disguise a line: C0 controls (CR, LF, TAB, ESC …), DEL, C1
 * controls (NEL U+0085 among them), LINE SEPARATOR and PARAGRAPH SEPARATOR, the bidirectional
 * embeddings, overrides and isolates (which can make a line read differently from its bytes),
 * and the byte-order mark.
 */
const UNSAFE_TEXT_CHARACTERS =
  // eslint-disable-next-line no-control-regex -- matching control characters is the point.
  /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff]/g

const SHORT_ESCAPES: Readonly<Record<string, string>> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' }

/**
 * Returns `text` with every character of {@link UNSAFE_TEXT_CHARACTERS} written as a visible
 * escape: `\n`, `\r`, `\t`, `\xHH` for other controls up to U+00FF (ESC is `\x1b`, NEL `\x85`),
 * `\uHHHH` above. The result holds no line break of any kind, so it stays one line in every
 * log. Backslashes are kept as they are, so a Windows path reads naturally; the escape is for
 * people and line-based tools, not meant to be reversed.
 *
 * @example
 * toVisibleText('disk full\n<13>1 forged') // 'disk full\\n<13>1 forged'
 */
export function toVisibleText(text: string): string {
  return text.replace(UNSAFE_TEXT_CHARACTERS, (c) => {
    const short = SHORT_ESCAPES[c]
    if (short !== undefined) return short
    const code = c.charCodeAt(0)
    return code <= 0xff ? `\\x${hex(code, 2)}` : `\\u${hex(code, 4)}`
  })
}

// Without the g flag: `test` on a global regex keeps state between calls.
const ANY_UNSAFE_TEXT_CHARACTER = new RegExp(UNSAFE_TEXT_CHARACTERS.source)

/** True when `text` holds nothing {@link toVisibleText} would change. */
export function isVisibleText(text: string): boolean {
  return !ANY_UNSAFE_TEXT_CHARACTER.test(text)
}

/**
 * Returns JSON text with U+0085, U+2028 and U+2029 written as `\u` escapes. `JSON.stringify`
 * leaves them raw, and line-splitting readers (Python's `splitlines`, some log shippers) break a
 * JSON line at them. In valid JSON they can only stand inside strings, where the escape means
 * the same character, so the result parses to the same value.
 */
export function escapeJsonLineBreaks(json: string): string {
  return json.replace(/[\u0085\u2028\u2029]/g, (c) => `\\u${hex(c.charCodeAt(0), 4)}`)
}

function hex(code: number, width: number): string {
  return code.toString(16).padStart(width, '0')
}
