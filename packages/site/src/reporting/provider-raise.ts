/**
 * The provider endpoint's requests as the site reporter's inputs: a generic raise becomes
 * `SMS Provider` 39997–39999 with its text in %1 and %2, a raw raise keeps its module and ID and
 * takes its severity from the catalogue when the caller gives none. Pure: no I/O.
 */
import type { RaiseItem } from '@sitrep/api'
import { parseIsoTime } from '@sitrep/protocol'
import type { Severity } from '@sitrep/protocol'
import type { RaiseInput } from './site-reporter.ts'
import { GENERIC_MESSAGE_IDS, GENERIC_MODULE, splitGenericText } from './site-reporter.ts'

/** Module of the generic messages. */
export const PROVIDER_MODULE = GENERIC_MODULE
/** Component of a generic message raised without one. */
export const DEFAULT_PROVIDER_COMPONENT = 'Sitrep'

/** A request turned into a reporter input, or why it cannot be raised. */
export type ProviderRaise =
  | { readonly ok: true; readonly input: RaiseInput }
  | { readonly ok: false; readonly code: 'message_invalid'; readonly message: string }

/**
 * Turns one validated raise request into the reporter's input.
 *
 * @example
 * toRaiseInput({ kind: 'warning', text: 'Disk D: is nearly full' }, () => undefined)
 * // { ok: true, input: { module: 'SMS Provider', messageId: 39998, severity: 'warning', … } }
 */
export function toRaiseInput(
  item: RaiseItem,
  severityOf: (module: string, messageId: number) => Severity | undefined,
): ProviderRaise {
  const time = item.time === undefined ? undefined : parseIsoTime(item.time)
  if (item.time !== undefined && time === undefined) {
    return {
      ok: false,
      code: 'message_invalid',
      message: `time ${JSON.stringify(item.time.slice(0, 40))} is not an ISO 8601 time with an offset, e.g. 2026-12-07T08:00:00Z`,
    }
  }
  const common = {
    messageType: item.messageType ?? 'milestone',
    ...(item.machine === undefined ? {} : { machine: item.machine }),
    ...(item.processId === undefined ? {} : { processId: item.processId }),
    ...(item.threadId === undefined ? {} : { threadId: item.threadId }),
    ...(item.win32Error === undefined ? {} : { win32Error: item.win32Error }),
    ...(time === undefined ? {} : { time }),
    ...(item.attributes === undefined ? {} : { attributes: item.attributes }),
  } as const
  if (item.kind !== 'raw') {
    return {
      ok: true,
      input: {
        ...common,
        module: PROVIDER_MODULE,
        component: item.component ?? DEFAULT_PROVIDER_COMPONENT,
        messageId: GENERIC_MESSAGE_IDS[item.kind],
        severity: item.kind,
        insertionStrings: splitGenericText(item.text),
      },
    }
  }
  const severity = item.severity ?? severityOf(item.module, item.messageId)
  if (severity === undefined) {
    return {
      ok: false,
      code: 'message_invalid',
      message: `message ${item.messageId} of module "${item.module}" is not in the catalogue, so its severity is unknown; pass a severity`,
    }
  }
  return {
    ok: true,
    input: {
      ...common,
      module: item.module,
      component: item.component ?? item.module,
      messageId: item.messageId,
      severity,
      insertionStrings: item.insertionStrings ?? [],
    },
  }
}
