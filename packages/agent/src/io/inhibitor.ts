/**
 * systemd inhibitor locks: the agent takes a `block` lock on shutdown and sleep while an
 * install runs (so a restart does not cut an installer in half), and honours other programs'
 * block locks before it enforces a restart. Where logind is not running (containers, macOS,
 * Windows) taking a lock does nothing and the list is empty.
 */
import { spawn } from 'node:child_process'
import { runCommand } from './run-command.ts'

/** A held lock; release it when the install ends. */
export interface InhibitorLock {
  release(): void
}

/** The argv of `systemd-inhibit` that holds a block lock while its child (`sleep infinity`) lives. */
export function inhibitCommand(why: string): readonly string[] {
  return [
    'systemd-inhibit',
    '--what=shutdown:sleep',
    '--who=Sitrep agent',
    `--why=${why}`,
    '--mode=block',
    'sleep',
    'infinity',
  ]
}

/** Takes a block lock; never fails (without logind the lock is simply not held). */
export function takeInhibitorLock(why: string, platform: NodeJS.Platform = process.platform): InhibitorLock {
  if (platform !== 'linux') return { release: () => undefined }
  const [program = 'systemd-inhibit', ...args] = inhibitCommand(why)
  const child = spawn(program, args, { stdio: 'ignore', detached: false })
  child.on('error', () => undefined)
  return {
    release() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM')
    },
  }
}

/** One lock of `systemd-inhibit --list`. */
export interface InhibitorEntry {
  readonly who: string
  readonly what: string
  readonly why: string
  readonly mode: string
}

/**
 * Reads `systemd-inhibit --list --no-legend --no-pager` output: columns WHO UID USER PID COMM
 * WHAT WHY MODE, separated by runs of spaces (WHY may contain single spaces).
 */
export function parseInhibitorList(text: string): readonly InhibitorEntry[] {
  const entries: InhibitorEntry[] = []
  for (const line of text.split('\n')) {
    const columns = line.trim().split(/\s{2,}/)
    if (columns.length < 8) continue
    const [who = '', , , , , what = '', why = '', mode = ''] = columns
    entries.push({ who, what, why, mode })
  }
  return entries
}

/** Whether another program holds a block lock on shutdown now (the agent then waits). */
export async function shutdownBlocked(run: typeof runCommand = runCommand): Promise<InhibitorEntry | null> {
  const out = await run({
    argv: ['systemd-inhibit', '--list', '--no-legend', '--no-pager'],
    timeoutMs: 10_000,
  })
  if (out.exitCode !== 0) return null
  return (
    parseInhibitorList(out.output).find(
      (e) => e.mode === 'block' && e.what.split(':').includes('shutdown') && e.who !== 'Sitrep agent',
    ) ?? null
  )
}
