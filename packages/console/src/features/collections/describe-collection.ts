/** Words for a collection's rules, and the collection form's values and body. Pure. */
import type { CollectionDefinition, CollectionRule } from '@sitrep/protocol'
import type { CollectionInput } from './queries.ts'

/** A query rule in words: its fields joined by "and", the values of one field by "or". */
export function describeRule(rule: CollectionRule): string {
  const parts: string[] = []
  if (rule.platforms !== undefined) parts.push(`platform ${rule.platforms.join(' or ')}`)
  if (rule.linuxFamilies !== undefined) parts.push(`Linux family ${rule.linuxFamilies.join(' or ')}`)
  if (rule.architectures !== undefined) parts.push(`architecture ${rule.architectures.join(' or ')}`)
  if (rule.osVersionAtLeast !== undefined) parts.push(`OS version at least ${rule.osVersionAtLeast}`)
  if (rule.namePatterns !== undefined) parts.push(`name like ${rule.namePatterns.join(' or ')}`)
  if (rule.siteCodes !== undefined) parts.push(`site ${rule.siteCodes.join(' or ')}`)
  return parts.length === 0 ? 'every client' : parts.join(' and ')
}

/** A rule as form fields: lists as comma-separated text. */
export interface RuleDraft {
  readonly name: string
  readonly platforms: readonly string[]
  readonly linuxFamilies: readonly string[]
  readonly architectures: readonly string[]
  readonly osVersionAtLeast: string
  readonly namePatterns: string
  readonly siteCodes: string
}

export interface CollectionDraft {
  readonly name: string
  readonly description: string
  /** One client ID or machine name per line. */
  readonly staticMembers: string
  readonly rules: readonly RuleDraft[]
  readonly include: readonly string[]
  readonly exclude: readonly string[]
  /** Kept as they are: the console does not edit maintenance windows yet. */
  readonly maintenanceWindows: CollectionDefinition['maintenanceWindows']
}

export const EMPTY_RULE: RuleDraft = {
  name: '',
  platforms: [],
  linuxFamilies: [],
  architectures: [],
  osVersionAtLeast: '',
  namePatterns: '',
  siteCodes: '',
}

export const EMPTY_COLLECTION: CollectionDraft = {
  name: '',
  description: '',
  staticMembers: '',
  rules: [],
  include: [],
  exclude: [],
  maintenanceWindows: [],
}

const list = (text: string): string[] =>
  text
    .split(/[,\n]/)
    .map((s) => s.trim())
    .filter((s) => s !== '')

/** The form's values for a stored definition. */
export function collectionDraft(d: CollectionDefinition): CollectionDraft {
  return {
    name: d.name,
    description: d.description,
    staticMembers: d.staticMembers.join('\n'),
    rules: d.rules.map((r) => ({
      name: r.name,
      platforms: r.platforms ?? [],
      linuxFamilies: r.linuxFamilies ?? [],
      architectures: r.architectures ?? [],
      osVersionAtLeast: r.osVersionAtLeast ?? '',
      namePatterns: (r.namePatterns ?? []).join(', '),
      siteCodes: (r.siteCodes ?? []).join(', '),
    })),
    include: d.include,
    exclude: d.exclude,
    maintenanceWindows: d.maintenanceWindows,
  }
}

/** The body of `POST`/`PUT /api/v1/collections`; empty rule fields are left out (they match anything). */
export function collectionBody(draft: CollectionDraft): CollectionInput {
  const some = <T>(key: string, values: readonly T[]) => (values.length === 0 ? {} : { [key]: [...values] })
  return {
    name: draft.name,
    description: draft.description,
    staticMembers: list(draft.staticMembers),
    // The site checks each rule against its schema and names the field that is wrong.
    rules: draft.rules.map((r) => ({
      name: r.name,
      ...some('platforms', r.platforms),
      ...some('linuxFamilies', r.linuxFamilies),
      ...some('architectures', r.architectures),
      ...(r.osVersionAtLeast.trim() === '' ? {} : { osVersionAtLeast: r.osVersionAtLeast.trim() }),
      ...some('namePatterns', list(r.namePatterns)),
      ...some('siteCodes', list(r.siteCodes)),
    })),
    include: [...draft.include],
    exclude: [...draft.exclude],
    maintenanceWindows: [...draft.maintenanceWindows],
  }
}

/** Issues are named by the site; this is the list of fields the form shows them under. */
export const COLLECTION_FIELDS = [
  'name',
  'description',
  'staticMembers',
  'rules',
  'include',
  'exclude',
] as const
