import type { Severity } from '@sitrep/protocol'

/** The components that raise summarizer messages into the site's own stream (module `SMS Server`). */
export const SUMMARIZER_COMPONENTS = [
  'SMS_COMPONENT_STATUS_SUMMARIZER',
  'SMS_SITE_SYSTEM_STATUS_SUMMARIZER',
] as const
export type SummarizerComponent = (typeof SUMMARIZER_COMPONENTS)[number]

/**
 * A status message a summarizer wants raised, as a plain value: the site fills in the envelope
 * (ID, origin, sequence, machine, time, module `SMS Server`) and sends it through its pipeline.
 */
export interface SummarizerMessage {
  readonly component: SummarizerComponent
  readonly messageId: number
  readonly severity: Severity
  readonly insertionStrings: readonly string[]
}

/**
 * Severity of every message the summarizers raise, copied from the `SMS Server` catalogue
 * (`catalogue/sms-server/messages.json`); a test keeps the two equal. 4609–4611 are
 * Informational there even though they announce Warning and Critical (reference §14 [?]).
 */
export const SUMMARIZER_MESSAGE_SEVERITIES: Readonly<Record<number, Severity>> = Object.freeze({
  4603: 'error',
  4604: 'error',
  4605: 'error',
  4606: 'warning',
  4607: 'warning',
  4608: 'warning',
  4609: 'informational',
  4610: 'informational',
  4611: 'informational',
  4612: 'warning',
  4614: 'informational',
  4615: 'informational',
  4616: 'informational',
  4617: 'informational',
  4618: 'informational',
  4619: 'informational',
  4620: 'informational',
  4621: 'informational',
  4622: 'informational',
  4623: 'informational',
  4624: 'informational',
  4625: 'informational',
  4626: 'informational',
  4627: 'informational',
  4628: 'informational',
  4700: 'error',
  4701: 'error',
  4702: 'informational',
  4703: 'error',
  4704: 'error',
  4705: 'informational',
  4706: 'error',
  4707: 'error',
  4708: 'informational',
  4709: 'informational',
  4710: 'warning',
  4711: 'error',
  4712: 'informational',
  4713: 'warning',
  4714: 'error',
  4715: 'informational',
  4716: 'warning',
  4717: 'error',
  4718: 'warning',
  4719: 'warning',
})

/** Builds a summarizer message with the catalogue's severity for its ID. */
export function summarizerMessage(
  component: SummarizerComponent,
  messageId: number,
  insertionStrings: readonly string[],
): SummarizerMessage {
  const severity = SUMMARIZER_MESSAGE_SEVERITIES[messageId]
  // Only this package calls it, with IDs from the table above: a miss is a bug here.
  if (severity === undefined) throw new RangeError(`summarizer message ${messageId} has no severity`)
  return { component, messageId, severity, insertionStrings }
}
