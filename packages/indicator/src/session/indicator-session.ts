/**
 * One indicator session: follows the agent, keeps track of the user's own jobs, presents the
 * view in the session's locale and hands each changed view to a surface — also when only the
 * clock changed the words (a countdown, "starts in about n minutes").
 */
import type { AgentActivity } from '@sitrep/protocol'
import type { AgentWatch } from '../client/watch-agent.ts'
import { watchAgent } from '../client/watch-agent.ts'
import type { AgentConnection, IndicatorView } from '../presenter/indicator-view.ts'
import type { IndicatorLocale } from '../presenter/locale.ts'
import { presentIndicator, trackOwnJobs } from '../presenter/present-indicator.ts'

/** Options of {@link startIndicatorSession}. */
export interface IndicatorSessionOptions {
  readonly socketPath: string
  readonly locale: IndicatorLocale
  readonly userName: string | null
  /** Epoch ms. */
  readonly clock: () => number
  /** Called with every view that differs from the one before. */
  readonly onView: (view: IndicatorView, connection: AgentConnection) => void
  readonly reconnectDelayMs?: (attempt: number) => number
}

/** A running session. */
export interface IndicatorSession {
  /** The latest view. */
  view(): IndicatorView
  connection(): AgentConnection
  /** Also calls `listener` with every changed view; returns the way to stop. */
  subscribe(listener: (view: IndicatorView) => void): () => void
  /** The latest activity, `null` while the agent is away. */
  activity(): AgentActivity | null
  close(): void
}

/** Starts a session; the first view (connecting) is delivered before this returns. */
export function startIndicatorSession(options: IndicatorSessionOptions): IndicatorSession {
  let connection: AgentConnection = { state: 'connecting', socketPath: options.socketPath }
  let own: ReadonlySet<string> = new Set()
  let last: IndicatorView | null = null
  let lastJson = ''
  let timer: NodeJS.Timeout | null = null
  let closed = false
  const listeners = new Set<(view: IndicatorView) => void>()

  const present = (): void => {
    if (closed) return
    if (timer !== null) clearTimeout(timer)
    const view = presentIndicator(connection, {
      locale: options.locale,
      now: options.clock(),
      userName: options.userName,
      ownJobIds: own,
    })
    last = view
    const json = JSON.stringify(view)
    if (json !== lastJson) {
      lastJson = json
      options.onView(view, connection)
      for (const listener of listeners) listener(view)
    }
    timer = setTimeout(present, view.refreshInMs)
  }

  const watch: AgentWatch = watchAgent({
    socketPath: options.socketPath,
    ...(options.reconnectDelayMs === undefined ? {} : { reconnectDelayMs: options.reconnectDelayMs }),
    onChange(next) {
      connection = next
      if (next.state === 'connected') own = trackOwnJobs(own, next.activity, options.userName)
      present()
    },
  })

  return {
    view() {
      // watchAgent reports `connecting` synchronously, so a view exists from the start.
      if (last === null) throw new Error('the indicator session has no view yet')
      return last
    },
    connection: () => connection,
    subscribe(listener) {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
    activity: () => (connection.state === 'connected' ? connection.activity : null),
    close() {
      closed = true
      if (timer !== null) clearTimeout(timer)
      watch.close()
    },
  }
}
