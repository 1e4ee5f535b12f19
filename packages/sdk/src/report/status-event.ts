/**
 * `StatusEvent`: the SMSEvent equivalent (reference §3.1). Pick an event class, set its
 * properties, then `submit()` (send now) or `submitPending()` (spool it; it is sent when the
 * MP can be reached). The message is built through the protocol's event class table, as a
 * `Status` XML document arriving at an MP would be.
 */
import type { EventClass, StatusMessage, StatusXmlProperty } from '@sitrep/protocol'
import { EVENT_CLASS_NAMES, eventClassByType, formatIssues, statusXmlToMessage } from '@sitrep/protocol'
import type { SitrepClient } from '../client.ts'
import { SitrepError, SitrepInvalidMessageError } from '../errors.ts'
import type { StatusResult } from '../transport/status-reply.ts'

/** Options of {@link StatusEvent}. */
export interface StatusEventOptions {
  /** Where the event goes; see `createSitrepClient`. */
  readonly client: SitrepClient
  /** Event class name, e.g. `SMS_GenericStatusMessage_Error`; can be set later with `eventType`. */
  readonly eventType?: string
  /** Component for classes that do not fix one (the generic ones). Default `Sitrep SDK`. */
  readonly component?: string
  /** Report to this site only; default: every site the client belongs to. */
  readonly siteCode?: string
}

/** Component of generic events when the caller names none. */
export const DEFAULT_EVENT_COMPONENT = 'Sitrep SDK'

const ATTRIBUTE_PROPERTY = /^Attribute(\d{1,10})$/

/**
 * A status event of one event class.
 *
 * @example
 * const event = new StatusEvent({ client, eventType: 'SMS_GenericStatusMessage_Warning', component: 'Backup' })
 * event.setProperty('InsertionString1', 'disk almost full')
 * event.setProperty('Attribute403', 'GenericMsg_SeeInsertionStrings')
 * await event.submitPending() // durable in the spool now
 */
export class StatusEvent {
  readonly #client: SitrepClient
  readonly #component: string
  readonly #siteCode: string | null
  #class: EventClass | undefined
  #properties = new Map<string, string>()

  constructor(options: StatusEventOptions) {
    this.#client = options.client
    this.#component = options.component ?? DEFAULT_EVENT_COMPONENT
    this.#siteCode = options.siteCode ?? null
    if (options.eventType !== undefined) this.eventType = options.eventType
  }

  /** The event class name; setting it clears the properties set so far. */
  get eventType(): string | undefined {
    return this.#class?.type
  }

  set eventType(type: string) {
    const eventClass = eventClassByType(type)
    if (eventClass === undefined) {
      throw new SitrepError(
        'invalid_argument',
        `${JSON.stringify(type)} is not an event class Sitrep maps; known: ${EVENT_CLASS_NAMES.join(', ')}`,
      )
    }
    this.#class = eventClass
    this.#properties = new Map()
  }

  /**
   * Sets one property of the event class. Refuses, naming the class's properties, a name the
   * class does not have; generic classes also take `Attribute<N>` (attribute ID N).
   */
  setProperty(name: string, value: string | number | boolean): this {
    const eventClass = this.#requireClass()
    const known = eventClass.properties.some((p) => p.name === name)
    if (!known && !(eventClass.attributeProperties && ATTRIBUTE_PROPERTY.test(name))) {
      const names = eventClass.properties.map((p) => p.name).join(', ')
      const extra = eventClass.attributeProperties ? ', Attribute<N>' : ''
      throw new SitrepError(
        'invalid_argument',
        `${JSON.stringify(name)} is not a property of ${eventClass.type}; it has ${names}${extra}`,
      )
    }
    this.#properties.set(name, String(value))
    return this
  }

  /** Builds the status message (new id, next sequence number, current time). */
  async toStatusMessage(): Promise<StatusMessage> {
    const eventClass = this.#requireClass()
    const client = this.#client
    const identity = await client.identity()
    // buildMessage supplies id, origin and sequence; the event class supplies the rest below.
    const base = await client.buildMessage({
      severity: eventClass.severity,
      messageId: eventClass.messageId,
      module: eventClass.module,
      component: eventClass.component ?? this.#component,
    })
    const properties: StatusXmlProperty[] = [...this.#properties].map(([name, value]) => ({ name, value }))
    const result = statusXmlToMessage(
      { schemaVersion: '1.0', type: eventClass.type, properties, qualifiers: [] },
      {
        id: base.id,
        origin: base.origin,
        sequence: base.sequence,
        machine: client.machine,
        siteCode: this.#siteCode,
        createdAt: base.createdAt,
        component: this.#component,
      },
    )
    if (!result.ok) {
      throw new SitrepInvalidMessageError(
        `${eventClass.type} event of client ${identity.registration?.clientId ?? '(unregistered)'} is not valid:\n${formatIssues(result.issues)}`,
        result.issues,
      )
    }
    return { ...result.value, processId: process.pid }
  }

  /** Sends the event now (SMSEvent `Submit`); resolves to the MP's verdict. */
  async submit(): Promise<StatusResult> {
    return this.#client.submit(await this.toStatusMessage())
  }

  /**
   * Stores the event in the durable spool (SMSEvent `SubmitPending`); resolves once it is on
   * disk. The spool sends it when the MP can be reached (`client.flush()`).
   */
  async submitPending(): Promise<void> {
    await this.#client.submitPending(await this.toStatusMessage())
  }

  #requireClass(): EventClass {
    if (this.#class === undefined) {
      throw new SitrepError('invalid_argument', 'set eventType before setting properties or submitting')
    }
    return this.#class
  }
}
