/**
 * One CSV cell of an export, safe to open in a spreadsheet and to read line by line. This is
 * the CSV export's one escaping place for untrusted text.
 */
import { toVisibleText } from '@sitrep/protocol'

/** A cell starting with one of these is read as a formula by Excel, LibreOffice and Sheets. */
const FORMULA_START = /^[=+\-@]/

/**
 * Returns `value` as a CSV cell: line breaks and other control characters as visible escapes
 * (`toVisibleText`), so every record is exactly one line; a leading `=`, `+`, `-` or `@`
 * neutralized with a `'` in front, so a spreadsheet shows the text instead of running it as a
 * formula; and the cell quoted (quotes doubled, RFC 4180) when it holds a comma or a quote.
 */
export function csvCell(value: string): string {
  const visible = toVisibleText(value)
  const text = FORMULA_START.test(visible) ? `'${visible}` : visible
  return /[",]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text
}
