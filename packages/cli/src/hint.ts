/**
 * Hints for people, each said once: a hint the message already gives (the site's answers often
 * name `sitrep token` themselves) is not added again, and a field issue that only repeats the
 * summary before it is not listed a second time.
 */
/** The command named in a hint, e.g. `` `sitrep token` ``: when `message` names it already, it is left out. */
const COMMAND_IN_HINT = /`sitrep [a-z-]+`/

/**
 * `message` with ` (hint)` after it, unless `message` says it already: when it names the same
 * `sitrep …` command, the hint is given without it (or not at all when nothing else is left).
 */
export function withHint(message: string, hint: string): string {
  if (hint === '' || message.includes(hint)) return message
  const command = COMMAND_IN_HINT.exec(hint)?.[0]
  if (command === undefined || !message.includes(command)) return `${message} (${hint})`
  const rest = hint
    .replace(command, '')
    .replace(/[\s:;,]+$/, '')
    .trim()
  return rest === '' ? message : `${message} (${rest})`
}

/**
 * One line per field issue, indented, leaving out an issue whose text is the `summary` already
 * printed, and the field name where the issue's message starts with it.
 */
export function issueLines(
  summary: string,
  issues: readonly { readonly field: string; readonly message: string }[],
): string {
  return issues
    .map((issue) =>
      issue.message.startsWith(`${issue.field}:`) ? issue.message : `${issue.field}: ${issue.message}`,
    )
    .filter((line) => line !== summary)
    .map((line) => `\n  ${line}`)
    .join('')
}
