/** Words for an application's parts: detection methods, requirements, platforms, argv. Pure. */
import type { DeploymentType, DetectionMethod, Requirement } from '@sitrep/protocol'

export const PLATFORM_TEXT = {
  linux: 'Linux',
  macos: 'macOS',
  windows: 'Windows',
  any: 'Any platform',
} as const

/** `Linux (Debian family)`, `macOS`, `Any platform`. */
export function describePlatform(type: Pick<DeploymentType, 'platform' | 'linuxFamily'>): string {
  const name = PLATFORM_TEXT[type.platform]
  return type.platform === 'linux' && type.linuxFamily !== 'any'
    ? `${name} (${type.linuxFamily} family)`
    : name
}

/**
 * An argv as a reader sees it: each argument on its own, quoted only when it holds a space or
 * a quote, so `["/usr/bin/dpkg", "-i", "my file.deb"]` reads `/usr/bin/dpkg -i "my file.deb"`.
 * It is never run through a shell; this is only for reading.
 */
export function describeArgv(argv: readonly string[]): string {
  return argv.map((a) => (a === '' || /[\s"']/.test(a) ? JSON.stringify(a) : a)).join(' ')
}

/** One sentence per detection clause; combinations in brackets. */
export function describeDetection(method: DetectionMethod): string {
  switch (method.kind) {
    case 'file_exists':
      return `file ${method.path} exists`
    case 'file_version':
      return `file ${method.path} holds version ${method.minVersion} or later`
    case 'package':
      return `${method.manager} package ${method.name} is installed${method.minVersion === undefined ? '' : ` at ${method.minVersion} or later`}`
    case 'registry': {
      const value = `${method.hive}\\${method.key}\\${method.valueName === '' ? '(default)' : method.valueName}`
      if (method.operator === 'exists') return `registry value ${value} exists`
      return `registry value ${value} ${method.operator === 'equals' ? 'equals' : 'is at least version'} ${method.value ?? ''}`
    }
    case 'script':
      return `script ${describeArgv(method.command)} exits with ${method.installedExitCode}${method.outputContains === undefined ? '' : ` and prints "${method.outputContains}"`}`
    case 'all':
    case 'any':
      return `${method.kind === 'all' ? 'all of' : 'any of'} (${method.clauses.map(describeDetection).join('; ')})`
  }
}

/** A requirement in words. */
export function describeRequirement(requirement: Requirement): string {
  switch (requirement.kind) {
    case 'os': {
      const family =
        requirement.linuxFamily === undefined || requirement.linuxFamily === 'any'
          ? ''
          : ` ${requirement.linuxFamily}`
      return `${PLATFORM_TEXT[requirement.platform]}${family}${requirement.minVersion === undefined ? '' : ` ${requirement.minVersion} or later`}`
    }
    case 'architecture':
      return `architecture ${requirement.values.join(' or ')}`
    case 'free_disk':
      return `${requirement.minMegabytes} MB free on ${requirement.path}`
    case 'memory':
      return `${requirement.minMegabytes} MB of memory`
  }
}

const SUCCESS_TEXT = { none: 'nothing', logoff: 'a log-off', restart: 'a restart' } as const

/** What a successful run asks for and which exit codes count as success. */
export function describeSuccess(type: Pick<DeploymentType, 'successAction' | 'successExitCodes'>): string {
  const extra = type.successExitCodes.length === 0 ? '' : `, also ${type.successExitCodes.join(', ')}`
  return `asks for ${SUCCESS_TEXT[type.successAction]}; success exit codes 0${extra}; 3010 asks for a restart, 1641 restarted, 1618 retries later`
}
