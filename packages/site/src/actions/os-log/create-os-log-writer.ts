import { existsSync } from 'node:fs'
import {
  linuxJournaldCommand,
  linuxSyslogCommand,
  macosLoggerCommand,
  windowsEventLogCommand,
} from './os-log-commands.ts'
import type { OsLogCommand } from './os-log-commands.ts'
import { DEFAULT_SYSLOG_FACILITY, syslogFacilityName } from './os-log-entry.ts'
import type { OsLogEntry, OsLogMode } from './os-log-entry.ts'
import { OsLogError } from './os-log-error.ts'
import { runOsLogCommand } from './run-os-log-command.ts'

/** Where entries end up. */
export const OS_LOG_TARGETS = ['syslog', 'journald', 'macos-log', 'windows-event-log'] as const
export type OsLogTarget = (typeof OS_LOG_TARGETS)[number]

/** Options of {@link createOsLogWriter}; every one has a default. */
export interface OsLogWriterOptions {
  /** Linux only; `auto` (the default) picks journald when its socket exists, else syslog. */
  readonly mode?: OsLogMode
  /** Syslog datagram socket, default `/dev/log`; a write while it is missing fails with `os_log_unavailable`. */
  readonly socketPath?: string
  /** journald's native socket, default `/run/systemd/journal/socket`; `auto` looks for it. */
  readonly journaldSocketPath?: string
  /** Syslog facility code, default 16 (`local0`); 12–15 are refused. */
  readonly facility?: number
  /** Default `process.platform`. */
  readonly platform?: NodeJS.Platform
  /** PROCID of syslog entries, default the site's own `process.pid`. */
  readonly procId?: number
  /** `logger` program, default `logger` on Linux (looked up in PATH) and `/usr/bin/logger` on macOS. */
  readonly loggerPath?: string
  /** Default `powershell.exe` (Windows PowerShell 5.1, present on every supported Windows). */
  readonly powershellPath?: string
  /** Longest syslog message `logger` sends, default 8192 bytes (rsyslog's default limit). */
  readonly maxMessageBytes?: number
  /** A write whose tool runs longer fails, default 10 000 ms. */
  readonly timeoutMs?: number
}

/** Sends status messages to the operating system's log. */
export interface OsLogWriter {
  /** Which log this writer feeds, chosen when it was created. */
  readonly target: OsLogTarget
  /**
   * Writes one entry; writes run one at a time, in call order. Rejects with an `OsLogError`
   * when the entry did not reach the log, so the caller can retry it.
   */
  write(entry: OsLogEntry): Promise<void>
  /** Waits for pending writes; later writes reject with `os_log_closed`. */
  close(): Promise<void>
}

/**
 * Chooses the log for a platform and mode: Windows → Event Log, macOS → unified log, other
 * Unix → journald when chosen, or in `auto` mode when its socket exists, else syslog.
 */
export function resolveOsLogTarget(input: {
  readonly platform: NodeJS.Platform
  readonly mode: OsLogMode
  readonly journaldSocketExists: boolean
}): OsLogTarget {
  if (input.platform === 'win32') return 'windows-event-log'
  if (input.platform === 'darwin') return 'macos-log'
  switch (input.mode) {
    case 'syslog':
      return 'syslog'
    case 'journald':
      return 'journald'
    case 'auto':
      return input.journaldSocketExists ? 'journald' : 'syslog'
  }
}

/**
 * Creates the OS log writer of the "report to the OS log" rule action (reference §8.3). Node
 * cannot send on Unix datagram sockets, so every platform goes through its own log tool, spawned
 * without a shell: util-linux `logger` on Linux, BSD `logger` on macOS, PowerShell on Windows.
 * Throws a `RangeError` for a facility `logger` cannot name.
 */
export function createOsLogWriter(options: OsLogWriterOptions = {}): OsLogWriter {
  const platform = options.platform ?? process.platform
  const facility = options.facility ?? DEFAULT_SYSLOG_FACILITY
  if (syslogFacilityName(facility) === undefined) {
    throw new RangeError(`syslog facility ${facility} is not supported; use 0–11 or 16–23 (local0–local7)`)
  }
  const journaldSocketPath = options.journaldSocketPath ?? '/run/systemd/journal/socket'
  const mode = options.mode ?? 'auto'
  const target = resolveOsLogTarget({
    platform,
    mode,
    journaldSocketExists: mode === 'auto' && platform !== 'win32' && existsSync(journaldSocketPath),
  })
  const timeoutMs = options.timeoutMs ?? 10_000
  const loggerPath = options.loggerPath ?? (platform === 'darwin' ? '/usr/bin/logger' : 'logger')
  const procId = options.procId ?? process.pid
  const toCommand = (entry: OsLogEntry): OsLogCommand => {
    switch (target) {
      case 'syslog':
        return linuxSyslogCommand(entry, {
          facility,
          procId,
          loggerPath,
          socketPath: options.socketPath ?? '/dev/log',
          maxMessageBytes: options.maxMessageBytes ?? 8192,
        })
      case 'journald':
        return linuxJournaldCommand(entry, { loggerPath, facility })
      case 'macos-log':
        return macosLoggerCommand(entry, { loggerPath, facility })
      case 'windows-event-log':
        return windowsEventLogCommand(entry, { powershellPath: options.powershellPath ?? 'powershell.exe' })
    }
  }

  // `logger` only says "No such file or directory" when the socket is missing; checking first
  // tells the outbox that the log is not there (not worth retrying) rather than failing.
  const socketPath = target === 'syslog' ? (options.socketPath ?? '/dev/log') : null
  const send = (entry: OsLogEntry): Promise<void> => {
    if (socketPath !== null && !existsSync(socketPath)) {
      return Promise.reject(
        new OsLogError(
          'os_log_unavailable',
          `syslog socket ${socketPath} does not exist; start the syslog daemon or set osLog.socketPath`,
        ),
      )
    }
    return runOsLogCommand(toCommand(entry), { timeoutMs })
  }

  let tail: Promise<unknown> = Promise.resolve()
  let closed = false
  return {
    target,
    write(entry) {
      if (closed) return Promise.reject(new OsLogError('os_log_closed', 'OS log writer is closed'))
      const done = tail.then(() => send(entry))
      // The chain only orders writes; each caller sees its own write's failure.
      tail = done.catch(() => {})
      return done
    },
    async close() {
      closed = true
      await tail
    },
  }
}
