/** Errors of the indicator: the agent cannot be reached, or it refused what the user asked. */
import type { AgentProblem } from './presenter/texts.ts'

export const INDICATOR_ERROR_CODES = ['agent_unreachable', 'agent_refused'] as const
export type IndicatorErrorCode = (typeof INDICATOR_ERROR_CODES)[number]

/** Base class of the indicator's errors. */
export class IndicatorError extends Error {
  override name = 'IndicatorError'
  readonly code: IndicatorErrorCode
  constructor(code: IndicatorErrorCode, message: string, options?: ErrorOptions) {
    super(message, options)
    this.code = code
  }
}

/** The agent's socket cannot be reached or answered something unreadable; `problem` says which. */
export class AgentUnreachableError extends IndicatorError {
  override name = 'AgentUnreachableError'
  readonly problem: AgentProblem
  constructor(problem: AgentProblem, message: string, options?: ErrorOptions) {
    super('agent_unreachable', message, options)
    this.problem = problem
  }
}

/** The agent answered with an error (e.g. nothing to snooze); `agentCode` is its error code. */
export class AgentRefusedError extends IndicatorError {
  override name = 'AgentRefusedError'
  readonly status: number
  readonly agentCode: string
  constructor(status: number, agentCode: string, message: string) {
    super('agent_refused', message)
    this.status = status
    this.agentCode = agentCode
  }
}
