/**
 * The log of the sites a test runs, kept in memory: the test passes `log.logger` to the site and
 * fails when the site logged an error the test did not declare with `expectError`.
 */
import { pino } from 'pino'
import type { Logger } from 'pino'

/** pino's numeric level of `error`; `fatal` (60) is above it. */
const ERROR_LEVEL = 50

/** One line a site logged, parsed. */
export interface SiteLogLine {
  readonly level: number
  readonly msg: string
  readonly line: string
}

/** The collected log of a test's sites. */
export interface SiteLog {
  /** A logger to hand to a site (`startSite(config, { logger })`, deps' `logger`). */
  readonly logger: Logger
  /** Every line at warning level or above, in order. */
  lines(): readonly SiteLogLine[]
  /** Declares an error line the test provokes on purpose (matched against the whole JSON line). */
  expectError(pattern: RegExp): void
  /** The error-level lines that no `expectError` pattern matches. */
  unexpectedErrors(): readonly SiteLogLine[]
  /** Throws, quoting them, when there are unexpected error lines. */
  assertNoUnexpectedErrors(): void
}

/** Creates a collector; `name` (e.g. the site code) is bound to every line. */
export function createSiteLog(name = 'site'): SiteLog {
  const lines: SiteLogLine[] = []
  const expected: RegExp[] = []
  const logger = pino(
    { level: 'warn', base: { site: name } },
    {
      write(line: string) {
        // pino writes one JSON object per line; the fields read are checked below.
        const parsed = JSON.parse(line) as { level?: unknown; msg?: unknown }
        lines.push({
          level: typeof parsed.level === 'number' ? parsed.level : 0,
          msg: typeof parsed.msg === 'string' ? parsed.msg : '',
          line: line.trimEnd(),
        })
      },
    },
  )
  const unexpectedErrors = () =>
    lines.filter((l) => l.level >= ERROR_LEVEL && !expected.some((pattern) => pattern.test(l.line)))
  return {
    logger,
    lines: () => lines,
    expectError(pattern) {
      expected.push(pattern)
    },
    unexpectedErrors,
    assertNoUnexpectedErrors() {
      const found = unexpectedErrors()
      if (found.length > 0) {
        throw new Error(
          `the site logged ${found.length} error line(s) the test did not expect ` +
            `(declare deliberate ones with expectError):\n${found.map((l) => l.line).join('\n')}`,
        )
      }
    },
  }
}
