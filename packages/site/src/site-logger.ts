/**
 * The site's own log: pino, one JSON object per line on stderr. This is the log sink's one
 * escaping place.
 */
import { escapeJsonLineBreaks } from '@sitrep/protocol'
import { pino } from 'pino'
import type { DestinationStream, Logger } from 'pino'

/**
 * Creates the site's logger at `level`, writing to `destination` (default stderr). pino escapes
 * CR, LF and other C0 controls inside JSON strings but leaves NEL, LS and PS raw; the
 * `streamWrite` hook escapes those too, so a status message field logged by the site (always
 * under its own key) can never split a log line for a reader that breaks lines at them.
 */
export function createSiteLogger(
  level: string,
  destination: DestinationStream = pino.destination(2),
): Logger {
  return pino({ level, hooks: { streamWrite: escapeJsonLineBreaks } }, destination)
}
