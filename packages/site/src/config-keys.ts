/**
 * Strict configuration keys: every key of a configuration object must be one the schema knows.
 * A misspelt key is refused with its path and the nearest known key, instead of being ignored
 * while its default silently applies.
 */
import type { z } from 'zod'

/** One key the schema does not know, with the closest known key at the same place. */
export interface UnknownConfigKey {
  /** Dotted path, e.g. `mp.allowUnsignd` or `exports[0].timeout`. */
  readonly path: string
  readonly suggestion: string | undefined
}

interface ZodDef {
  readonly type: string
  readonly shape?: Record<string, z.ZodType>
  readonly innerType?: z.ZodType
  readonly in?: z.ZodType
  readonly element?: z.ZodType
  /** A union's members, and the key that tells them apart (discriminated unions). */
  readonly options?: readonly z.ZodType[]
  readonly discriminator?: string
  /** A literal's values. */
  readonly values?: readonly unknown[]
}

function defOf(schema: z.ZodType): ZodDef {
  // zod 4 keeps a schema's definition on `_zod.def`; only the fields read here are typed.
  return (schema as unknown as { _zod: { def: ZodDef } })._zod.def
}

/** Unwraps defaults, optionals and pipes down to the schema that describes the value's shape. */
function shapeSchema(schema: z.ZodType): ZodDef {
  let def = defOf(schema)
  for (;;) {
    const inner = def.innerType ?? (def.type === 'pipe' ? def.in : undefined)
    if (inner === undefined) return def
    def = defOf(inner)
  }
}

/**
 * Lists the keys of `input` that `schema` does not know, at any depth (objects and arrays of
 * objects; records take any key). Values of the wrong type are left for the schema to refuse.
 */
export function findUnknownConfigKeys(input: unknown, schema: z.ZodType, at = ''): UnknownConfigKey[] {
  const def = shapeSchema(schema)
  if (def.type === 'array' && def.element !== undefined && Array.isArray(input)) {
    const element = def.element
    return input.flatMap((item: unknown, i) => findUnknownConfigKeys(item, element, `${at}[${i}]`))
  }
  if (def.type === 'union' && def.options !== undefined && def.discriminator !== undefined) {
    // The member whose discriminator matches (e.g. an export target's `type`) says which keys exist.
    const member = memberFor(input, def.options, def.discriminator)
    return member === undefined ? [] : findUnknownConfigKeys(input, member, at)
  }
  if (def.type !== 'object' || def.shape === undefined) return []
  if (typeof input !== 'object' || input === null || Array.isArray(input)) return []
  const shape = def.shape
  const known = Object.keys(shape)
  return Object.entries(input).flatMap(([key, value]): UnknownConfigKey[] => {
    const path = at === '' ? key : `${at}.${key}`
    const child = shape[key]
    if (child === undefined) {
      const suggestion = nearestKey(key, known)
      return [
        {
          path,
          suggestion: suggestion === undefined ? undefined : at === '' ? suggestion : `${at}.${suggestion}`,
        },
      ]
    }
    return findUnknownConfigKeys(value, child, path)
  })
}

function memberFor(
  input: unknown,
  options: readonly z.ZodType[],
  discriminator: string,
): z.ZodType | undefined {
  if (typeof input !== 'object' || input === null) return undefined
  const value: unknown = (input as Record<string, unknown>)[discriminator] // an object, checked above
  return options.find((option) => {
    const key = shapeSchema(option).shape?.[discriminator]
    return key !== undefined && (shapeSchema(key).values ?? []).includes(value)
  })
}

/**
 * The known key closest to `key` by edit distance (case-insensitive), when it is close enough
 * to be a likely typo: at most a third of the key's length, and at least 1.
 */
export function nearestKey(key: string, known: readonly string[]): string | undefined {
  let best: string | undefined
  let bestDistance = Infinity
  for (const candidate of known) {
    const distance = editDistance(key.toLowerCase(), candidate.toLowerCase())
    if (distance < bestDistance) {
      best = candidate
      bestDistance = distance
    }
  }
  return bestDistance <= Math.max(1, Math.floor(key.length / 3)) ? best : undefined
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j)
  for (let i = 1; i <= a.length; i++) {
    const current = [i]
    for (let j = 1; j <= b.length; j++) {
      const substitution = (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1)
      current.push(Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, substitution))
    }
    previous = current
  }
  return previous[b.length] ?? 0
}

/** One line per unknown key: `unknown key mp.allowUnsignd (did you mean mp.allowUnsigned?)`. */
export function describeUnknownKeys(keys: readonly UnknownConfigKey[]): string {
  return keys
    .map((k) =>
      k.suggestion === undefined
        ? `✖ unknown key ${k.path}; it is not a setting (see docs/configuration.md)`
        : `✖ unknown key ${k.path}; did you mean \`${k.suggestion}\`?`,
    )
    .join('\n')
}
