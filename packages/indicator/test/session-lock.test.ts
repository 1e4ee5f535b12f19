import { spawn } from 'node:child_process'
import { existsSync, mkdtempSync } from 'node:fs'
import { mkdir, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { claimIndicatorSession, sessionLockPath } from '../src/session/session-lock.ts'

const cleanups: (() => Promise<void> | void)[] = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

function runtimeDir(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'sitrep-lock-'))
  cleanups.push(() => rm(dir, { recursive: true, force: true }))
  return dir
}

describe('one indicator per session', () => {
  it('lets the first claim the session and tells a second which process holds it and where its page is', async () => {
    const dir = runtimeDir()
    const first = await claimIndicatorSession(dir, () => ({
      pid: 4242,
      pageUrl: 'http://127.0.0.1:9/?token=t',
    }))
    expect(first.claimed).toBe(true)
    const second = await claimIndicatorSession(dir, () => ({ pid: 1, pageUrl: null }))
    expect(second).toMatchObject({
      claimed: false,
      socketPath: sessionLockPath(dir),
      running: { pid: 4242, pageUrl: 'http://127.0.0.1:9/?token=t' },
    })
    if (first.claimed) await first.release()
    expect(existsSync(sessionLockPath(dir))).toBe(false)
    const third = await claimIndicatorSession(dir, () => ({ pid: 3, pageUrl: null }))
    expect(third.claimed).toBe(true)
    if (third.claimed) await third.release()
  })

  it('takes over the lock of an indicator that was killed (its socket file stays, nothing answers)', async () => {
    const dir = runtimeDir()
    const socket = sessionLockPath(dir)
    await mkdir(path.dirname(socket), { recursive: true })
    const child = spawn(
      process.execPath,
      ['-e', "require('net').createServer().listen(process.argv[1], () => console.log('up'))", socket],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    )
    await new Promise<void>((resolve) => child.stdout.once('data', () => resolve()))
    child.kill('SIGKILL')
    await new Promise((resolve) => child.once('exit', resolve))
    expect(existsSync(socket)).toBe(true)
    const claim = await claimIndicatorSession(dir, () => ({ pid: process.pid, pageUrl: null }))
    expect(claim.claimed).toBe(true)
    if (claim.claimed) await claim.release()
  })
})
