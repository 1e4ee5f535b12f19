/**
 * Collection membership (docs/software-distribution.md "Collections"): which clients a
 * collection holds, from its static members, its query rules over what clients report, and the
 * collections it includes and excludes. Pure: the site loads clients and definitions, calls
 * these, and stores the result.
 */
import { compareVersions } from '@sitrep/protocol'
import type { ClientFacts, CollectionDefinition, CollectionRule } from '@sitrep/protocol'

/** A client as collection rules see it. */
export interface CollectionClient {
  readonly clientId: string
  /** The machine name. */
  readonly machine: string
  /** The site the client reports to. */
  readonly siteCode: string
  /** What it last reported about itself; `undefined` until it has. */
  readonly facts?: ClientFacts | undefined
}

/** A collection to evaluate: its ID and the parts of its definition that decide membership. */
export interface CollectionToEvaluate {
  readonly id: string
  readonly definition: Pick<CollectionDefinition, 'staticMembers' | 'rules' | 'include' | 'exclude'>
}

/** Returns a matcher for a `*` / `?` pattern, ignoring case. */
function globMatcher(pattern: string): RegExp {
  const body = pattern
    .replace(/[.+^${}()|[\]\\]/g, '\\$&')
    .replace(/\*/g, '.*')
    .replace(/\?/g, '.')
  return new RegExp(`^${body}$`, 'i')
}

/** Whether `client` matches one query rule: every field that is set must match. */
export function matchesCollectionRule(rule: CollectionRule, client: CollectionClient): boolean {
  const facts = client.facts
  if (rule.platforms !== undefined) {
    if (facts === undefined || !(rule.platforms.includes(facts.platform) || rule.platforms.includes('any'))) {
      return false
    }
  }
  if (rule.linuxFamilies !== undefined && !rule.linuxFamilies.includes('any')) {
    if (facts?.linuxFamily === undefined || !rule.linuxFamilies.includes(facts.linuxFamily)) return false
  }
  if (rule.architectures !== undefined) {
    if (facts?.architecture === undefined || !rule.architectures.includes(facts.architecture)) return false
  }
  if (rule.osVersionAtLeast !== undefined) {
    if (facts?.osVersion === undefined || compareVersions(facts.osVersion, rule.osVersionAtLeast) < 0)
      return false
  }
  if (
    rule.namePatterns !== undefined &&
    !rule.namePatterns.some((p) => globMatcher(p).test(client.machine))
  ) {
    return false
  }
  if (rule.siteCodes !== undefined && !rule.siteCodes.includes(client.siteCode)) return false
  return true
}

/**
 * Finds a cycle of includes and excludes among `collections` (a collection that includes or
 * excludes itself, directly or through others). Returns the IDs along the cycle, first repeated
 * at the end (`['A', 'B', 'A']`), or `undefined` when there is none.
 */
export function findCollectionCycle(
  collections: readonly CollectionToEvaluate[],
): readonly string[] | undefined {
  const byId = new Map(collections.map((c) => [c.id, c]))
  const done = new Set<string>()
  const path: string[] = []
  const onPath = new Set<string>()
  const visit = (id: string): readonly string[] | undefined => {
    if (onPath.has(id)) return [...path.slice(path.indexOf(id)), id]
    if (done.has(id)) return undefined
    const collection = byId.get(id)
    if (collection === undefined) return undefined
    path.push(id)
    onPath.add(id)
    for (const next of [...collection.definition.include, ...collection.definition.exclude]) {
      const cycle = visit(next)
      if (cycle !== undefined) return cycle
    }
    path.pop()
    onPath.delete(id)
    done.add(id)
    return undefined
  }
  for (const c of collections) {
    const cycle = visit(c.id)
    if (cycle !== undefined) return cycle
  }
  return undefined
}

/**
 * Evaluates every collection over every client: a collection holds its static members (by
 * client ID or machine name, ignoring case), the clients any of its rules match, and the members
 * of the collections it includes, less the members of those it excludes. References to
 * collections that do not exist add and remove nothing. Throws a `RangeError` naming the cycle
 * when includes and excludes loop (the site refuses such definitions before they are stored).
 */
export function evaluateCollections(
  collections: readonly CollectionToEvaluate[],
  clients: readonly CollectionClient[],
): ReadonlyMap<string, ReadonlySet<string>> {
  const cycle = findCollectionCycle(collections)
  if (cycle !== undefined)
    throw new RangeError(`collections include each other in a cycle: ${cycle.join(' → ')}`)
  const byId = new Map(collections.map((c) => [c.id, c]))
  const members = new Map<string, ReadonlySet<string>>()
  const evaluate = (id: string): ReadonlySet<string> => {
    const known = members.get(id)
    if (known !== undefined) return known
    const collection = byId.get(id)
    if (collection === undefined) return new Set()
    const result = new Set<string>()
    for (const client of clients) if (isDirectMember(collection, client)) result.add(client.clientId)
    for (const included of collection.definition.include) for (const c of evaluate(included)) result.add(c)
    for (const excluded of collection.definition.exclude) for (const c of evaluate(excluded)) result.delete(c)
    members.set(id, result)
    return result
  }
  for (const c of collections) evaluate(c.id)
  return members
}

/**
 * The collections one client belongs to: {@link evaluateCollections} for a single client, for
 * the incremental evaluation when that client registers or reports new facts.
 */
export function collectionsOfClient(
  collections: readonly CollectionToEvaluate[],
  client: CollectionClient,
): readonly string[] {
  const membership = evaluateCollections(collections, [client])
  return [...membership].filter(([, set]) => set.has(client.clientId)).map(([id]) => id)
}

function isDirectMember(collection: CollectionToEvaluate, client: CollectionClient): boolean {
  const { staticMembers, rules } = collection.definition
  const machine = client.machine.toUpperCase()
  if (staticMembers.some((m) => m === client.clientId || m.toUpperCase() === machine)) return true
  return rules.some((rule) => matchesCollectionRule(rule, client))
}
