/**
 * How `sitrep deploy` prints: the deployment table, a deployment's settings in one line, and
 * its status — the count and share of the expected reporters in every state, "not yet
 * reported" and "unreachable" included, and the clients behind them.
 */
import type { DeploymentStatusView, DeploymentView } from '@sitrep/api'
import { CLIENT_DEPLOYMENT_STATES } from '@sitrep/protocol'
import type { ClientDeploymentState } from '@sitrep/protocol'
import { countOf } from '../../plural.ts'
import { cellText } from '../../site-api.ts'
import { formatTable } from '../../text-table.ts'

/** Each state as a person reads it. */
export const STATE_LABELS: Readonly<Record<ClientDeploymentState, string>> = {
  success: 'success',
  in_progress: 'in progress',
  waiting_another_installation: 'waiting for another installation',
  waiting_maintenance_window: 'waiting for a maintenance window',
  waiting_content: 'waiting for content',
  requirements_not_met: 'requirements not met',
  restart_pending: 'restart pending',
  error: 'error',
  not_reported: 'not yet reported',
  unreachable: 'unreachable',
}

/** The table of `sitrep deploy list`. */
export function formatDeploymentTable(deployments: readonly DeploymentView[]): string {
  if (deployments.length === 0) return 'no deployments; create one with `sitrep deploy create`\n'
  return formatTable(
    ['ID', 'APPLICATION', 'REV', 'COLLECTION', 'INTENT', 'PURPOSE', 'AVAILABLE', 'DEADLINE', 'STATE'],
    deployments.map((d) => [
      d.id,
      `${cellText(d.applicationName)} (${cellText(d.applicationId)})`,
      String(d.revision),
      `${cellText(d.collectionName)} (${cellText(d.collectionId)})`,
      d.settings.intent,
      d.settings.purpose,
      d.settings.availableAt,
      d.settings.deadline ?? '-',
      d.cancelledAt === null ? 'active' : 'cancelled',
    ]),
    new Set([2]),
  )
}

/** `PS120001: install Editor revision 1 on Debian machines (PS110001), required, …`. */
export function deploymentLine(d: DeploymentView): string {
  const s = d.settings
  const timing =
    s.intent === 'required'
      ? `required, available ${s.availableAt}, deadline ${s.deadline ?? 'as soon as possible'}`
      : `available from ${s.availableAt}`
  const cancelled = d.cancelledAt === null ? '' : `; cancelled ${d.cancelledAt} by ${cellText(d.cancelledBy)}`
  return (
    `${d.id}: ${s.purpose} ${cellText(d.applicationName)} (${cellText(d.applicationId)}) revision ${d.revision} ` +
    `on ${cellText(d.collectionName)} (${cellText(d.collectionId)}), ${timing}${cancelled}`
  )
}

/**
 * `sitrep deploy status`: the deployment, its expected reporters, one row per state with the
 * count and percentage, and — when `clients` — the clients, one row each.
 */
export function formatDeploymentStatus(
  deployment: DeploymentView,
  status: DeploymentStatusView,
  options: { readonly clients: boolean },
): string {
  const head = `${deploymentLine(deployment)}\n${countOf(status.expected, 'expected reporter')}\n\n`
  const counts = formatTable(
    ['STATE', 'CLIENTS', 'PERCENT'],
    CLIENT_DEPLOYMENT_STATES.map((state) => [
      STATE_LABELS[state],
      String(status.counts[state]),
      `${status.percentages[state].toFixed(1)}%`,
    ]),
    new Set([1, 2]),
  )
  if (!options.clients) return head + counts
  if (status.clients.length === 0) return `${head}${counts}\nno clients in this state\n`
  const clients = formatTable(
    ['CLIENT', 'MACHINE', 'STATE', 'EXIT CODE', 'MESSAGE', 'AT'],
    status.clients.map((c) => [
      cellText(c.clientId),
      cellText(c.machine),
      STATE_LABELS[c.state],
      c.exitCode === undefined ? '' : String(c.exitCode),
      c.messageId === undefined ? (c.stateId === undefined ? '' : `state ${c.stateId}`) : String(c.messageId),
      c.at ?? '',
    ]),
  )
  return `${head}${counts}\n${clients}`
}
