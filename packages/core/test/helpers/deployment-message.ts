import type { StatusMessage } from '@sitrep/protocol'
import { buildStatusMessage } from './build-status-message.ts'

/**
 * Builds a client software-distribution message (module `SMS Client`, component `Software
 * Distribution`) about deployment `deploymentId` from `machine`, with the given ID and time.
 */
export function buildDeploymentMessage(
  deploymentId: string,
  machine: string,
  messageId: number,
  createdAt: number,
  overrides: Partial<StatusMessage> = {},
): StatusMessage {
  return buildStatusMessage({
    origin: { kind: 'client', id: `GUID:${machine}` },
    module: 'SMS Client',
    component: 'Software Distribution',
    machine,
    messageId,
    createdAt,
    attributes: [{ id: 401, value: deploymentId }],
    ...overrides,
  })
}
