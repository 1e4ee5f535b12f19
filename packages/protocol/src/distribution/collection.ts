/**
 * Collections of clients (the ConfigMgr model's device collections): static members, query rules
 * over what clients report, and other collections to include or exclude; plus the maintenance
 * windows of the collection. The site evaluates membership; these schemas are the one
 * declaration of a collection's definition for the REST API, the CLI and the console.
 */
import { z } from 'zod'
import { ARCHITECTURES, LINUX_FAMILIES, PLATFORMS } from './application.ts'
import { MaintenanceWindowSchema } from './deployment.ts'

/** Limits of a collection definition; Sitrep's choices, documented in docs/software-distribution.md. */
export const COLLECTION_LIMITS = {
  nameMaxLength: 256,
  staticMembersMax: 10_000,
  rulesMax: 64,
  collectionRefsMax: 64,
  maintenanceWindowsMax: 32,
  patternMaxLength: 256,
} as const
const L = COLLECTION_LIMITS

/** A collection ID: the site code and five hex digits (`PS100001`), or a built-in `SMS…` ID. */
export const CollectionIdSchema = z
  .string()
  .regex(/^[A-Z0-9]{3}[0-9A-Z]{5}$/, 'a collection ID is eight capital letters and digits, e.g. PS100001')

/** A version compared part by part (`10.15` < `10.9.1` is false). */
const version = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[0-9A-Za-z.+~:_-]+$/, 'a version is letters, digits and . + ~ : _ -')

/**
 * A query rule: a client matches when every field that is set matches (fields combine with
 * AND, the values of one field with OR). Rules of a collection combine with OR.
 */
export const CollectionRuleSchema = z.strictObject({
  name: z.string().max(L.nameMaxLength).default(''),
  platforms: z.array(z.enum(PLATFORMS)).min(1).max(PLATFORMS.length).optional(),
  linuxFamilies: z.array(z.enum(LINUX_FAMILIES)).min(1).max(LINUX_FAMILIES.length).optional(),
  architectures: z.array(z.enum(ARCHITECTURES)).min(1).max(ARCHITECTURES.length).optional(),
  /** The client's OS version is at least this. */
  osVersionAtLeast: version.optional(),
  /** Machine name patterns, `*` and `?` wildcards, compared ignoring case (`WKS-*`). */
  namePatterns: z
    .array(
      z
        .string()
        .min(1)
        .max(L.patternMaxLength)
        .refine((p) => !/\p{Cc}/u.test(p), 'a pattern has no control characters'),
    )
    .min(1)
    .max(64)
    .optional(),
  /** The site the client is assigned to. */
  siteCodes: z
    .array(z.string().regex(/^[A-Z0-9]{3}$/, 'a site code is three capital letters or digits'))
    .min(1)
    .max(64)
    .optional(),
})
export type CollectionRule = z.infer<typeof CollectionRuleSchema>

/** What an administrator writes to define a collection. */
export const CollectionDefinitionSchema = z.strictObject({
  name: z.string().trim().min(1, 'a collection needs a name').max(L.nameMaxLength),
  description: z.string().max(4096).default(''),
  /** Client IDs (`GUID:…`) or machine names, always members. */
  staticMembers: z.array(z.string().min(1).max(256)).max(L.staticMembersMax).default([]),
  rules: z.array(CollectionRuleSchema).max(L.rulesMax).default([]),
  /** Members of these collections are members of this one … */
  include: z.array(CollectionIdSchema).max(L.collectionRefsMax).default([]),
  /** … unless they are members of one of these. */
  exclude: z.array(CollectionIdSchema).max(L.collectionRefsMax).default([]),
  maintenanceWindows: z.array(MaintenanceWindowSchema).max(L.maintenanceWindowsMax).default([]),
})
export type CollectionDefinition = z.infer<typeof CollectionDefinitionSchema>

/** What a client reports about itself, which query rules match against. */
export const ClientFactsSchema = z.strictObject({
  platform: z.enum(PLATFORMS),
  linuxFamily: z.enum(LINUX_FAMILIES).optional(),
  architecture: z.enum(ARCHITECTURES).optional(),
  osVersion: version.optional(),
})
export type ClientFacts = z.infer<typeof ClientFactsSchema>
