/**
 * A lock file that one process holds at a time: created with O_EXCL and holding the owner's pid.
 * A lock whose pid is no longer running is stale and is taken over, so a SIGKILLed owner never
 * blocks the spool for good.
 */
import { open, readFile, rename, rm, stat } from 'node:fs/promises'
import { SitrepSpoolError } from '../errors.ts'
import { isErrno } from '../identity/client-identity.ts'

/** A held lock; release it when done. */
export interface HeldLock {
  release(): Promise<void>
}

/** Options of {@link acquireLock}. */
export interface LockOptions {
  /** Give up with `spool_locked` after this long. */
  readonly timeoutMs: number
  /** What the lock protects, for the error message. */
  readonly what: string
  /** How long to wait between attempts. */
  readonly retryMs?: number
}

/** A lock file with no readable pid is taken to be mid-creation until it is this old. */
const UNREADABLE_LOCK_GRACE_MS = 5_000

/**
 * Takes the lock at `file`, waiting while a live process holds it and taking over a stale one.
 *
 * @example
 * const lock = await acquireLock('/var/lib/sitrep-client/spool/lock', { timeoutMs: 10_000, what: 'the spool' })
 * try { ... } finally { await lock.release() }
 */
export async function acquireLock(file: string, options: LockOptions): Promise<HeldLock> {
  const deadline = Date.now() + options.timeoutMs
  for (;;) {
    try {
      const handle = await open(file, 'wx', 0o600)
      try {
        await handle.writeFile(`${process.pid}\n`)
        await handle.sync()
      } finally {
        await handle.close()
      }
      let released = false
      return {
        async release() {
          if (released) return
          released = true
          await rm(file, { force: true })
        },
      }
    } catch (error) {
      if (!isErrno(error, 'EEXIST')) throw error
    }
    const owner = await lockOwner(file)
    if (owner === 'stale') {
      // Rename first so that of two processes that both saw it stale only one removes it.
      const aside = `${file}.stale-${process.pid}-${Math.random().toString(36).slice(2)}`
      try {
        await rename(file, aside)
        await rm(aside, { force: true })
      } catch (error) {
        if (!isErrno(error, 'ENOENT')) throw error
      }
      continue
    }
    if (Date.now() >= deadline) {
      throw new SitrepSpoolError(
        'spool_locked',
        `${options.what} is locked by process ${owner ?? '(unknown)'} (${file}); stop that process or wait for it`,
      )
    }
    await new Promise((resolve) => setTimeout(resolve, options.retryMs ?? 20))
  }
}

/** The pid holding the lock, `'stale'` when that process is gone, `undefined` when unreadable yet. */
async function lockOwner(file: string): Promise<number | 'stale' | undefined> {
  let text: string
  try {
    text = await readFile(file, 'utf8')
  } catch (error) {
    if (isErrno(error, 'ENOENT')) return undefined
    throw error
  }
  const pid = Number.parseInt(text.trim(), 10)
  if (!Number.isInteger(pid) || pid <= 0) {
    try {
      const info = await stat(file)
      return Date.now() - info.mtimeMs > UNREADABLE_LOCK_GRACE_MS ? 'stale' : undefined
    } catch {
      return undefined
    }
  }
  return isProcessAlive(pid) ? pid : 'stale'
}

function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return isErrno(error, 'EPERM')
  }
}
