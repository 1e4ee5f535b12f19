/** What every `sitrep` command shares: where it writes and reads, and its exit codes. */

/** Where a CLI run writes, and what it may read; `main.ts` passes the real ones, tests fakes. */
export interface CliIo {
  readonly stdout: (text: string) => void
  readonly stderr: (text: string) => void
  readonly env: Readonly<Record<string, string | undefined>>
  /** Resolves when the user asks a long-running command to stop (Ctrl-C, SIGTERM). */
  readonly untilShutdown: () => Promise<void>
  /** The user's home directory (default client state directory `~/.sitrep-client`). */
  readonly homeDir: string
  /** Epoch ms. */
  readonly clock: () => number
  /** The process's terminal, for full-screen views (`sitrep indicator --tui`); absent in tests. */
  readonly terminal?: { readonly stdin: NodeJS.ReadStream; readonly stdout: NodeJS.WriteStream }
}

/**
 * Exit codes of the `sitrep` command; documented in docs/cli.md. `notDelivered`: the MP could
 * not be reached or did not take the message in time (`report --wait`, `register`, `messages`).
 */
export const EXIT = { ok: 0, usage: 1, failure: 2, notDelivered: 3 } as const
