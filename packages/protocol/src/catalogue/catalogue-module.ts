/** One module's catalogue and its message definitions, as parsed and checked. */
import type { MessageType, Severity } from '../enumerations.ts'

/** One message of a module's catalogue: what it means and its template in each locale. */
export interface MessageDefinition {
  /** The module name as the catalogue spells it. */
  readonly module: string
  readonly messageId: number
  /** Short symbolic name, e.g. `COMPONENT_STARTED`. */
  readonly name: string
  readonly severity: Severity
  readonly messageType: MessageType
  /** Components known to raise it; empty when any component may (or the source does not say). */
  readonly components: readonly string[]
  /** Template per normalized locale (`en`, `de`, `de-at`); `en` is always present. */
  readonly templates: ReadonlyMap<string, string>
}

/** One module's catalogue, parsed and checked. */
export interface CatalogueModule {
  readonly module: string
  readonly messages: ReadonlyMap<number, MessageDefinition>
  /** Locales the module has templates for, `en` first. */
  readonly locales: readonly string[]
}
