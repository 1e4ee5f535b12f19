/**
 * Event classes of the `Status` XML `Type` element (reference §3.1, §5.3) as data: which
 * module, message ID and severity each class raises, and how its properties map to insertion
 * strings (`%1`…`%10`) and attributes. Only classes whose message ID the reference gives are
 * listed; docs/codecs.md names the others.
 */
import type { MessageType, Severity } from '../enumerations.ts'

/** How one property of an event class lands in a status message. */
export interface EventClassProperty {
  readonly name: string
  /** 1-based insertion string slot (`%1` is 1); absent when the property is not shown. */
  readonly insertionString?: number
  /** Attribute ID the value is also indexed under. */
  readonly attribute?: number
}

/** One event class. */
export interface EventClass {
  readonly type: string
  readonly module: string
  readonly messageId: number
  readonly severity: Severity
  readonly messageType: MessageType
  /** Component the class always reports as; `undefined` takes it from the sender. */
  readonly component: string | undefined
  readonly properties: readonly EventClassProperty[]
  /** True when `Attribute<N>` properties set attribute N (the generic classes). */
  readonly attributeProperties: boolean
}

const GENERIC_PROPERTIES: readonly EventClassProperty[] = Array.from({ length: 10 }, (_, i) => ({
  name: `InsertionString${i + 1}`,
  insertionString: i + 1,
}))

/** Properties of the base class `SMS_SofwareDistribution_Event` (the misspelling is ConfigMgr's). */
const SOFTWARE_DISTRIBUTION_PROPERTIES: readonly EventClassProperty[] = [
  { name: 'AdvertisementId', insertionString: 1, attribute: 401 },
  { name: 'PackageName', insertionString: 4, attribute: 400 },
  { name: 'ProgramName', insertionString: 5 },
  { name: 'ClientID' },
]

/** `SoftDistProgramCompletedSuccessfullyEvent` fills these too; their slots are inferred from the names. */
const COMPLETED_PROPERTIES: readonly EventClassProperty[] = [
  ...SOFTWARE_DISTRIBUTION_PROPERTIES,
  ...[2, 3, 6, 7, 8].map((slot) => ({ name: `DummyString${slot}`, insertionString: slot })),
  { name: 'UserContext' },
]

function generic(type: string, messageId: number, severity: Severity): EventClass {
  return {
    type,
    module: 'SMS Provider',
    messageId,
    severity,
    messageType: 'milestone',
    component: undefined,
    properties: GENERIC_PROPERTIES,
    attributeProperties: true,
  }
}

function softwareDistribution(
  type: string,
  messageId: number,
  severity: Severity,
  properties: readonly EventClassProperty[] = SOFTWARE_DISTRIBUTION_PROPERTIES,
): EventClass {
  return {
    type,
    module: 'SMS Client',
    messageId,
    severity,
    messageType: 'milestone',
    component: 'Software Distribution',
    properties,
    attributeProperties: false,
  }
}

/** Every event class Sitrep maps. */
export const EVENT_CLASSES: readonly EventClass[] = [
  generic('SMS_GenericStatusMessage_Info', 39997, 'informational'),
  generic('SMS_GenericStatusMessage_Warning', 39998, 'warning'),
  generic('SMS_GenericStatusMessage_Error', 39999, 'error'),
  softwareDistribution('SoftDistProgramStartedEvent', 10005, 'informational'),
  softwareDistribution('SoftDistProgramErrorEvent', 10006, 'error'),
  softwareDistribution('SoftDistProgramErrorMIFEvent', 10007, 'error'),
  softwareDistribution(
    'SoftDistProgramCompletedSuccessfullyEvent',
    10008,
    'informational',
    COMPLETED_PROPERTIES,
  ),
  softwareDistribution('SoftDistProgramCompletedSuccessfulMIFEvent', 10009, 'informational'),
]

/** The event class names Sitrep maps, for error messages and docs. */
export const EVENT_CLASS_NAMES: readonly string[] = EVENT_CLASSES.map((c) => c.type)

/** Returns the event class named `type`, or `undefined`. */
export function eventClassByType(type: string): EventClass | undefined {
  return EVENT_CLASSES.find((c) => c.type === type)
}

/** Returns the event class that raises `module` + `messageId`, or `undefined`. */
export function eventClassForMessage(module: string, messageId: number): EventClass | undefined {
  return EVENT_CLASSES.find((c) => c.module === module && c.messageId === messageId)
}
