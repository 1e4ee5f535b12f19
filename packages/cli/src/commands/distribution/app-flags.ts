/**
 * From `sitrep app create` / `revise` flags to the application the REST API takes: pure, so
 * every flag's meaning and every refusal is tested without a site. Command lines come as one
 * flag per argument (`--install /usr/bin/dpkg --install -i --install editor.deb`); the agent
 * runs them without a shell, so a single flag holding a whole shell command is refused.
 */
import type { addApplication, RouteBody } from '@sitrep/api'
import { LINUX_FAMILIES, PACKAGE_MANAGERS, PLATFORMS, RUN_AS, SUCCESS_ACTIONS } from '@sitrep/protocol'
import type { Application, DetectionMethod } from '@sitrep/protocol'
import { UsageError } from '../../usage-error.ts'

/** The application body of `POST /api/v1/applications`. */
export type ApplicationInput = RouteBody<typeof addApplication>
type DeploymentTypeInput = ApplicationInput['deploymentTypes'][number]

/** The flags of `sitrep app create` and `revise` that describe the application. */
export interface AppFlags {
  readonly name?: string
  readonly publisher?: string
  readonly appVersion?: string
  readonly description?: string
  readonly platform?: string
  readonly linuxFamily?: string
  readonly typeId?: string
  readonly typeName?: string
  readonly install?: readonly string[]
  readonly uninstall?: readonly string[]
  readonly workingDir?: string
  readonly detectFile?: string
  readonly detectPackage?: string
  readonly detectScript?: readonly string[]
  readonly runAs?: string
  readonly successAction?: string
  readonly maxRunMinutes?: number
  readonly estimatedRunMinutes?: number
  readonly userVisible?: boolean
}

/** A content file as the deployment type lists it, once it is on the site. */
export interface ContentEntry {
  readonly path: string
  readonly sha256: string
  readonly size: number
}

/**
 * A new application from flags: `--name`, `--install` and one detection flag are needed;
 * `content` are the files already uploaded, `iconSha256` the icon's hash.
 */
export function applicationFromFlags(
  flags: AppFlags,
  content: readonly ContentEntry[],
  iconSha256?: string,
): ApplicationInput {
  if (flags.name === undefined) throw new UsageError('app create: --name is required (or give --file)')
  if (flags.install === undefined || flags.install.length === 0) {
    throw new UsageError(
      'app create: --install is required: the program, then each argument as its own --install ' +
        '(--install /usr/bin/dpkg --install -i --install editor.deb)',
    )
  }
  const detection = detectionFromFlags(flags)
  if (detection === undefined) {
    throw new UsageError(
      'app create: a detection method is required: --detect-file PATH, ' +
        '--detect-package MANAGER:NAME[@MIN_VERSION] or --detect-script ARG (repeat per argument)',
    )
  }
  const platform = choice('--platform', flags.platform ?? 'any', PLATFORMS)
  const type: DeploymentTypeInput = {
    id: flags.typeId ?? platform,
    name: flags.typeName ?? `${flags.name} (${platform})`,
    platform,
    install: commandLine('--install', flags.install),
    detection,
    content: content.map((c) => ({ path: c.path, sha256: c.sha256, size: c.size })),
  }
  return {
    name: flags.name,
    ...(flags.publisher === undefined ? {} : { publisher: flags.publisher }),
    ...(flags.appVersion === undefined ? {} : { version: flags.appVersion }),
    ...(flags.description === undefined ? {} : { description: flags.description }),
    ...(iconSha256 === undefined ? {} : { iconSha256 }),
    deploymentTypes: [applyTypeFlags(type, flags)],
  }
}

/**
 * The next revision of `current` with the flags given laid over it: application fields, and the
 * fields of the deployment type `--type-id` names (needed when there are several). `content`,
 * when given, replaces the type's content list.
 */
export function revisionFromFlags(
  current: Application,
  flags: AppFlags,
  content: readonly ContentEntry[] | undefined,
  iconSha256?: string,
): ApplicationInput {
  const types = current.deploymentTypes
  const index =
    flags.typeId === undefined ? (types.length === 1 ? 0 : -1) : types.findIndex((t) => t.id === flags.typeId)
  if (index === -1) {
    const ids = types.map((t) => t.id).join(', ')
    throw new UsageError(
      flags.typeId === undefined
        ? `app revise: ${current.id} has ${types.length} deployment types (${ids}); say which with --type-id`
        : `app revise: --type-id ${flags.typeId} is not a deployment type of ${current.id} (${ids})`,
    )
  }
  const { id: _id, revision: _revision, ...fields } = current
  return {
    ...fields,
    ...(flags.name === undefined ? {} : { name: flags.name }),
    ...(flags.publisher === undefined ? {} : { publisher: flags.publisher }),
    ...(flags.appVersion === undefined ? {} : { version: flags.appVersion }),
    ...(flags.description === undefined ? {} : { description: flags.description }),
    ...(iconSha256 === undefined ? {} : { iconSha256 }),
    deploymentTypes: types.map((type, i) => {
      if (i !== index) return type
      const detection = detectionFromFlags(flags)
      return applyTypeFlags(
        {
          ...type,
          ...(flags.platform === undefined
            ? {}
            : { platform: choice('--platform', flags.platform, PLATFORMS) }),
          ...(flags.typeName === undefined ? {} : { name: flags.typeName }),
          ...(flags.install === undefined ? {} : { install: commandLine('--install', flags.install) }),
          ...(detection === undefined ? {} : { detection }),
          ...(content === undefined ? {} : { content: [...content] }),
        },
        flags,
      )
    }),
  }
}

function applyTypeFlags(type: DeploymentTypeInput, flags: AppFlags): DeploymentTypeInput {
  return {
    ...type,
    ...(flags.linuxFamily === undefined
      ? {}
      : { linuxFamily: choice('--linux-family', flags.linuxFamily, LINUX_FAMILIES) }),
    ...(flags.uninstall === undefined ? {} : { uninstall: commandLine('--uninstall', flags.uninstall) }),
    ...(flags.workingDir === undefined ? {} : { workingDirectory: flags.workingDir }),
    ...(flags.runAs === undefined ? {} : { runAs: choice('--run-as', flags.runAs, RUN_AS) }),
    ...(flags.successAction === undefined
      ? {}
      : { successAction: choice('--success-action', flags.successAction, SUCCESS_ACTIONS) }),
    ...(flags.maxRunMinutes === undefined ? {} : { maxRunMinutes: flags.maxRunMinutes }),
    ...(flags.estimatedRunMinutes === undefined ? {} : { estimatedRunMinutes: flags.estimatedRunMinutes }),
    ...(flags.userVisible === undefined ? {} : { userVisible: flags.userVisible }),
  }
}

/** The detection method the flags give, or `undefined` when none does; two at once is refused. */
export function detectionFromFlags(flags: AppFlags): DetectionMethod | undefined {
  const given = [
    flags.detectFile === undefined ? undefined : '--detect-file',
    flags.detectPackage === undefined ? undefined : '--detect-package',
    flags.detectScript === undefined ? undefined : '--detect-script',
  ].filter((f) => f !== undefined)
  if (given.length > 1) throw new UsageError(`give one detection method, not ${given.join(' and ')}`)
  if (flags.detectFile !== undefined) return { kind: 'file_exists', path: flags.detectFile }
  if (flags.detectScript !== undefined) {
    return {
      kind: 'script',
      command: commandLine('--detect-script', flags.detectScript),
      installedExitCode: 0,
      timeoutSeconds: 60,
    }
  }
  if (flags.detectPackage === undefined) return undefined
  const match = /^([a-z]+):([^@]+)(?:@(.+))?$/.exec(flags.detectPackage)
  if (match === null) {
    throw new UsageError(
      `--detect-package is MANAGER:NAME or MANAGER:NAME@MIN_VERSION (dpkg:editor@2.1), got "${flags.detectPackage}"`,
    )
  }
  const [, manager = '', name = '', minVersion] = match
  return {
    kind: 'package',
    manager: choice('--detect-package manager', manager, PACKAGE_MANAGERS),
    name,
    ...(minVersion === undefined ? {} : { minVersion }),
  }
}

/**
 * `argv` as given, one flag per argument. A lone argument with a blank in it is a shell command
 * line squeezed into one flag — refused, because the agent would look for a program of that
 * whole name — unless it reads as a path with blanks: its first word holds a path separator and
 * no switch, pipe, `&&` or redirection follows (`C:\Program Files\Editor\setup.exe`).
 */
export function commandLine(flag: string, argv: readonly string[]): string[] {
  const [program] = argv
  if (argv.length === 1 && program !== undefined && looksLikeShellLine(program.trim())) {
    const words = program.trim().split(/\s+/)
    throw new UsageError(
      `${flag} "${program}" is a shell command line; the agent runs commands without a shell, so ` +
        `give the program and each argument as its own ${flag} (${words.map((w) => `${flag} ${w}`).join(' ')})`,
    )
  }
  return [...argv]
}

function looksLikeShellLine(text: string): boolean {
  if (!/\s/.test(text)) return false
  const firstWord = text.split(/\s/)[0] ?? ''
  return !/[\\/]/.test(firstWord) || /\s[-/]|[|;&<>`]|\$\(/.test(text)
}

function choice<T extends string>(flag: string, value: string, allowed: readonly T[]): T {
  const found = allowed.find((a) => a === value)
  if (found === undefined)
    throw new UsageError(`${flag} must be one of ${allowed.join(', ')}, got "${value}"`)
  return found
}
