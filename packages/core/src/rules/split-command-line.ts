/** Outcome of {@link splitCommandLine}: the arguments, or why the line cannot be split. */
export type SplitCommandLineResult =
  | { readonly ok: true; readonly args: readonly string[] }
  | { readonly ok: false; readonly reason: string; readonly index: number }

/**
 * Splits a run-a-program command line into argv, with deliberately small quoting rules and no
 * shell (reference §8.3, §8.5):
 *
 * - spaces separate arguments, except inside double quotes;
 * - a double quote opens or closes a quoted part and is dropped; quoted and plain parts next to
 *   each other join into one argument (`a"b c"d` is `ab cd`), and `""` is an empty argument;
 * - inside quotes, `\"` is a literal double quote; every other backslash is literal, so Windows
 *   paths and UNC names need no doubling (end a quoted path without a trailing backslash);
 * - nothing else is special: no `$`, backticks, `;`, `|`, `&`, globbing or environment variables.
 *
 * Placeholders are not touched here: callers split first and expand inside each argument, so
 * message content can never add arguments. An unterminated quote is refused.
 */
export function splitCommandLine(commandLine: string): SplitCommandLineResult {
  const args: string[] = []
  let current = ''
  let inArgument = false
  let quoteStart = -1
  for (let i = 0; i < commandLine.length; i++) {
    const char = commandLine.charAt(i)
    if (quoteStart >= 0) {
      if (char === '\\' && commandLine.charAt(i + 1) === '"') {
        current += '"'
        i++
      } else if (char === '"') {
        quoteStart = -1
      } else {
        current += char
      }
    } else if (char === ' ') {
      if (inArgument) args.push(current)
      current = ''
      inArgument = false
    } else if (char === '"') {
      quoteStart = i
      inArgument = true
    } else {
      current += char
      inArgument = true
    }
  }
  if (quoteStart >= 0) {
    return {
      ok: false,
      reason: `the double quote at position ${quoteStart + 1} is never closed`,
      index: quoteStart,
    }
  }
  if (inArgument) args.push(current)
  return { ok: true, args }
}
