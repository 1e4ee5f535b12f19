/**
 * Applications and their deployment types, as the site stores them and as policy carries them
 * to clients (the ConfigMgr application model, reference §16.1, at the size Sitrep needs).
 * These schemas are the one declaration of the shapes: the site's REST API, the policy bodies
 * and the agent all parse through them.
 */
import { z } from 'zod'

/** Platforms a deployment type can target. `any` runs wherever its requirements hold. */
export const PLATFORMS = ['linux', 'macos', 'windows', 'any'] as const
export type Platform = (typeof PLATFORMS)[number]

/** Linux distribution families, for deployment types and requirements (`any`: every family). */
export const LINUX_FAMILIES = ['debian', 'rhel', 'suse', 'arch', 'alpine', 'any'] as const
export type LinuxFamily = (typeof LINUX_FAMILIES)[number]

/** Machine architectures, as Node's `process.arch` names them. */
export const ARCHITECTURES = ['x64', 'arm64', 'ia32', 'arm'] as const
export type Architecture = (typeof ARCHITECTURES)[number]

/** Limits of the application model; Sitrep's choices, documented in docs/software-distribution.md. */
export const DISTRIBUTION_LIMITS = {
  nameMaxLength: 256,
  descriptionMaxLength: 4096,
  argvMaxItems: 128,
  argMaxLength: 8192,
  pathMaxLength: 1024,
  contentFilesMax: 1000,
  deploymentTypesMax: 32,
  requirementsMax: 32,
  detectionDepthMax: 4,
  detectionClausesMax: 32,
  /** One content file: 8 GiB. */
  contentFileMaxBytes: 8 * 1024 * 1024 * 1024,
  /** Longest run a deployment type may ask for: one day. */
  maxRunMinutesMax: 24 * 60,
} as const

const noControl = (text: string): boolean => {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i)
    if (code < 0x20 || code === 0x7f) return false
  }
  return true
}
const L = DISTRIBUTION_LIMITS

const argument = z
  .string()
  .max(L.argMaxLength)
  .refine((a) => !a.includes('\u0000'), 'an argument may not contain NUL')

/**
 * A command line as argv: the program, then each argument as its own string. Never a shell
 * string: the agent runs it without a shell, so quoting and `&&` mean nothing.
 */
export const CommandLineSchema = z
  .array(argument, {
    error: (issue) =>
      issue.input === undefined
        ? 'a command line is required'
        : 'a command line is an argv array of strings (["/usr/bin/installer", "--quiet"]); a shell string is not accepted',
  })
  .min(1, 'a command line names at least the program')
  .max(L.argvMaxItems)
  .refine((argv) => (argv[0] ?? '').trim() !== '', 'the program (argv[0]) may not be empty')
export type CommandLine = z.infer<typeof CommandLineSchema>

const relativePath = z
  .string()
  .min(1)
  .max(L.pathMaxLength)
  .refine(noControl, 'a path may not contain control characters')
  .refine(
    (p) => !p.startsWith('/') && !/^[A-Za-z]:/.test(p) && !p.split(/[\\/]/).includes('..'),
    'a content path is relative to the content folder and may not contain ".."',
  )

const anyPath = z
  .string()
  .min(1)
  .max(L.pathMaxLength)
  .refine(noControl, 'a path may not contain control characters')

/** SHA-256 of a content file, lowercase hex. Content is stored and served by it. */
export const Sha256Schema = z.string().regex(/^[0-9a-f]{64}$/, 'a SHA-256 is 64 lowercase hex digits')

/** One file of a deployment type's content, placed at `path` below the job's content folder. */
export const ContentFileSchema = z.object({
  path: relativePath,
  sha256: Sha256Schema,
  size: z.number().int().min(1, 'a content file has at least one byte').max(L.contentFileMaxBytes),
  /** Set the execute bit after download (POSIX). */
  executable: z.boolean().default(false),
})
export type ContentFile = z.infer<typeof ContentFileSchema>

/** A version string compared part by part (`1.10.2` > `1.9`). */
const version = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[0-9A-Za-z.+~:_-]+$/, 'a version is letters, digits and . + ~ : _ -')

/** OS package managers a `package` detection can ask. */
export const PACKAGE_MANAGERS = ['dpkg', 'rpm', 'brew', 'msi'] as const
export type PackageManager = (typeof PACKAGE_MANAGERS)[number]

/** Windows registry hives a `registry` detection can read. */
export const REGISTRY_HIVES = ['HKLM', 'HKCU'] as const

/** How a `registry` detection compares the value it reads. */
export const REGISTRY_OPERATORS = ['exists', 'equals', 'version_at_least'] as const

/** A detection clause that is not a combination. */
export type DetectionLeaf =
  | { readonly kind: 'file_exists'; readonly path: string }
  | {
      readonly kind: 'file_version'
      readonly path: string
      readonly minVersion: string
      /** A regular expression with one capture group applied to the file's text; default: the trimmed text. */
      readonly versionPattern?: string | undefined
    }
  | {
      readonly kind: 'package'
      readonly manager: PackageManager
      /** Package name; for `msi`, the product code `{GUID}`. */
      readonly name: string
      readonly minVersion?: string | undefined
    }
  | {
      readonly kind: 'registry'
      readonly hive: (typeof REGISTRY_HIVES)[number]
      readonly key: string
      readonly valueName: string
      readonly operator: (typeof REGISTRY_OPERATORS)[number]
      readonly value?: string | undefined
    }
  | {
      readonly kind: 'script'
      readonly command: CommandLine
      /** Installed when the script exits with this code (default 0) … */
      readonly installedExitCode: number
      /** … and, when set, its standard output contains this text. */
      readonly outputContains?: string | undefined
      readonly timeoutSeconds: number
    }

/**
 * How the agent tells whether a deployment type is installed, before and after running it.
 * Clauses combine with `all` / `any`, as ConfigMgr's detection clauses do.
 */
export type DetectionMethod =
  | DetectionLeaf
  | { readonly kind: 'all'; readonly clauses: readonly DetectionMethod[] }
  | { readonly kind: 'any'; readonly clauses: readonly DetectionMethod[] }

const detectionLeafSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('file_exists'), path: anyPath }),
  z.object({
    kind: z.literal('file_version'),
    path: anyPath,
    minVersion: version,
    versionPattern: z
      .string()
      .max(512)
      .refine((pattern) => {
        try {
          return new RegExp(pattern).source.length > 0
        } catch {
          return false
        }
      }, 'versionPattern is not a valid regular expression')
      .optional(),
  }),
  z.object({
    kind: z.literal('package'),
    manager: z.enum(PACKAGE_MANAGERS),
    name: z.string().min(1).max(256).refine(noControl, 'a package name may not contain control characters'),
    minVersion: version.optional(),
  }),
  z.object({
    kind: z.literal('registry'),
    hive: z.enum(REGISTRY_HIVES),
    key: z
      .string()
      .min(1)
      .max(L.pathMaxLength)
      .refine(noControl, 'a registry key may not contain control characters'),
    valueName: z.string().max(256),
    operator: z.enum(REGISTRY_OPERATORS).default('exists'),
    value: z.string().max(1024).optional(),
  }),
  z.object({
    kind: z.literal('script'),
    command: CommandLineSchema,
    installedExitCode: z.number().int().min(0).max(0xffffffff).default(0),
    outputContains: z.string().min(1).max(1024).optional(),
    timeoutSeconds: z.number().int().min(1).max(600).default(60),
  }),
])

function detectionDepth(method: DetectionMethod): number {
  return method.kind === 'all' || method.kind === 'any'
    ? 1 + Math.max(0, ...method.clauses.map(detectionDepth))
    : 1
}

/** Parses a detection method; combinations nest at most `detectionDepthMax` deep. */
export const DetectionMethodSchema: z.ZodType<DetectionMethod> = z
  .lazy(() =>
    z.union([
      detectionLeafSchema,
      z.object({
        kind: z.enum(['all', 'any']),
        clauses: z.array(DetectionMethodSchema).min(1).max(L.detectionClausesMax),
      }),
    ]),
  )
  .refine((method) => detectionDepth(method) <= L.detectionDepthMax, {
    message: `detection clauses nest at most ${L.detectionDepthMax} deep`,
  })

/** A condition the machine must meet before the agent runs a deployment type. */
export const RequirementSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('os'),
    platform: z.enum(PLATFORMS),
    linuxFamily: z.enum(LINUX_FAMILIES).optional(),
    minVersion: version.optional(),
  }),
  z.object({ kind: z.literal('architecture'), values: z.array(z.enum(ARCHITECTURES)).min(1) }),
  z.object({ kind: z.literal('free_disk'), path: anyPath, minMegabytes: z.number().int().min(1) }),
  z.object({ kind: z.literal('memory'), minMegabytes: z.number().int().min(1) }),
])
export type Requirement = z.infer<typeof RequirementSchema>

/** What a successful run asks of the machine afterwards (`CCM_Program.CompletionAction`). */
export const SUCCESS_ACTIONS = ['none', 'logoff', 'restart'] as const
export type SuccessAction = (typeof SUCCESS_ACTIONS)[number]

/** Whom the command line runs as. */
export const RUN_AS = ['system', 'user'] as const
export type RunAs = (typeof RUN_AS)[number]

/** One way to install an application on one platform. */
export const DeploymentTypeSchema = z.object({
  /** Stable within the application across revisions, e.g. `deb`, `linux-x64`. */
  id: z
    .string()
    .regex(/^[a-z0-9][a-z0-9_-]{0,63}$/, 'a deployment type id is 1–64 lowercase letters, digits, - and _'),
  name: z.string().min(1).max(L.nameMaxLength),
  platform: z.enum(PLATFORMS),
  linuxFamily: z.enum(LINUX_FAMILIES).default('any'),
  install: CommandLineSchema,
  uninstall: CommandLineSchema.optional(),
  /** Relative to the job's content folder unless absolute; default: the content folder. */
  workingDirectory: anyPath.optional(),
  content: z.array(ContentFileSchema).max(L.contentFilesMax).default([]),
  detection: DetectionMethodSchema,
  requirements: z.array(RequirementSchema).max(L.requirementsMax).default([]),
  estimatedRunMinutes: z.number().int().min(0).max(L.maxRunMinutesMax).default(5),
  maxRunMinutes: z.number().int().min(1).max(L.maxRunMinutesMax).default(120),
  runAs: z.enum(RUN_AS).default('system'),
  /** Whether the logged-on user may see the installer run (its windows, its progress). */
  userVisible: z.boolean().default(false),
  successAction: z.enum(SUCCESS_ACTIONS).default('none'),
  /** Extra exit codes that mean success besides 0 (3010, 1641 and 1618 keep their §16.1 meaning). */
  successExitCodes: z.array(z.number().int()).max(32).default([]),
})
export type DeploymentType = z.infer<typeof DeploymentTypeSchema>

/** An application revision: what a deployment carries. Editing an application makes a new revision. */
export const ApplicationSchema = z.object({
  /** Site-assigned, e.g. `APP-0001`; stable across revisions. */
  id: z.string().min(1).max(64),
  /** From 1, one more for every edit. */
  revision: z.number().int().min(1),
  name: z.string().min(1).max(L.nameMaxLength),
  publisher: z.string().max(L.nameMaxLength).default(''),
  version: z.string().max(64).default(''),
  description: z.string().max(L.descriptionMaxLength).default(''),
  /** SHA-256 of an uploaded PNG or SVG icon, served as content. */
  iconSha256: Sha256Schema.optional(),
  deploymentTypes: z.array(DeploymentTypeSchema).min(1).max(L.deploymentTypesMax),
})
export type Application = z.infer<typeof ApplicationSchema>
