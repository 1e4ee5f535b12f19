/**
 * The deployment status summarizer's read side (reference §10.5): the software-distribution
 * reports the status manager appended inside its batch transactions are folded into
 * per-(deployment, client) statuses and counted with core's `deploymentCounts`.
 */
import type { ClientDeploymentStatus, DeploymentCounts, DeploymentTrackEntry } from '@sitrep/core'
import { deploymentCounts, deploymentStateOfMessage, deploymentStateTrack } from '@sitrep/core'
import type { DeploymentReport, SummaryStore } from '@sitrep/store'
import { SUMMARY_KINDS, parseDeploymentTargets } from './summary-state-codec.ts'

function isNewer(report: DeploymentReport, entry: DeploymentTrackEntry | undefined): boolean {
  return (
    entry === undefined ||
    report.createdAt > entry.time ||
    (report.createdAt === entry.time && report.sequence > entry.sequence)
  )
}

/**
 * Folds reports into client statuses the way core's `applyDeploymentMessage` folds messages: a
 * state-setting report replaces its track's entry only when newer (by time, then sequence).
 */
export function foldDeploymentReports(reports: readonly DeploymentReport[]): ClientDeploymentStatus[] {
  const statuses = new Map<string, ClientDeploymentStatus>()
  for (const r of reports) {
    const key = `${r.deploymentId.toUpperCase()}\u0000${r.client.toUpperCase()}`
    const base = statuses.get(key) ?? {
      deploymentId: r.deploymentId,
      client: r.client,
      lastReportedAt: r.createdAt,
    }
    const lastReportedAt = Math.max(base.lastReportedAt, r.createdAt)
    const state = deploymentStateOfMessage(r.messageId)
    const track = state === undefined ? undefined : deploymentStateTrack(state)
    if (state === undefined || track === undefined || !isNewer(r, base[track])) {
      statuses.set(key, { ...base, lastReportedAt })
      continue
    }
    const entry = {
      messageId: r.messageId,
      state,
      severity: r.severity,
      time: r.createdAt,
      sequence: r.sequence,
      ...(r.exitCode === undefined || r.exitCode === null ? {} : { exitCode: r.exitCode }),
    }
    statuses.set(key, { ...base, lastReportedAt, [track]: entry })
  }
  return [...statuses.values()]
}

/** One deployment's counts, as `GET /api/v1/summaries/deployments` lists them. */
export interface DeploymentSummary extends DeploymentCounts {
  readonly deploymentId: string
}

/** Counts every deployment that has reports or named targets. */
export async function readDeploymentSummaries(
  store: SummaryStore,
  deploymentId?: string,
): Promise<{ readonly summaries: DeploymentSummary[]; readonly clients: ClientDeploymentStatus[] }> {
  const [reports, targetEntries] = await Promise.all([
    store.listDeploymentReports(deploymentId === undefined ? {} : { deploymentId }),
    store.listSummaries(SUMMARY_KINDS.deploymentTargets),
  ])
  const targets = parseDeploymentTargets(targetEntries)
  const clients = foldDeploymentReports(reports)
  const ids = new Map<string, string>()
  for (const c of clients)
    if (!ids.has(c.deploymentId.toUpperCase())) ids.set(c.deploymentId.toUpperCase(), c.deploymentId)
  for (const [key, t] of targets) if (!ids.has(key)) ids.set(key, t.deploymentId)
  const wanted = deploymentId?.toUpperCase()
  const summaries = [...ids]
    .filter(([key]) => wanted === undefined || key === wanted)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([key, id]) => ({
      deploymentId: id,
      ...deploymentCounts(id, clients, targets.get(key)?.machines ?? []),
    }))
  return { summaries, clients }
}
