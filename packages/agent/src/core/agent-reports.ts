/**
 * The agent's own status messages (module `Sitrep Agent`, IDs 42000–42199): start, user
 * actions, enforced restarts, refused policy and refused local requests. Pure.
 */
import type { MessageType, Severity } from '@sitrep/protocol'
import { AGENT_MODULE, ATTRIBUTE } from '@sitrep/protocol'
import type { DeploymentReport } from './deployment-reports.ts'

/** Something the agent reports about itself. */
export type AgentEvent =
  | { readonly kind: 'started'; readonly version: string }
  | {
      readonly kind: 'user_requested'
      readonly deploymentId: string
      readonly application: string
      readonly userName: string
    }
  | { readonly kind: 'restart_snoozed'; readonly minutes: number }
  | { readonly kind: 'restart_enforced'; readonly reason: string }
  | { readonly kind: 'logoff_enforced'; readonly reason: string }
  | {
      readonly kind: 'policy_refused'
      readonly policyId: string
      readonly reason: string
      readonly detail: string
    }
  | {
      readonly kind: 'local_request_refused'
      readonly route: string
      readonly userName: string
      readonly uid: number
      readonly detail: string
    }

/** Message ID and severity of each event, as `catalogue/sitrep-agent` defines them. */
export const AGENT_EVENT_MESSAGES = {
  started: { messageId: 42000, severity: 'informational', messageType: 'milestone' },
  user_requested: { messageId: 42001, severity: 'informational', messageType: 'audit' },
  restart_snoozed: { messageId: 42002, severity: 'informational', messageType: 'audit' },
  restart_enforced: { messageId: 42003, severity: 'warning', messageType: 'milestone' },
  logoff_enforced: { messageId: 42004, severity: 'warning', messageType: 'milestone' },
  policy_refused: { messageId: 42005, severity: 'error', messageType: 'milestone' },
  local_request_refused: { messageId: 42010, severity: 'warning', messageType: 'audit' },
} as const satisfies Record<
  AgentEvent['kind'],
  { messageId: number; severity: Severity; messageType: MessageType }
>

function strings(event: AgentEvent): readonly string[] {
  switch (event.kind) {
    case 'started':
      return [event.version]
    case 'user_requested':
      return [event.deploymentId, event.application, event.userName]
    case 'restart_snoozed':
      return [String(event.minutes)]
    case 'restart_enforced':
    case 'logoff_enforced':
      return [event.reason]
    case 'policy_refused':
      return [event.policyId, event.reason, event.detail]
    case 'local_request_refused':
      return [event.route, event.userName, String(event.uid), event.detail]
  }
}

/** The status message of an agent event. */
export function agentReport(event: AgentEvent): DeploymentReport {
  const { messageId, severity, messageType } = AGENT_EVENT_MESSAGES[event.kind]
  const attributes =
    event.kind === 'policy_refused' || event.kind === 'user_requested'
      ? [
          {
            id: ATTRIBUTE.deploymentId,
            value: event.kind === 'policy_refused' ? event.policyId : event.deploymentId,
          },
        ]
      : []
  return {
    severity,
    messageType,
    messageId,
    module: AGENT_MODULE,
    component: 'Sitrep Agent',
    insertionStrings: strings(event).map((s) => (s.length <= 255 ? s : `${s.slice(0, 254)}…`)),
    attributes,
  }
}
