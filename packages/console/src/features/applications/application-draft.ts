/**
 * The application form's values and the request body they make. Command lines are edited one
 * argument per line, so what the agent runs is exactly what was typed: never a shell string.
 * What the form cannot say in fields (detection clauses combined with all/any, requirements
 * beyond one of each kind) is kept from the revision being edited. Pure functions.
 */
import type { ApiIssue } from '@sitrep/api'
import type {
  Architecture,
  ContentFile,
  DeploymentType,
  DetectionMethod,
  LinuxFamily,
  Platform,
  Requirement,
  RunAs,
  SuccessAction,
} from '@sitrep/protocol'
import type { ApplicationInput } from './queries.ts'

export const DETECTION_KINDS = [
  'file_exists',
  'file_version',
  'package',
  'registry',
  'script',
  'json',
] as const
export type DetectionKind = (typeof DETECTION_KINDS)[number]

/** Detection as form fields; `json` holds a combination (or anything) as JSON text. */
export interface DetectionDraft {
  readonly kind: DetectionKind
  readonly path: string
  readonly minVersion: string
  readonly manager: 'dpkg' | 'rpm' | 'brew' | 'msi'
  readonly name: string
  readonly hive: 'HKLM' | 'HKCU'
  readonly key: string
  readonly valueName: string
  readonly operator: 'exists' | 'equals' | 'version_at_least'
  readonly value: string
  readonly command: string
  readonly installedExitCode: string
  readonly json: string
}

export interface TypeDraft {
  readonly id: string
  readonly name: string
  readonly platform: Platform
  readonly linuxFamily: LinuxFamily
  /** One argument per line. */
  readonly install: string
  /** One argument per line; empty: no uninstall. */
  readonly uninstall: string
  readonly workingDirectory: string
  readonly content: readonly ContentFile[]
  readonly detection: DetectionDraft
  readonly osMinVersion: string
  readonly architectures: readonly Architecture[]
  readonly freeDiskPath: string
  readonly freeDiskMegabytes: string
  readonly memoryMegabytes: string
  /** Requirements the fields above do not cover, kept as they were. */
  readonly otherRequirements: readonly Requirement[]
  readonly estimatedRunMinutes: string
  readonly maxRunMinutes: string
  readonly runAs: RunAs
  readonly userVisible: boolean
  readonly successAction: SuccessAction
  /** Comma-separated. */
  readonly successExitCodes: string
}

export interface ApplicationDraft {
  readonly name: string
  readonly publisher: string
  readonly version: string
  readonly description: string
  readonly iconSha256: string
  readonly types: readonly TypeDraft[]
}

const EMPTY_DETECTION: DetectionDraft = {
  kind: 'file_exists',
  path: '',
  minVersion: '',
  manager: 'dpkg',
  name: '',
  hive: 'HKLM',
  key: '',
  valueName: '',
  operator: 'exists',
  value: '',
  command: '',
  installedExitCode: '0',
  json: '',
}

/** A new deployment type; `n` makes its ID unique in the form. */
export function emptyType(n: number): TypeDraft {
  return {
    id: n === 1 ? 'default' : `type-${n}`,
    name: '',
    platform: 'linux',
    linuxFamily: 'any',
    install: '',
    uninstall: '',
    workingDirectory: '',
    content: [],
    detection: EMPTY_DETECTION,
    osMinVersion: '',
    architectures: [],
    freeDiskPath: '',
    freeDiskMegabytes: '',
    memoryMegabytes: '',
    otherRequirements: [],
    estimatedRunMinutes: '5',
    maxRunMinutes: '120',
    runAs: 'system',
    userVisible: false,
    successAction: 'none',
    successExitCodes: '',
  }
}

export const EMPTY_APPLICATION: ApplicationDraft = {
  name: '',
  publisher: '',
  version: '',
  description: '',
  iconSha256: '',
  types: [emptyType(1)],
}

const lines = (argv: readonly string[] | undefined): string => (argv ?? []).join('\n')

/** An argv from text, one argument per line; empty lines are left out. */
export function argvOf(text: string): string[] {
  return text
    .split('\n')
    .map((line) => line.replace(/\r$/, ''))
    .filter((line) => line !== '')
}

function detectionDraft(method: DetectionMethod): DetectionDraft {
  switch (method.kind) {
    case 'file_exists':
      return { ...EMPTY_DETECTION, kind: 'file_exists', path: method.path }
    case 'file_version':
      return { ...EMPTY_DETECTION, kind: 'file_version', path: method.path, minVersion: method.minVersion }
    case 'package':
      return {
        ...EMPTY_DETECTION,
        kind: 'package',
        manager: method.manager,
        name: method.name,
        minVersion: method.minVersion ?? '',
      }
    case 'registry':
      return {
        ...EMPTY_DETECTION,
        kind: 'registry',
        hive: method.hive,
        key: method.key,
        valueName: method.valueName,
        operator: method.operator,
        value: method.value ?? '',
      }
    case 'script':
      if (method.outputContains === undefined && method.timeoutSeconds === 60)
        return {
          ...EMPTY_DETECTION,
          kind: 'script',
          command: lines(method.command),
          installedExitCode: String(method.installedExitCode),
        }
      return { ...EMPTY_DETECTION, kind: 'json', json: JSON.stringify(method, null, 2) }
    case 'all':
    case 'any':
      return { ...EMPTY_DETECTION, kind: 'json', json: JSON.stringify(method, null, 2) }
  }
}

/** The form's values for a stored deployment type. */
export function typeDraft(type: DeploymentType): TypeDraft {
  const first = <K extends Requirement['kind']>(kind: K) =>
    type.requirements.find((r): r is Extract<Requirement, { kind: K }> => r.kind === kind)
  const os = first('os')
  const arch = first('architecture')
  const disk = first('free_disk')
  const memory = first('memory')
  const covered = new Set<Requirement | undefined>([
    os?.platform === type.platform ? os : undefined,
    arch,
    disk,
    memory,
  ])
  return {
    id: type.id,
    name: type.name,
    platform: type.platform,
    linuxFamily: type.linuxFamily,
    install: lines(type.install),
    uninstall: lines(type.uninstall),
    workingDirectory: type.workingDirectory ?? '',
    content: type.content,
    detection: detectionDraft(type.detection),
    osMinVersion: os?.platform === type.platform ? (os.minVersion ?? '') : '',
    architectures: arch?.values ?? [],
    freeDiskPath: disk?.path ?? '',
    freeDiskMegabytes: disk === undefined ? '' : String(disk.minMegabytes),
    memoryMegabytes: memory === undefined ? '' : String(memory.minMegabytes),
    otherRequirements: type.requirements.filter((r) => !covered.has(r)),
    estimatedRunMinutes: String(type.estimatedRunMinutes),
    maxRunMinutes: String(type.maxRunMinutes),
    runAs: type.runAs,
    userVisible: type.userVisible,
    successAction: type.successAction,
    successExitCodes: type.successExitCodes.join(', '),
  }
}

/** The form's values for a stored revision. */
export function applicationDraft(application: {
  readonly name: string
  readonly publisher: string
  readonly version: string
  readonly description: string
  readonly iconSha256?: string | undefined
  readonly deploymentTypes: readonly DeploymentType[]
}): ApplicationDraft {
  return {
    name: application.name,
    publisher: application.publisher,
    version: application.version,
    description: application.description,
    iconSha256: application.iconSha256 ?? '',
    types: application.deploymentTypes.map(typeDraft),
  }
}

/** A number from a field, or the text itself so the site's answer names the field. */
const numberOf = (text: string): number => (text.trim() === '' ? Number.NaN : Number(text.trim()))

function detectionOf(d: DetectionDraft, field: string, issues: ApiIssue[]): unknown {
  switch (d.kind) {
    case 'file_exists':
      return { kind: 'file_exists', path: d.path }
    case 'file_version':
      return { kind: 'file_version', path: d.path, minVersion: d.minVersion }
    case 'package':
      return {
        kind: 'package',
        manager: d.manager,
        name: d.name,
        ...(d.minVersion.trim() === '' ? {} : { minVersion: d.minVersion.trim() }),
      }
    case 'registry':
      return {
        kind: 'registry',
        hive: d.hive,
        key: d.key,
        valueName: d.valueName,
        operator: d.operator,
        ...(d.operator === 'exists' ? {} : { value: d.value }),
      }
    case 'script':
      return { kind: 'script', command: argvOf(d.command), installedExitCode: numberOf(d.installedExitCode) }
    case 'json':
      try {
        return JSON.parse(d.json) as unknown
      } catch (error) {
        issues.push({
          field,
          message: `${field} is not JSON: ${error instanceof Error ? error.message : String(error)}`,
        })
        return undefined
      }
  }
}

function requirementsOf(t: TypeDraft): unknown[] {
  const out: unknown[] = []
  if (t.osMinVersion.trim() !== '')
    out.push({
      kind: 'os',
      platform: t.platform,
      ...(t.platform === 'linux' ? { linuxFamily: t.linuxFamily } : {}),
      minVersion: t.osMinVersion.trim(),
    })
  if (t.architectures.length > 0) out.push({ kind: 'architecture', values: t.architectures })
  if (t.freeDiskMegabytes.trim() !== '')
    out.push({ kind: 'free_disk', path: t.freeDiskPath, minMegabytes: numberOf(t.freeDiskMegabytes) })
  if (t.memoryMegabytes.trim() !== '') out.push({ kind: 'memory', minMegabytes: numberOf(t.memoryMegabytes) })
  return [...out, ...t.otherRequirements]
}

/**
 * The body of `POST /api/v1/applications` (or `PUT` for a revision), or the issues the form
 * finds itself (detection JSON that does not parse), named as the site names fields.
 */
export function applicationBody(
  draft: ApplicationDraft,
): { readonly body: ApplicationInput } | { readonly issues: ApiIssue[] } {
  const issues: ApiIssue[] = []
  const deploymentTypes = draft.types.map((t, i) => {
    const uninstall = argvOf(t.uninstall)
    const codes = t.successExitCodes
      .split(/[\s,]+/)
      .filter((c) => c !== '')
      .map(Number)
    return {
      id: t.id.trim(),
      name: t.name.trim() === '' ? draft.name.trim() : t.name.trim(),
      platform: t.platform,
      linuxFamily: t.linuxFamily,
      install: argvOf(t.install),
      ...(uninstall.length === 0 ? {} : { uninstall }),
      ...(t.workingDirectory.trim() === '' ? {} : { workingDirectory: t.workingDirectory.trim() }),
      content: [...t.content],
      detection: detectionOf(t.detection, `deploymentTypes[${i}].detection`, issues),
      requirements: requirementsOf(t),
      estimatedRunMinutes: numberOf(t.estimatedRunMinutes),
      maxRunMinutes: numberOf(t.maxRunMinutes),
      runAs: t.runAs,
      userVisible: t.userVisible,
      successAction: t.successAction,
      successExitCodes: codes,
    }
  })
  if (issues.length > 0) return { issues }
  return {
    // The site checks every field against the application schema and names what is wrong;
    // the form passes on what was typed so that the answer reaches the right field.
    body: {
      name: draft.name.trim(),
      publisher: draft.publisher.trim(),
      version: draft.version.trim(),
      description: draft.description,
      ...(draft.iconSha256.trim() === '' ? {} : { iconSha256: draft.iconSha256.trim() }),
      deploymentTypes,
    } as ApplicationInput,
  }
}
