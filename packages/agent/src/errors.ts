/**
 * Errors of the agent. Outcomes a caller must handle (a refused policy, requirements not met,
 * a wrong hash) are values, not errors; these are for the edges: bad configuration, unsafe
 * state, a local API request refused.
 */

export const AGENT_ERROR_CODES = [
  'invalid_config',
  'state_dir_unsafe',
  'not_registered',
  'policy_refused',
  'content_refused',
  'forbidden',
  'not_found',
  'invalid_request',
  'agent_unreachable',
  'agent_stopped',
] as const
export type AgentErrorCode = (typeof AGENT_ERROR_CODES)[number]

/** The one error class of the agent; `code` says what went wrong. */
export class AgentError extends Error {
  override name = 'AgentError'
  readonly code: AgentErrorCode
  constructor(code: AgentErrorCode, message: string, options?: ErrorOptions) {
    super(message, options)
    this.code = code
  }
}

/** True for an {@link AgentError}. */
export function isAgentError(error: unknown): error is AgentError {
  return error instanceof AgentError
}
