/**
 * Text an attacker puts in a status message to forge log records: every kind of line break,
 * C0/C1 controls, terminal escapes, syslog `<PRI>` headers, RFC 6587 octet counts, journald
 * `FIELD=` lines, structured-data brackets and quotes, bidi overrides and spreadsheet formulas.
 * Property tests mix these with arbitrary Unicode; the end-to-end tests send the samples.
 */
import fc from 'fast-check'

/** Concrete hostile texts, one per trick. */
export const HOSTILE_SAMPLES = [
  'line one\nline two',
  'carriage\rreturn',
  'crlf\r\n<13>1 2026-12-01T00:00:00Z forged-host sitrep - 4609 - forged by CRLF',
  'next line\u0085<14>1 - forged - - - - NEL',
  'line separator\u2028paragraph separator\u2029',
  '\u001b[2J\u001b[1;31mscreen cleared\u001b[0m\u001b]0;title\u0007',
  'C1 CSI \u009b31m and DEL \u007f and NUL-free controls \u0001\u0008\u000b\u000c\u001c\u001d\u001e',
  '<165>1 2026-12-01T00:00:00Z forged-host forged-app 1 ID47 [x@1 a="b"] a PRI header',
  '27 <13>1 - - - - - - framed\n33 <13>1 - - - - - - octet counted',
  'MESSAGE=forged\nPRIORITY=0\nSYSLOG_IDENTIFIER=sshd',
  '_SYSTEMD_UNIT=sshd.service',
  'sd breakers " ] \\ [sitrep@32473 siteCode="XXX"]',
  '=HYPERLINK("http://example.invalid","click")',
  "+cmd|' /C calc'!A0",
  '-2+3',
  '@SUM(A1:A9)',
  '\ttab first',
  'bidi \u202egnp.exe\u202c and isolate \u2066x\u2069',
  '\ufeffbyte order mark',
] as const

const FRAGMENTS = [
  '\r',
  '\n',
  '\r\n',
  '\u0085',
  '\u2028',
  '\u2029',
  '\u000b',
  '\u000c',
  '\u001b[31m',
  '\u009b',
  '\u007f',
  '<13>1 ',
  '<0>',
  '42 ',
  'PRIORITY=0',
  'MESSAGE=',
  '"',
  ']',
  '[',
  '\\',
  '=',
  '+',
  '-',
  '@',
  '\u202e',
  '\ufeff',
  ',',
] as const

/** Any text: hostile fragments between runs of arbitrary Unicode (all planes, all controls). */
export function arbitraryHostileText(maxParts = 8): fc.Arbitrary<string> {
  return fc
    .array(
      fc.oneof(
        fc.constantFrom(...FRAGMENTS),
        fc.constantFrom(...HOSTILE_SAMPLES),
        fc.string({ unit: 'binary', maxLength: 8 }),
      ),
      { maxLength: maxParts },
    )
    .map((parts) => parts.join(''))
}
