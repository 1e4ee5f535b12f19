/**
 * What the person at the machine can do from any surface — request an install, cancel a
 * request, snooze or accept a restart, dismiss a notification — each done through the agent
 * and reported back to the site as the indicator's status message.
 */
import type { InstallRequestReply, PendingRestart } from '@sitrep/protocol'
import type { AgentClient } from '../client/agent-client.ts'
import type { IndicatorSurface } from './indicator-reports.ts'
import { indicatorReport } from './indicator-reports.ts'

/** The actions of one surface. */
export interface UserActions {
  requestInstall(app: { readonly deploymentId: string; readonly name: string }): Promise<InstallRequestReply>
  cancelRequest(job: { readonly jobId: string; readonly applicationName: string }): Promise<void>
  snooze(minutes: number, deadline: number | null): Promise<PendingRestart>
  restartNow(kind: 'restart' | 'logoff'): Promise<void>
  notificationDismissed(summary: string): Promise<void>
}

/** Builds the actions of `surface` over `client`; `clock` gives epoch ms. */
export function createUserActions(
  client: AgentClient,
  surface: IndicatorSurface,
  clock: () => number,
): UserActions {
  const send = async (report: Parameters<typeof indicatorReport>[0]): Promise<void> => {
    const body = indicatorReport(report)
    await client.report(body.messageId, body.insertionStrings)
  }
  return {
    async requestInstall(app) {
      const reply = await client.requestInstall(app.deploymentId)
      await send({
        kind: 'install_requested',
        surface,
        applicationName: app.name,
        deploymentId: app.deploymentId,
        position: reply.position,
        estimatedStartAt: reply.estimatedStartAt,
        now: clock(),
      })
      return reply
    },
    async cancelRequest(job) {
      await client.cancel(job.jobId)
      await send({
        kind: 'request_cancelled',
        surface,
        applicationName: job.applicationName,
        jobId: job.jobId,
      })
    },
    async snooze(minutes, deadline) {
      const restart = await client.snooze(minutes)
      await send({ kind: 'restart_snoozed', surface, minutes, deadline, now: clock() })
      return restart
    },
    async restartNow(kind) {
      // Reported first: once the agent restarts the machine there is no later moment to say so.
      await send({ kind: 'restart_accepted', surface, restartKind: kind })
      await client.acceptRestart()
    },
    async notificationDismissed(summary) {
      await send({ kind: 'notification_dismissed', surface, summary })
    },
  }
}
