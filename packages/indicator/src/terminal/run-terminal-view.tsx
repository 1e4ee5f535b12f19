/**
 * Runs the terminal view: follows the agent through an indicator session, draws each view
 * with ink, and turns keys into the user's actions (request the selected application, withdraw
 * the request for it, snooze, restart after a second `r`). Resolves when the user quits or `until` resolves.
 */
import { render, useApp, useInput } from 'ink'
import { useEffect, useRef, useState, useSyncExternalStore } from 'react'
import { createAgentClient } from '../client/agent-client.ts'
import type { IndicatorView } from '../presenter/indicator-view.ts'
import type { IndicatorLocale } from '../presenter/locale.ts'
import { presentRequestReply, textsFor } from '../presenter/present-indicator.ts'
import { startIndicatorSession } from '../session/indicator-session.ts'
import type { UserActions } from '../session/user-actions.ts'
import { createUserActions } from '../session/user-actions.ts'
import type { TerminalUiState } from './terminal-view.tsx'
import { TerminalView } from './terminal-view.tsx'

/** Options of {@link runTerminalView}. */
export interface TerminalViewOptions {
  readonly socketPath: string
  readonly locale: IndicatorLocale
  readonly userName: string | null
  readonly clock: () => number
  readonly stdin: NodeJS.ReadStream
  readonly stdout: NodeJS.WriteStream
  /** Resolves when the process is asked to stop (SIGINT, SIGTERM). */
  readonly until: Promise<void>
}

/** How long the answer to a key stays at most. */
const FEEDBACK_CLEAR_MS = 20_000
/** A change of state within this time after an answer does not clear it (the action caused it). */
const FEEDBACK_GRACE_MS = 3_000

interface ViewStore {
  readonly subscribe: (listener: () => void) => () => void
  readonly get: () => IndicatorView
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}

function App(props: {
  readonly store: ViewStore
  readonly actions: UserActions
  readonly options: TerminalViewOptions
}) {
  const { store, actions, options } = props
  const view = useSyncExternalStore(store.subscribe, store.get)
  const [ui, setUi] = useState<TerminalUiState>({ selected: 0, feedback: null, confirmingRestart: false })
  const { exit } = useApp()
  const t = textsFor(options.locale)
  const feedbackAt = useRef(0)

  // An answer stays until the state changes (after a short grace, so the change the action
  // itself caused does not wipe it at once) or until FEEDBACK_CLEAR_MS have passed.
  useEffect(() => {
    if (ui.feedback === null) return
    feedbackAt.current = options.clock()
    const timer = setTimeout(
      () => setUi((u) => ({ ...u, feedback: null, confirmingRestart: false })),
      FEEDBACK_CLEAR_MS,
    )
    return () => clearTimeout(timer)
  }, [ui.feedback, options])
  useEffect(() => {
    if (options.clock() - feedbackAt.current > FEEDBACK_GRACE_MS)
      setUi((u) => (u.feedback === null || u.confirmingRestart ? u : { ...u, feedback: null }))
  }, [view.announcement, options])

  const run = (work: () => Promise<string | null>): void => {
    work().then(
      (feedback) => setUi((u) => ({ ...u, feedback })),
      (error: unknown) => setUi((u) => ({ ...u, feedback: t.actionFailed(errorText(error)) })),
    )
  }

  useInput((input, key) => {
    const count = view.catalogue.length
    if (input === 'q' || key.escape) return exit()
    if (key.upArrow || input === 'k')
      return setUi((u) => ({ ...u, selected: Math.max(0, u.selected - 1), confirmingRestart: false }))
    if (key.downArrow || input === 'j')
      return setUi((u) => ({
        ...u,
        selected: Math.min(Math.max(0, count - 1), u.selected + 1),
        confirmingRestart: false,
      }))
    if (input === 'i' || key.return) {
      const app = view.catalogue[Math.min(ui.selected, count - 1)]
      if (app === undefined || !app.canInstall) return
      return run(async () => {
        const reply = await actions.requestInstall({ deploymentId: app.deploymentId, name: app.name })
        return presentRequestReply(reply, app.name, { locale: options.locale, now: options.clock() })
      })
    }
    if (input === 'c') {
      const app = view.catalogue[Math.min(ui.selected, count - 1)]
      const request = view.yourRequests.find((q) => q.deploymentId === app?.deploymentId)
      if (request === undefined) return
      return run(async () => {
        await actions.cancelRequest({ jobId: request.jobId, applicationName: request.applicationName })
        return t.outcome('cancelled', request.action, request.applicationName, null)
      })
    }
    const restart = view.restart
    if (restart === null) return
    const option = restart.snoozeOptions[Number(input) - 1]
    if (option !== undefined) {
      return run(async () => {
        await actions.snooze(option.minutes, restart.deadline)
        return null
      })
    }
    if (input === 'r') {
      if (!ui.confirmingRestart) {
        return setUi((u) => ({ ...u, confirmingRestart: true, feedback: t.confirmRestart(restart.kind) }))
      }
      setUi((u) => ({ ...u, confirmingRestart: false }))
      return run(async () => {
        await actions.restartNow(restart.kind)
        return null
      })
    }
  })

  return <TerminalView view={view} ui={ui} />
}

/** Draws the terminal view until the user quits. */
export async function runTerminalView(options: TerminalViewOptions): Promise<void> {
  const listeners = new Set<() => void>()
  let current: IndicatorView | null = null
  const session = startIndicatorSession({
    socketPath: options.socketPath,
    locale: options.locale,
    userName: options.userName,
    clock: options.clock,
    onView(view) {
      current = view
      for (const listener of listeners) listener()
    },
  })
  const store: ViewStore = {
    subscribe: (listener) => {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
    get: () => current ?? session.view(),
  }
  const actions = createUserActions(createAgentClient(options.socketPath), 'terminal', options.clock)
  const instance = render(<App store={store} actions={actions} options={options} />, {
    stdin: options.stdin,
    stdout: options.stdout,
    exitOnCtrlC: true,
    patchConsole: false,
  })
  try {
    await Promise.race([instance.waitUntilExit(), options.until])
  } finally {
    instance.unmount()
    session.close()
  }
}
