/**
 * fast-check arbitraries for the protocol's values, shared by every property-based test. Text
 * covers all of Unicode that the parsers and XML accept, plus the characters escaping must
 * handle (`<`, `&`, `"`, `]]>`, CR); it leaves out what the parsers refuse (NUL, lone
 * surrogates) and what XML 1.0 cannot carry (other C0 controls, U+FFFE, U+FFFF).
 */
import fc from 'fast-check'
import {
  MESSAGE_TYPE_NAMES,
  ORIGIN_KINDS,
  REPORT_FUNCTION_NAMES,
  SEVERITY_NAMES,
} from '../src/enumerations.ts'
import { MAX_TIME_MS } from '../src/iso-time.ts'
import { LIMITS, RESERVED_SITE_CODES } from '../src/limits.ts'
import type { Origin, StatusMessage } from '../src/status-message.ts'
import type { StateMessage, StateMessageBody } from '../src/state/state-message.ts'
import { STATE_LIMITS } from '../src/state/state-message.ts'
import type { StatusXmlDocument } from '../src/codecs/status-xml.ts'
import type { StateReport } from '../src/codecs/state-report.ts'
import { REPORT_TYPES, STATE_REPORT_CONTENT } from '../src/codecs/state-report.ts'

const codePoint = fc.oneof(
  { weight: 6, arbitrary: fc.integer({ min: 0x20, max: 0x7e }) },
  { weight: 1, arbitrary: fc.integer({ min: 0x80, max: 0xd7ff }) },
  { weight: 1, arbitrary: fc.integer({ min: 0xe000, max: 0xfffd }) },
  { weight: 1, arbitrary: fc.integer({ min: 0x10000, max: 0x10ffff }) },
)
const textUnit = fc.oneof(
  { weight: 10, arbitrary: codePoint.map((cp) => String.fromCodePoint(cp)) },
  { weight: 2, arbitrary: fc.constantFrom('<', '>', '&', '"', "'", '\t', '\n', '\r', ' ') },
  { weight: 1, arbitrary: fc.constantFrom(']]>', '\r\n', '&amp;', '<![CDATA[', '&#x0;', '%1') },
)

/** Text of `minLength`–`maxLength` UTF-16 code units, safe for every parser and for XML. */
export function arbitraryText(options: { minLength?: number; maxLength: number }): fc.Arbitrary<string> {
  const { minLength = 0, maxLength } = options
  return fc
    .array(textUnit, { minLength, maxLength: Math.min(maxLength, 40) })
    .map((units) => truncate(units.join(''), maxLength))
    .filter((text) => text.length >= minLength)
}

function truncate(text: string, maxLength: number): string {
  if (text.length <= maxLength) return text
  const cut = text.slice(0, maxLength)
  // Never leave half of a surrogate pair at the end.
  return /[\uD800-\uDBFF]$/.test(cut) ? cut.slice(0, -1) : cut
}

/** A site code as the parser returns it: three upper-case letters or digits, not reserved. */
export function arbitrarySiteCode(): fc.Arbitrary<string> {
  return fc
    .stringMatching(/^[A-Z0-9]{3}$/)
    .filter((code) => !(RESERVED_SITE_CODES as readonly string[]).includes(code))
}

/** Epoch ms any Sitrep time field accepts. */
export function arbitraryTime(): fc.Arbitrary<number> {
  return fc.integer({ min: 0, max: MAX_TIME_MS })
}

/** An origin: a client or a site with a non-empty ID. */
export function arbitraryOrigin(): fc.Arbitrary<Origin> {
  return fc.record({
    kind: fc.constantFrom(...ORIGIN_KINDS),
    id: arbitraryText({ minLength: 1, maxLength: LIMITS.originIdMaxLength }),
  })
}

const uint32 = fc.integer({ min: 0, max: LIMITS.uint32Max })

/** A valid status message, exactly as `parseStatusMessage` would return it. */
export function arbitraryStatusMessage(): fc.Arbitrary<StatusMessage> {
  return fc.record({
    id: fc.uuid({ version: 7 }),
    origin: arbitraryOrigin(),
    sequence: fc.integer({ min: 1, max: LIMITS.sequenceMax }),
    severity: fc.constantFrom(...SEVERITY_NAMES),
    messageType: fc.constantFrom(...MESSAGE_TYPE_NAMES),
    messageId: fc.integer({ min: 0, max: LIMITS.messageIdMax }),
    module: arbitraryText({ minLength: 1, maxLength: LIMITS.moduleMaxLength }),
    component: arbitraryText({ minLength: 1, maxLength: LIMITS.componentMaxLength }),
    machine: arbitraryText({ minLength: 1, maxLength: LIMITS.machineMaxLength }),
    siteCode: fc.option(arbitrarySiteCode(), { nil: null }),
    topLevelSiteCode: fc.option(arbitrarySiteCode(), { nil: null }),
    processId: uint32,
    threadId: uint32,
    win32Error: uint32,
    createdAt: arbitraryTime(),
    perClient: fc.boolean(),
    reportFunction: fc.constantFrom(...REPORT_FUNCTION_NAMES),
    transaction: fc.boolean(),
    successfulTransaction: fc.boolean(),
    insertionStrings: fc.array(arbitraryText({ maxLength: LIMITS.insertionStringMaxLength }), {
      maxLength: LIMITS.insertionStringsMax,
    }),
    attributes: fc.array(
      fc.record({ id: uint32, value: arbitraryText({ maxLength: LIMITS.attributeValueMaxLength }) }),
      { maxLength: 12 },
    ),
  })
}

/** The ConfigMgr fields of a valid state message, as `parseStateMessageBody` returns them. */
export function arbitraryStateMessageBody(): fc.Arbitrary<StateMessageBody> {
  return fc.record(
    {
      messageTime: arbitraryTime(),
      serialNumber: fc.integer({ min: 0, max: STATE_LIMITS.serialNumberMax }),
      topic: fc.record({
        id: arbitraryText({ minLength: 1, maxLength: STATE_LIMITS.topicIdMaxLength }),
        type: uint32,
        idType: uint32,
        user: arbitraryText({ maxLength: STATE_LIMITS.userMaxLength }),
        userSid: arbitraryText({ maxLength: STATE_LIMITS.userSidMaxLength }),
      }),
      state: fc.record({ id: uint32, criticality: uint32 }),
      details: fc.record({ type: uint32, text: arbitraryText({ maxLength: 400 }) }),
      userParameters: fc.record({
        flags: uint32,
        params: fc.array(arbitraryText({ maxLength: STATE_LIMITS.paramMaxLength }), { maxLength: 8 }),
      }),
    },
    { requiredKeys: ['messageTime', 'serialNumber', 'topic', 'state', 'userParameters'] },
  )
}

/** A valid state message with Sitrep's delivery fields. */
export function arbitraryStateMessage(): fc.Arbitrary<StateMessage> {
  return fc
    .tuple(fc.uuid({ version: 7 }), arbitraryOrigin(), arbitraryStateMessageBody())
    .map(([id, origin, body]) => ({ id, origin, ...body }))
}

const xmlName = fc.stringMatching(/^[A-Za-z][A-Za-z0-9]{0,11}$/)

/** A `Status` XML document with any type name, properties and qualifiers. */
export function arbitraryStatusXmlDocument(): fc.Arbitrary<StatusXmlDocument> {
  return fc.record(
    {
      schemaVersion: arbitraryText({ maxLength: 8 }),
      codePage: uint32,
      localeId: arbitraryText({ maxLength: 12 }),
      type: fc.stringMatching(/^[A-Za-z_][A-Za-z0-9_]{0,40}$/),
      properties: fc.array(
        fc.record({
          name: arbitraryText({ minLength: 1, maxLength: 30 }),
          value: arbitraryText({ maxLength: 255 }),
        }),
        { maxLength: 12 },
      ),
      qualifiers: fc.array(
        fc.record({
          attributes: fc.dictionary(xmlName, arbitraryText({ maxLength: 30 }), { maxKeys: 3 }),
          text: arbitraryText({ maxLength: 60 }),
        }),
        { maxLength: 4 },
      ),
    },
    { requiredKeys: ['schemaVersion', 'type', 'properties', 'qualifiers'] },
  )
}

/** A state report with a valid header and up to five state messages. */
export function arbitraryStateReport(): fc.Arbitrary<StateReport> {
  return fc.record({
    header: fc.record({
      clientId: arbitraryText({ minLength: 1, maxLength: 128 }),
      netBiosName: arbitraryText({ minLength: 1, maxLength: 255 }),
      clientVersion: arbitraryText({ maxLength: 64 }),
      codePage: uint32,
      systemDefaultLcid: uint32,
      priority: fc.option(uint32, { nil: null }),
      reportContent: fc.constant(STATE_REPORT_CONTENT),
      reportType: fc.constantFrom(...REPORT_TYPES),
      date: arbitraryTime(),
      version: arbitraryText({ minLength: 1, maxLength: 64 }),
      format: arbitraryText({ minLength: 1, maxLength: 64 }),
    }),
    stateMessages: fc.array(arbitraryStateMessageBody(), { maxLength: 5 }),
  })
}
