/** Query parameters as the console passes them; the contract's helper builds the string. */
import type { QueryValue } from '@sitrep/api'

/** Query parameters: arrays repeat the name; `undefined`, `null` and `''` are left out. */
export type QueryParams = Readonly<Record<string, QueryValue>>
