/**
 * Follows the agent's activity stream and keeps following it: when the agent stops or
 * restarts the watcher says so (`unreachable`, with the problem) and connects again with a
 * growing delay, so an indicator started before the agent, or outliving one, recovers by itself.
 */
import type { ClientRequest } from 'node:http'
import { get } from 'node:http'
import { AgentActivitySchema } from '@sitrep/protocol'
import type { AgentConnection } from '../presenter/indicator-view.ts'
import { socketErrorToProblem } from './agent-client.ts'
import { createSseParser } from './sse-frames.ts'

/** Delay before reconnect attempt `attempt` (0 first): 250 ms doubling to at most 5 s. */
export function reconnectDelayMs(attempt: number): number {
  return Math.min(5_000, 250 * 2 ** Math.min(attempt, 5))
}

/** Options of {@link watchAgent}. */
export interface WatchAgentOptions {
  readonly socketPath: string
  /** Called on every snapshot and every change of the connection. */
  readonly onChange: (connection: AgentConnection) => void
  readonly reconnectDelayMs?: (attempt: number) => number
}

/** A running watcher. */
export interface AgentWatch {
  close(): void
}

/** Starts following the agent on `socketPath`. */
export function watchAgent(options: WatchAgentOptions): AgentWatch {
  const { socketPath, onChange } = options
  const delay = options.reconnectDelayMs ?? reconnectDelayMs
  let attempt = 0
  let closed = false
  let current: ClientRequest | null = null
  let timer: NodeJS.Timeout | null = null

  const retry = (connection: AgentConnection): void => {
    if (closed) return
    onChange(connection)
    timer = setTimeout(connect, delay(attempt))
    attempt += 1
  }

  function connect(): void {
    timer = null
    if (closed) return
    let connected = false
    let ended = false
    const end = (connection: AgentConnection): void => {
      if (ended) return
      ended = true
      current?.destroy()
      current = null
      retry(connection)
    }
    const req = get(
      { socketPath, path: '/v1/activity/stream', headers: { accept: 'text/event-stream' } },
      (response) => {
        if (response.statusCode !== 200) {
          response.resume()
          return end({ state: 'unreachable', socketPath, problem: 'bad_reply' })
        }
        const parser = createSseParser()
        response.setEncoding('utf8')
        response.on('data', (chunk: string) => {
          for (const event of parser.push(chunk)) {
            if (event.event !== 'activity') continue
            let value: unknown
            try {
              value = JSON.parse(event.data)
            } catch {
              value = undefined
            }
            const parsed = AgentActivitySchema.safeParse(value)
            if (!parsed.success) return end({ state: 'unreachable', socketPath, problem: 'bad_reply' })
            connected = true
            attempt = 0
            onChange({ state: 'connected', socketPath, activity: parsed.data })
          }
        })
        response.on('end', () => end({ state: 'unreachable', socketPath, problem: 'lost' }))
        response.on('error', () => end({ state: 'unreachable', socketPath, problem: 'lost' }))
      },
    )
    req.on('error', (error) =>
      end({ state: 'unreachable', socketPath, problem: connected ? 'lost' : socketErrorToProblem(error) }),
    )
    current = req
  }

  onChange({ state: 'connecting', socketPath })
  connect()
  return {
    close() {
      closed = true
      if (timer !== null) clearTimeout(timer)
      current?.destroy()
      current = null
    },
  }
}
