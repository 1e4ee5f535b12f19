/**
 * Detection methods on this machine: whether a deployment type is installed, before and after
 * it runs. Linux is fully real here (files, file versions, dpkg and rpm packages, scripts);
 * Homebrew answers on macOS; MSI product codes and registry values need Windows and answer
 * "not detected" elsewhere, with the reason.
 */
import { readFile, stat } from 'node:fs/promises'
import type { DetectionMethod, PackageManager } from '@sitrep/protocol'
import { compareVersions } from '../core/compare-versions.ts'
import { runCommand } from './run-command.ts'

/** The answer of one detection, with the reason for people and the job's history. */
export interface Detection {
  readonly installed: boolean
  readonly reason: string
}

/** How detection runs programs; tests and the bench can swap the package manager query. */
export interface DetectionDeps {
  /** Runs a query program (dpkg-query, rpm, a detection script) with a timeout. */
  readonly run?: typeof runCommand
  readonly platform?: NodeJS.Platform
}

/** The installed version of `name` from the OS package manager, or `null` when not installed. */
export async function packageVersion(
  manager: PackageManager,
  name: string,
  deps: DetectionDeps = {},
): Promise<{ readonly version: string | null; readonly reason: string }> {
  const run = deps.run ?? runCommand
  const platform = deps.platform ?? process.platform
  switch (manager) {
    case 'dpkg': {
      const out = await run({
        argv: ['dpkg-query', '-W', '-f=${Status}\t${Version}', '--', name],
        timeoutMs: 30_000,
      })
      if (out.spawnError !== null)
        return { version: null, reason: `dpkg-query is not available: ${out.spawnError}` }
      const [status = '', version = ''] = out.output.trim().split('\t')
      // "install ok installed": anything else (config-files, half-installed) is not installed.
      if (out.exitCode === 0 && status.endsWith(' installed'))
        return { version, reason: `dpkg: ${name} ${version}` }
      return { version: null, reason: `dpkg: ${name} is not installed` }
    }
    case 'rpm': {
      const out = await run({
        argv: ['rpm', '-q', '--qf', '%{VERSION}-%{RELEASE}\\n', '--', name],
        timeoutMs: 30_000,
      })
      if (out.spawnError !== null) return { version: null, reason: `rpm is not available: ${out.spawnError}` }
      if (out.exitCode === 0) {
        const version = out.output.trim().split('\n')[0] ?? ''
        return { version, reason: `rpm: ${name} ${version}` }
      }
      return { version: null, reason: `rpm: ${name} is not installed` }
    }
    case 'brew': {
      if (platform !== 'darwin') return { version: null, reason: 'brew detection runs on macOS only' }
      const out = await run({ argv: ['brew', 'list', '--versions', name], timeoutMs: 60_000 })
      const version = out.exitCode === 0 ? (out.output.trim().split(/\s+/)[1] ?? null) : null
      return {
        version,
        reason: version === null ? `brew: ${name} is not installed` : `brew: ${name} ${version}`,
      }
    }
    case 'msi':
      return { version: null, reason: 'MSI product codes are detected on Windows only' }
  }
}

/** Evaluates a detection method. */
export async function detect(method: DetectionMethod, deps: DetectionDeps = {}): Promise<Detection> {
  switch (method.kind) {
    case 'all':
    case 'any': {
      const reasons: string[] = []
      for (const clause of method.clauses) {
        const result = await detect(clause, deps)
        reasons.push(result.reason)
        // Short-circuit as ConfigMgr's clauses do.
        if (method.kind === 'all' && !result.installed) return { installed: false, reason: result.reason }
        if (method.kind === 'any' && result.installed) return { installed: true, reason: result.reason }
      }
      return { installed: method.kind === 'all', reason: reasons.join('; ') }
    }
    case 'file_exists':
      try {
        await stat(method.path)
        return { installed: true, reason: `${method.path} exists` }
      } catch {
        return { installed: false, reason: `${method.path} does not exist` }
      }
    case 'file_version': {
      let text: string
      try {
        text = await readFile(method.path, 'utf8')
      } catch {
        return { installed: false, reason: `${method.path} does not exist` }
      }
      const version =
        method.versionPattern === undefined
          ? text.trim()
          : (new RegExp(method.versionPattern).exec(text)?.[1] ?? null)
      if (version === null || version === '')
        return { installed: false, reason: `${method.path} names no version` }
      const atLeast = compareVersions(version, method.minVersion) >= 0
      return {
        installed: atLeast,
        reason: `${method.path} has version ${version}${atLeast ? '' : `, below ${method.minVersion}`}`,
      }
    }
    case 'package': {
      const found = await packageVersion(method.manager, method.name, deps)
      if (found.version === null) return { installed: false, reason: found.reason }
      if (method.minVersion !== undefined && compareVersions(found.version, method.minVersion) < 0) {
        return { installed: false, reason: `${found.reason}, below ${method.minVersion}` }
      }
      return { installed: true, reason: found.reason }
    }
    case 'registry':
      return { installed: false, reason: 'registry detection runs on Windows only' }
    case 'script': {
      const run = deps.run ?? runCommand
      const out = await run({ argv: method.command, timeoutMs: method.timeoutSeconds * 1000 })
      if (out.spawnError !== null) return { installed: false, reason: `detection script: ${out.spawnError}` }
      if (out.timedOut)
        return { installed: false, reason: `detection script ran past ${method.timeoutSeconds} s` }
      const codeMatches = out.exitCode === method.installedExitCode
      const textMatches = method.outputContains === undefined || out.output.includes(method.outputContains)
      return {
        installed: codeMatches && textMatches,
        reason: `detection script exited ${out.exitCode}${textMatches ? '' : ` without "${method.outputContains}" in its output`}`,
      }
    }
  }
}
