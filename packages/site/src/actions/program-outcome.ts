import type { Severity } from '@sitrep/protocol'

/**
 * How one run of a rule's program ended. `refused` runs never started (invalid argv or a full
 * queue); `could_not_start` runs failed in spawn (ENOENT, EACCES).
 */
export type ProgramOutcome =
  | { readonly kind: 'succeeded'; readonly exitCode: 0; readonly durationMs: number }
  | {
      readonly kind: 'failed'
      /** `null` when a signal ended the process. */
      readonly exitCode: number | null
      readonly signal: NodeJS.Signals | null
      /** The last bytes of stderr (or of stdout when stderr was empty), at most `maxOutputBytes`. */
      readonly stderrTail: string
      readonly durationMs: number
    }
  | { readonly kind: 'could_not_start'; readonly error: string }
  | { readonly kind: 'timed_out'; readonly durationMs: number }
  | { readonly kind: 'refused'; readonly reason: string }

/** A Status Manager message to raise about a program run. */
export interface ProgramStatusMessage {
  readonly messageId: 1210 | 1211 | 1212
  readonly severity: Severity
  /** `%1` the command line, `%2` the exit code or error text. */
  readonly insertionStrings: readonly [string, string]
}

/** Insertion strings hold at most 255 characters (reference §2.3). */
const INSERTION_STRING_MAX = 255

/**
 * Returns the Status Manager message a program outcome calls for (reference §8.5), or `null`
 * when the program succeeded: 1210 (warning) when the program line was refused, 1211 (error)
 * when it could not be started, 1212 (error) when it failed or timed out. 1210 is a warning
 * because the rule is at fault and the site works on; the admin fixes the rule.
 */
export function programOutcomeToStatusMessage(
  outcome: ProgramOutcome,
  argv: readonly string[],
): ProgramStatusMessage | null {
  const commandLine = clip(formatCommandLine(argv))
  switch (outcome.kind) {
    case 'succeeded':
      return null
    case 'refused':
      return { messageId: 1210, severity: 'warning', insertionStrings: [commandLine, clip(outcome.reason)] }
    case 'could_not_start':
      return { messageId: 1211, severity: 'error', insertionStrings: [commandLine, clip(outcome.error)] }
    case 'timed_out':
      return {
        messageId: 1212,
        severity: 'error',
        insertionStrings: [commandLine, `timed out after ${outcome.durationMs} ms and was stopped`],
      }
    case 'failed': {
      const status =
        outcome.exitCode !== null ? `exit code ${outcome.exitCode}` : `signal ${outcome.signal ?? 'unknown'}`
      const tail = outcome.stderrTail.trim()
      return {
        messageId: 1212,
        severity: 'error',
        insertionStrings: [commandLine, clip(tail === '' ? status : `${status}: ${tail}`)],
      }
    }
  }
}

/**
 * Shows an argv as one line for people: arguments with spaces or quotes are double-quoted. It is
 * for messages only, never run: the runner spawns the argv itself.
 */
export function formatCommandLine(argv: readonly string[]): string {
  return argv
    .map((arg) => (arg === '' || /[\s"]/.test(arg) ? `"${arg.replaceAll('"', '\\"')}"` : arg))
    .join(' ')
}

function clip(text: string): string {
  return text.length <= INSERTION_STRING_MAX ? text : `${text.slice(0, INSERTION_STRING_MAX - 1)}…`
}
