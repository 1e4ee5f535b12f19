/**
 * The three-call API, equivalent to SMSCSTAT.DLL (reference §3.2): create a message, add
 * attributes, report it. Every call returns an SMSCSTAT code, produced by the same field checks
 * the protocol's parser runs, so the limits exist once. Create → 0,1,2,6,10;
 * AddAttribute → 0,1,7,8,10; Report → 0,1,3,4,5,9,10.
 */
import type {
  Catalogue,
  FieldIssue,
  MessageType,
  Severity,
  SmscstatCode,
  StatusAttribute,
} from '@sitrep/protocol'
import {
  checkAttributeCount,
  checkAttributeValue,
  checkComponentName,
  checkInsertionString,
  checkInsertionStringCount,
  checkModuleName,
  checkSiteCode,
  createCatalogue,
  LIMITS,
  lookupMessage,
  SMSCSTAT,
  severityFromValue,
} from '@sitrep/protocol'
import type { SitrepClient } from '../client.ts'
import { isRetryableError, SitrepAuthError, SitrepError, SitrepInvalidMessageError } from '../errors.ts'

/** An open status message; pass it to `addAttribute` and `reportStatusMessage`, which frees it. */
export interface StatusMessageHandle {
  readonly __brand: 'StatusMessageHandle'
}

/** Arguments of `createStatusMessage` (`CreateSMSStatusMessage`). */
export interface CreateStatusMessageInput {
  readonly module: string
  /**
   * The message ID, 0–65535; or a full 32-bit message-compiler ID whose top two bits carry the
   * severity (`0xC000_9C3F` is error 39999), as SMSCSTAT takes it.
   */
  readonly messageId: number
  readonly win32Error?: number
  /** `%1`…`%10`; `null`/`undefined` for unused slots. */
  readonly insertionStrings?: readonly (string | null | undefined)[]
  /**
   * Severity when neither the catalogue (module + ID) nor the ID's top bits give one. The
   * catalogue wins, then the ID bits, then this, then `informational`.
   */
  readonly severity?: Severity
  readonly messageType?: MessageType
}

/** Outcome of `createStatusMessage`: a handle with code 0, or the failure code. */
export type CreateStatusMessageResult =
  | { readonly code: 0; readonly handle: StatusMessageHandle }
  | { readonly code: 1 | 2 | 6 | 10; readonly handle?: undefined }

/** Arguments of `reportStatusMessage` (`ReportSMSStatusMessage`). */
export interface ReportStatusMessageInput {
  readonly component: string
  /** `null`/absent: every site the client belongs to. */
  readonly siteCode?: string | null
  /** `null`/absent: may replicate to the top of the hierarchy. */
  readonly topLevelSiteCode?: string | null
}

/** The three calls, bound to one client. */
export interface StatusMessageApi {
  createStatusMessage(input: CreateStatusMessageInput): CreateStatusMessageResult
  addAttribute(
    handle: StatusMessageHandle,
    attributeId: number,
    value: string | null | undefined,
  ): 0 | 1 | 7 | 8 | 10
  reportStatusMessage(
    handle: StatusMessageHandle,
    input: ReportStatusMessageInput,
  ): Promise<0 | 1 | 3 | 4 | 5 | 9 | 10>
  /** Why the last call did not return 0 (the failing field, or the delivery error); `GetLastError`. */
  lastError(): FieldIssue | Error | undefined
}

/** Options of {@link createStatusMessageApi}. */
export interface StatusMessageApiOptions {
  /** The reporting client; without one (or without its target), Report answers 9. */
  readonly client?: SitrepClient
  /** Where severities of known messages come from; default the built-in catalogue. */
  readonly catalogue?: Catalogue
}

interface OpenMessage {
  readonly module: string
  readonly messageId: number
  readonly severity: Severity
  readonly messageType: MessageType
  readonly win32Error: number
  readonly insertionStrings: readonly string[]
  readonly attributes: StatusAttribute[]
  /** SMSCSTAT takes the time at Create. */
  readonly createdAt: number
}

/**
 * Creates the three-call API over a client. `reportStatusMessage` sends the message now and,
 * when the MP cannot be reached (or cannot take it yet), commits it to the spool instead; both
 * answer 0. A message the MP rejects answers 10.
 *
 * @example
 * const api = createStatusMessageApi({ client })
 * const created = api.createStatusMessage({ module: 'Contoso Backup', messageId: 1001, insertionStrings: ['C:'] })
 * if (created.code !== 0) throw new Error(`create failed: ${created.code}`)
 * api.addAttribute(created.handle, 400, 'PS100001')
 * const code = await api.reportStatusMessage(created.handle, { component: 'Backup Agent' })
 */
export function createStatusMessageApi(options: StatusMessageApiOptions = {}): StatusMessageApi {
  const { client } = options
  const catalogue = options.catalogue ?? createCatalogue()
  const clock = client?.clock ?? Date.now
  const open = new Map<StatusMessageHandle, OpenMessage>()
  let last: FieldIssue | Error | undefined

  const fail = <C extends SmscstatCode>(code: C, why: FieldIssue | Error): C => {
    last = why
    return code
  }
  const failIssue = <C extends SmscstatCode>(issue: FieldIssue, allowed: readonly C[]): C => {
    // Each check names its SMSCSTAT code; one this call cannot return becomes 10 (unknown).
    const code = (allowed as readonly SmscstatCode[]).includes(issue.smscstat)
      ? issue.smscstat
      : SMSCSTAT.unknown
    last = issue
    // `code` is either one of `allowed` or 10, and every call's allowed list holds 10.
    return code as C
  }

  return {
    createStatusMessage(input) {
      try {
        const moduleIssue = checkModuleName(input.module)
        if (moduleIssue !== undefined) return { code: failIssue(moduleIssue, [2, 10] as const) }
        const strings = input.insertionStrings ?? []
        const countIssue = checkInsertionStringCount(strings.length)
        if (countIssue !== undefined) return { code: failIssue(countIssue, [6, 10] as const) }
        for (const [i, value] of strings.entries()) {
          const issue = value === null || value === undefined ? undefined : checkInsertionString(value, i)
          if (issue !== undefined) return { code: failIssue(issue, [6, 10] as const) }
        }
        const id = splitMessageId(input.messageId)
        if (id === undefined) {
          return {
            code: fail(
              10,
              new SitrepError(
                'invalid_argument',
                `messageId ${input.messageId} is not 0-65535 or a 32-bit ID`,
              ),
            ),
          }
        }
        const known = lookupMessage(catalogue, input.module, id.messageId)
        const handle: StatusMessageHandle = Object.freeze({ __brand: 'StatusMessageHandle' as const })
        open.set(handle, {
          module: input.module,
          messageId: id.messageId,
          severity: known?.severity ?? id.severity ?? input.severity ?? 'informational',
          messageType: input.messageType ?? known?.messageType ?? 'milestone',
          win32Error: input.win32Error ?? 0,
          insertionStrings: usedSlots(strings),
          attributes: [],
          createdAt: clock(),
        })
        last = undefined
        return { code: 0, handle }
      } catch (error) {
        return { code: unexpected(error, fail) }
      }
    },

    addAttribute(handle, attributeId, value) {
      try {
        const message = open.get(handle)
        if (message === undefined) {
          return fail(10, new SitrepError('invalid_argument', 'the handle is not open (already reported?)'))
        }
        if (!Number.isInteger(attributeId) || attributeId < 0 || attributeId > LIMITS.uint32Max) {
          return fail(10, new SitrepError('invalid_argument', `attribute ID ${attributeId} is not a UInt32`))
        }
        const index = message.attributes.length
        const valueIssue = checkAttributeValue(value, index)
        if (valueIssue !== undefined) return failIssue(valueIssue, [7, 10] as const)
        const countIssue = checkAttributeCount(index + 1)
        if (countIssue !== undefined) return failIssue(countIssue, [8, 10] as const)
        // checkAttributeValue refused null and non-strings above.
        message.attributes.push({ id: attributeId, value: value as string })
        last = undefined
        return 0
      } catch (error) {
        return unexpected(error, fail)
      }
    },

    async reportStatusMessage(handle, input) {
      const message = open.get(handle)
      // Like ReportSMSStatusMessage, the handle is freed whatever happens next.
      open.delete(handle)
      try {
        if (message === undefined) {
          return fail(10, new SitrepError('invalid_argument', 'the handle is not open (already reported?)'))
        }
        const siteIssue = checkSiteCode(input.siteCode ?? null, {
          field: 'siteCode',
          smscstat: SMSCSTAT.invalidSiteCode,
          nullable: true,
        })
        if (siteIssue !== undefined) return failIssue(siteIssue, [3, 10] as const)
        const topIssue = checkSiteCode(input.topLevelSiteCode ?? null, {
          field: 'topLevelSiteCode',
          smscstat: SMSCSTAT.invalidTopLevelSiteCode,
          nullable: true,
        })
        if (topIssue !== undefined) return failIssue(topIssue, [4, 10] as const)
        const componentIssue = checkComponentName(input.component)
        if (componentIssue !== undefined) return failIssue(componentIssue, [5, 10] as const)
        if (client?.target === undefined) {
          return fail(
            9,
            new SitrepError(
              'invalid_argument',
              'no management point or local agent is configured; this is not a Sitrep client',
            ),
          )
        }
        const built = await client.buildMessage({
          severity: message.severity,
          messageType: message.messageType,
          messageId: message.messageId,
          module: message.module,
          component: input.component,
          insertionStrings: message.insertionStrings,
          attributes: message.attributes,
          win32Error: message.win32Error,
          siteCode: input.siteCode ?? null,
          topLevelSiteCode: input.topLevelSiteCode ?? null,
          createdAt: message.createdAt,
        })
        try {
          const result = await client.submit(built)
          if (result.status === 'rejected') {
            return fail(
              10,
              new SitrepInvalidMessageError('the management point rejected the message', result.issues),
            )
          }
        } catch (error) {
          // Not reachable, or not able to take it yet: the spool commits it and sends it later.
          if (!isRetryableError(error) && !(error instanceof SitrepAuthError) && !isNotRegistered(error))
            throw error
          await client.submitPending(built)
        }
        last = undefined
        return 0
      } catch (error) {
        if (error instanceof SitrepInvalidMessageError) {
          const first = error.issues[0]
          return first === undefined ? fail(10, error) : failIssue(first, [3, 4, 5, 10] as const)
        }
        return unexpected(error, fail)
      }
    },

    lastError: () => last,
  }
}

function isNotRegistered(error: unknown): boolean {
  return error instanceof SitrepError && error.code === 'not_registered'
}

/** Maps an unexpected failure: allocation failures are SMSCSTAT 1, anything else 10. */
function unexpected<C extends 1 | 10>(error: unknown, fail: (code: C, why: Error) => C): C {
  const why = error instanceof Error ? error : new Error(String(error))
  // RangeError is what V8 throws when an allocation is refused ("Invalid array length", …).
  return fail((error instanceof RangeError ? 1 : 10) as C, why)
}

/** Splits a 16-bit ID or a 32-bit message-compiler ID into ID and (for the latter) severity. */
function splitMessageId(value: number): { messageId: number; severity: Severity | undefined } | undefined {
  if (!Number.isInteger(value) || value < 0 || value > LIMITS.uint32Max) return undefined
  if (value <= LIMITS.messageIdMax) return { messageId: value, severity: undefined }
  // Win32 severity bits 31-30: 00 success and 01 informational both read as informational.
  const bits = (value >>> 30) & 0b11
  const severity = bits === 0 ? 'informational' : severityFromValue(bits * 0x40000000)
  return { messageId: value & 0xffff, severity }
}

/** Unused trailing slots (NULL in SMSCSTAT) are dropped; an unused slot between two is empty. */
function usedSlots(strings: readonly (string | null | undefined)[]): string[] {
  let end = strings.length
  while (end > 0 && (strings[end - 1] === null || strings[end - 1] === undefined)) end -= 1
  return strings.slice(0, end).map((s) => s ?? '')
}
