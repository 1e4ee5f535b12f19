/**
 * A real crash test: a child process appends 10,000 messages through submitPending() and is
 * SIGKILLed; this process then sends the spool to a real HTTP server (test/helpers/test-mp.ts,
 * which implements the /mp/v1 registration and status reply contract of docs/protocol.md) and
 * checks that every message the child saw acknowledged arrived, exactly once.
 */
import { spawn } from 'node:child_process'
import { createRequire } from 'node:module'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createSitrepClient } from '../src/index.ts'
import { makeTempDir } from './helpers/temp-dir.ts'
import { startTestMp, type TestMp } from './helpers/test-mp.ts'

const CHILD = path.join(path.dirname(fileURLToPath(import.meta.url)), 'helpers', 'crash-child.ts')
const TSX = createRequire(import.meta.url).resolve('tsx')
const TOTAL = 10_000

/**
 * Runs the child until `killAfter` ids were acknowledged (or it printed `done`), SIGKILLs it,
 * and returns the ids it acknowledged. Only complete lines count: a line cut by the kill was
 * never seen as acknowledged.
 */
function runAndKill(
  stateDir: string,
  killAfter: number,
): Promise<{ acknowledged: string[]; finished: boolean }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', TSX, CHILD, stateDir, String(TOTAL)], {
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    const acknowledged: string[] = []
    let finished = false
    let buffered = ''
    let stderr = ''
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString('utf8')
    })
    child.stdout.on('data', (chunk: Buffer) => {
      buffered += chunk.toString('utf8')
      const lines = buffered.split('\n')
      buffered = lines.pop() ?? ''
      for (const line of lines) {
        if (line === 'done') finished = true
        else acknowledged.push(line)
      }
      if ((finished || acknowledged.length >= killAfter) && child.exitCode === null && !child.killed) {
        child.kill('SIGKILL')
      }
    })
    child.on('exit', (code, signal) => {
      if (signal === 'SIGKILL') resolve({ acknowledged, finished })
      else reject(new Error(`crash child exited with ${code ?? signal}: ${stderr}`))
    })
  })
}

let mp: TestMp
let stateDir: string
let cleanup: () => Promise<void>
beforeEach(async () => {
  mp = await startTestMp()
  const temp = await makeTempDir('crash')
  stateDir = temp.dir
  cleanup = temp.cleanup
})
afterEach(async () => {
  await mp.close()
  await cleanup()
})

async function sendSpoolFromThisProcess(): Promise<void> {
  const client = createSitrepClient({ target: mp.url, stateDir, spool: { lockTimeoutMs: 5_000 } })
  try {
    const result = await client.flush({ deadline: client.clock() })
    expect(result.delivered).toBe(true)
    expect(await (await client.spool()).pendingCount()).toBe(0)
  } finally {
    await client.close()
  }
}

function expectDeliveredExactlyOnce(acknowledged: readonly string[]): void {
  const storedIds = mp.stored.map((m) => m.id)
  expect(new Set(storedIds).size).toBe(storedIds.length)
  const stored = new Set(storedIds)
  const lost = acknowledged.filter((id) => !stored.has(id))
  expect(lost).toEqual([])
  for (const id of acknowledged) expect(mp.arrivals.get(id)).toBe(1)
  expect(storedIds.length).toBeLessThanOrEqual(TOTAL)
}

describe('spool crash safety', () => {
  it('loses nothing submitPending() acknowledged when the writer is SIGKILLed mid-way', async () => {
    const { acknowledged } = await runAndKill(stateDir, 3_000)
    expect(acknowledged.length).toBeGreaterThanOrEqual(3_000)
    await sendSpoolFromThisProcess()
    expectDeliveredExactlyOnce(acknowledged)
  })

  it('delivers all 10,000 when the writer is SIGKILLed after acknowledging them all', async () => {
    const { acknowledged, finished } = await runAndKill(stateDir, Number.POSITIVE_INFINITY)
    expect(finished).toBe(true)
    expect(acknowledged).toHaveLength(TOTAL)
    await sendSpoolFromThisProcess()
    expectDeliveredExactlyOnce(acknowledged)
    expect(mp.stored).toHaveLength(TOTAL)
  })
})
