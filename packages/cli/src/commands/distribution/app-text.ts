/**
 * How `sitrep app list` and `app show` print applications: a table, and one application with its
 * deployment types, content, detection and revisions. Site text passes through `cellText`, so
 * nothing it holds can move the cursor or break a line.
 */
import type { ApplicationView } from '@sitrep/api'
import type { DeploymentType, DetectionMethod } from '@sitrep/protocol'
import { countOf } from '../../plural.ts'
import { cellText } from '../../site-api.ts'
import { formatTable } from '../../text-table.ts'

/** One revision in the list `app show` ends with. */
export interface RevisionLine {
  readonly revision: number
  readonly createdAt: string
  readonly createdBy: string
}

/** The application table of `sitrep app list`. */
export function formatApplicationTable(applications: readonly ApplicationView[]): string {
  if (applications.length === 0) return 'no applications yet; add one with `sitrep app create`\n'
  return formatTable(
    ['ID', 'NAME', 'VERSION', 'PUBLISHER', 'REVISION', 'PLATFORMS'],
    applications.map((a) => [
      cellText(a.id),
      cellText(a.name),
      cellText(a.application.version),
      cellText(a.application.publisher),
      String(a.revision),
      cellText(a.application.deploymentTypes.map(platformOf).join(', ')),
    ]),
    new Set([4]),
  )
}

/** `sitrep app show`: the application, each deployment type, and its revisions. */
export function formatApplication(view: ApplicationView, revisions: readonly RevisionLine[]): string {
  const app = view.application
  const title = [cellText(app.name), cellText(app.version)].filter((t) => t !== '').join(' ')
  const by = app.publisher === '' ? '' : ` by ${cellText(app.publisher)}`
  const lines = [
    `${cellText(view.id)}  ${title}${by}`,
    `revision ${view.revision} of ${view.latestRevision}, made ${view.revisedAt} by ${cellText(view.revisedBy)}` +
      (view.removedAt === null ? '' : `; removed ${view.removedAt}`),
  ]
  if (app.description !== '') lines.push(cellText(app.description))
  if (app.iconSha256 !== undefined) lines.push(`icon sha256 ${app.iconSha256}`)
  for (const type of app.deploymentTypes) lines.push('', ...formatDeploymentType(type))
  lines.push(
    '',
    `revisions: ${revisions.map((r) => `${r.revision} (${r.createdAt}, ${cellText(r.createdBy)})`).join(', ')}`,
  )
  return `${lines.join('\n')}\n`
}

function formatDeploymentType(type: DeploymentType): string[] {
  const rows: [string, string][] = [
    ['platform', platformOf(type)],
    ['install', argvText(type.install)],
  ]
  if (type.uninstall !== undefined) rows.push(['uninstall', argvText(type.uninstall)])
  if (type.workingDirectory !== undefined) rows.push(['directory', cellText(type.workingDirectory)])
  for (const file of type.content) {
    rows.push(['content', `${cellText(file.path)}  ${countOf(file.size, 'byte')}  sha256 ${file.sha256}`])
  }
  rows.push(['detection', detectionText(type.detection)])
  for (const requirement of type.requirements) rows.push(['requires', cellText(requirement)])
  rows.push([
    'runs',
    `as ${type.runAs}${type.userVisible ? ', visible to the user' : ''}, about ${type.estimatedRunMinutes} min, ` +
      `at most ${type.maxRunMinutes} min; on success: ${type.successAction}`,
  ])
  const width = Math.max(...rows.map(([label]) => label.length))
  return [
    `deployment type ${cellText(type.id)}: ${cellText(type.name)}`,
    ...rows.map(([label, text]) => `  ${label.padEnd(width)}  ${text}`),
  ]
}

function platformOf(type: Pick<DeploymentType, 'platform' | 'linuxFamily'>): string {
  return type.platform === 'linux' && type.linuxFamily !== 'any' ? `linux/${type.linuxFamily}` : type.platform
}

/** A command line as a person reads it: arguments with blanks or quotes are JSON-quoted. */
export function argvText(argv: readonly string[]): string {
  return argv.map((a) => (a === '' || /[\s"'\\]/.test(a) ? JSON.stringify(a) : cellText(a))).join(' ')
}

/** A detection method in one line. */
export function detectionText(method: DetectionMethod): string {
  switch (method.kind) {
    case 'file_exists':
      return `file ${cellText(method.path)} exists`
    case 'file_version':
      return `file ${cellText(method.path)} holds version ${cellText(method.minVersion)} or later`
    case 'package':
      return `${method.manager} package ${cellText(method.name)}${method.minVersion === undefined ? '' : ` ${cellText(method.minVersion)} or later`} installed`
    case 'registry':
      return `registry ${method.hive}\\${cellText(method.key)} ${cellText(method.valueName)} ${method.operator} ${cellText(method.value ?? '')}`.trimEnd()
    case 'script':
      return `${argvText(method.command)} exits ${method.installedExitCode}${method.outputContains === undefined ? '' : ` and prints "${cellText(method.outputContains)}"`}`
    case 'all':
    case 'any':
      return `${method.kind} of (${method.clauses.map(detectionText).join('; ')})`
  }
}
