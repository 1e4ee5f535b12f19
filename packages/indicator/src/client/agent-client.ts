/**
 * The agent's local API as the indicator calls it, over the agent's Unix socket: read the
 * activity, request an install, cancel one's request, snooze or accept a restart, and report a
 * user action as a status message. Every failure to reach the agent becomes an
 * {@link AgentUnreachableError} that says which problem it is.
 */
import type { IncomingMessage } from 'node:http'
import { request } from 'node:http'
import type { AgentActivity, InstallRequestReply, PendingRestart } from '@sitrep/protocol'
import { AgentActivitySchema, InstallRequestReplySchema, PendingRestartSchema } from '@sitrep/protocol'
import { AgentRefusedError, AgentUnreachableError } from '../errors.ts'
import type { AgentProblem } from '../presenter/texts.ts'

/** How long one call may take before the agent counts as unreachable. */
export const AGENT_CALL_TIMEOUT_MS = 10_000

/** The calls the indicator makes. */
export interface AgentClient {
  readonly socketPath: string
  activity(): Promise<AgentActivity>
  requestInstall(deploymentId: string, action?: 'install' | 'uninstall'): Promise<InstallRequestReply>
  cancel(jobId: string): Promise<void>
  snooze(minutes: number): Promise<PendingRestart>
  acceptRestart(): Promise<void>
  /** Sends an indicator status message (an ID of the indicator's range) through the agent's spool. */
  report(messageId: number, insertionStrings: readonly string[]): Promise<void>
}

/** Which problem a socket error means. */
export function socketErrorToProblem(error: unknown): AgentProblem {
  const code = (error as { code?: unknown } | null)?.code
  switch (code) {
    case 'ENOENT':
    case 'ENOTDIR':
      return 'no_socket'
    case 'ECONNREFUSED':
      return 'refused'
    case 'EACCES':
    case 'EPERM':
      return 'permission'
    default:
      return 'lost'
  }
}

/** Wraps a socket error in an {@link AgentUnreachableError} naming the socket. */
export function unreachable(socketPath: string, error: unknown): AgentUnreachableError {
  const problem = socketErrorToProblem(error)
  const detail = error instanceof Error ? error.message : String(error)
  return new AgentUnreachableError(
    problem,
    `the agent does not answer on ${socketPath} (${detail}); is it running? (systemctl status sitrep-agent)`,
    { cause: error },
  )
}

function readAll(response: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let text = ''
    response.setEncoding('utf8')
    response.on('data', (chunk: string) => (text += chunk))
    response.on('end', () => resolve(text))
    response.on('error', reject)
  })
}

/** Builds a client of the agent listening on `socketPath`. */
export function createAgentClient(socketPath: string): AgentClient {
  const call = (method: 'GET' | 'POST' | 'DELETE', path: string, body?: unknown): Promise<unknown> =>
    new Promise((resolve, reject) => {
      const payload = body === undefined ? undefined : JSON.stringify(body)
      const req = request(
        {
          socketPath,
          method,
          path,
          timeout: AGENT_CALL_TIMEOUT_MS,
          headers:
            payload === undefined
              ? {}
              : { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) },
        },
        (response) => {
          readAll(response).then(
            (text) => {
              let json: unknown
              try {
                json = JSON.parse(text)
              } catch (error) {
                return reject(
                  new AgentUnreachableError(
                    'bad_reply',
                    `the agent on ${socketPath} answered ${method} ${path} with something that is not JSON`,
                    { cause: error },
                  ),
                )
              }
              const status = response.statusCode ?? 500
              if (status >= 400) {
                const failure = (json as { error?: { code?: unknown; message?: unknown } } | null)?.error
                return reject(
                  new AgentRefusedError(
                    status,
                    typeof failure?.code === 'string' ? failure.code : 'unknown',
                    typeof failure?.message === 'string' ? failure.message : `the agent answered ${status}`,
                  ),
                )
              }
              resolve(json)
            },
            (error: unknown) => reject(unreachable(socketPath, error)),
          )
        },
      )
      req.on('timeout', () => req.destroy(new Error(`no answer within ${AGENT_CALL_TIMEOUT_MS} ms`)))
      req.on('error', (error) => reject(unreachable(socketPath, error)))
      req.end(payload)
    })

  const parse = <T>(
    schema: { safeParse(v: unknown): { success: true; data: T } | { success: false } },
    value: unknown,
    what: string,
  ): T => {
    const result = schema.safeParse(value)
    if (!result.success)
      throw new AgentUnreachableError(
        'bad_reply',
        `the agent on ${socketPath} sent ${what} this indicator cannot read; are the versions the same?`,
      )
    return result.data
  }

  return {
    socketPath,
    async activity() {
      return parse(AgentActivitySchema, await call('GET', '/v1/activity'), 'an activity')
    },
    async requestInstall(deploymentId, action = 'install') {
      return parse(
        InstallRequestReplySchema,
        await call('POST', '/v1/requests', { deploymentId, action }),
        'a request reply',
      )
    },
    async cancel(jobId) {
      await call('DELETE', `/v1/requests/${encodeURIComponent(jobId)}`)
    },
    async snooze(minutes) {
      const reply = (await call('POST', '/v1/restart/snooze', { minutes })) as { restart?: unknown } | null
      return parse(PendingRestartSchema, reply?.restart, 'a snooze reply')
    },
    async acceptRestart() {
      await call('POST', '/v1/restart/accept', {})
    },
    async report(messageId, insertionStrings) {
      await call('POST', '/v1/report', { messageId, insertionStrings })
    },
  }
}
