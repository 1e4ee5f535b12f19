/**
 * The collections every site has (docs/software-distribution.md "Collections"), with IDs in
 * ConfigMgr's style for built-ins (`SMS00001` is "All Systems" there).
 */
import type { CollectionDefinition } from '@sitrep/protocol'

const base = { description: '', staticMembers: [], include: [], exclude: [], maintenanceWindows: [] }

/** Built-in collections by ID; they cannot be changed or removed. */
export const BUILTIN_COLLECTIONS: ReadonlyMap<string, CollectionDefinition> = new Map([
  ['SMS00001', { ...base, name: 'All clients', rules: [{ name: 'every client' }] }],
  ['SMS000LX', { ...base, name: 'All Linux clients', rules: [{ name: 'Linux', platforms: ['linux'] }] }],
  ['SMS000MC', { ...base, name: 'All macOS clients', rules: [{ name: 'macOS', platforms: ['macos'] }] }],
  [
    'SMS000WN',
    { ...base, name: 'All Windows clients', rules: [{ name: 'Windows', platforms: ['windows'] }] },
  ],
])
