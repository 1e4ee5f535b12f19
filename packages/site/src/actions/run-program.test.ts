import { existsSync } from 'node:fs'
import { chmod, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { checkProgramArgv, createProgramRunner } from './run-program.ts'

const NODE = process.execPath
let dir = ''

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'sitrep-run-program-'))
})

afterEach(async () => {
  await rm(dir, { recursive: true, force: true })
})

/** Writes a small Node script into the test's directory and returns its path. */
async function script(name: string, source: string): Promise<string> {
  const path = join(dir, `${name}.cjs`)
  await writeFile(path, source)
  return path
}

const limits = { maxConcurrent: 2, timeoutMs: 10_000, maxOutputBytes: 1024 }

describe('createProgramRunner', () => {
  it('reports a program that exits 0 as succeeded', async () => {
    const runner = createProgramRunner(limits)
    const outcome = await runner.run([NODE, await script('ok', 'process.exit(0)')])
    expect(outcome).toMatchObject({ kind: 'succeeded', exitCode: 0 })
    expect(outcome.kind === 'succeeded' && outcome.durationMs).toBeGreaterThanOrEqual(0)
  })

  it('reports a non-zero exit as failed with the end of stderr', async () => {
    const runner = createProgramRunner(limits)
    const path = await script('fail', "process.stderr.write('disk full\\n'); process.exit(3)")
    expect(await runner.run([NODE, path])).toMatchObject({
      kind: 'failed',
      exitCode: 3,
      signal: null,
      stderrTail: 'disk full\n',
    })
  })

  it('keeps only the last maxOutputBytes of output', async () => {
    const runner = createProgramRunner({ ...limits, maxOutputBytes: 100 })
    const path = await script(
      'loud',
      "process.stderr.write('a'.repeat(10000) + 'THE END'); process.exitCode = 1",
    )
    const outcome = await runner.run([NODE, path])
    expect(outcome.kind === 'failed' && outcome.stderrTail).toBe(`${'a'.repeat(93)}THE END`)
  })

  it('reports a missing program as could_not_start with ENOENT', async () => {
    const runner = createProgramRunner(limits)
    const outcome = await runner.run([join(dir, 'missing-program'), 'x'])
    expect(outcome.kind === 'could_not_start' && outcome.error).toMatch(/^ENOENT/)
  })

  it.skipIf(process.platform === 'win32')(
    'reports a file without execute permission as could_not_start with EACCES',
    async () => {
      const path = join(dir, 'not-executable')
      await writeFile(path, '#!/bin/sh\nexit 0\n')
      await chmod(path, 0o644)
      const runner = createProgramRunner(limits)
      const outcome = await runner.run([path])
      expect(outcome.kind === 'could_not_start' && outcome.error).toMatch(/^EACCES/)
    },
  )

  it('stops a program that outlives the time limit and reports timed_out', async () => {
    const runner = createProgramRunner({ ...limits, timeoutMs: 300 })
    const pidFile = join(dir, 'pid')
    const path = await script(
      'forever',
      `require('fs').writeFileSync(${JSON.stringify(pidFile)}, String(process.pid)); setInterval(() => {}, 1000)`,
    )
    expect(await runner.run([NODE, path])).toMatchObject({ kind: 'timed_out' })
    expect(isAlive(Number(await readFile(pidFile, 'utf8')))).toBe(false)
  })

  it('kills a program that ignores SIGTERM after the grace period', async () => {
    const runner = createProgramRunner({ ...limits, timeoutMs: 300, killGraceMs: 200 })
    const pidFile = join(dir, 'pid')
    const path = await script(
      'stubborn',
      `process.on('SIGTERM', () => {}); require('fs').writeFileSync(${JSON.stringify(pidFile)}, String(process.pid)); setInterval(() => {}, 1000)`,
    )
    expect(await runner.run([NODE, path])).toMatchObject({ kind: 'timed_out' })
    expect(isAlive(Number(await readFile(pidFile, 'utf8')))).toBe(false)
  })

  it('never runs more than maxConcurrent programs at once; the rest queue', async () => {
    const runner = createProgramRunner({ ...limits, maxConcurrent: 2 })
    const log = join(dir, 'log')
    const path = await script(
      'overlap',
      `const fs = require('fs'); const id = process.argv[2];
       fs.appendFileSync(${JSON.stringify(log)}, 'start ' + id + '\\n');
       setTimeout(() => fs.appendFileSync(${JSON.stringify(log)}, 'end ' + id + '\\n'), 150)`,
    )
    const runs = ['1', '2', '3', '4', '5'].map((id) => runner.run([NODE, path, id]))
    expect({ running: runner.running, queued: runner.queued }).toEqual({ running: 2, queued: 3 })
    const outcomes = await Promise.all(runs)
    expect(outcomes.map((o) => o.kind)).toEqual(Array(5).fill('succeeded'))
    let now = 0
    let most = 0
    for (const line of (await readFile(log, 'utf8')).trim().split('\n')) {
      now += line.startsWith('start') ? 1 : -1
      most = Math.max(most, now)
    }
    expect(most).toBeLessThanOrEqual(2)
    expect({ running: runner.running, queued: runner.queued }).toEqual({ running: 0, queued: 0 })
  })

  it('refuses a run when the queue is full', async () => {
    const runner = createProgramRunner({ ...limits, maxConcurrent: 1, maxQueued: 1 })
    const path = await script('short', 'setTimeout(() => {}, 100)')
    const [first, second, third] = await Promise.all([
      runner.run([NODE, path]),
      runner.run([NODE, path]),
      runner.run([NODE, path]),
    ])
    expect([first?.kind, second?.kind]).toEqual(['succeeded', 'succeeded'])
    expect(third).toEqual({ kind: 'refused', reason: 'too many programs waiting (1 queued)' })
  })

  it('refuses an empty argv without starting anything', async () => {
    const runner = createProgramRunner(limits)
    expect(await runner.run([])).toMatchObject({ kind: 'refused' })
    expect(await runner.run(['  '])).toMatchObject({ kind: 'refused' })
  })

  it('passes shell metacharacters through as plain single arguments', async () => {
    const runner = createProgramRunner(limits)
    const out = join(dir, 'argv.json')
    const path = await script(
      'echo-argv',
      `require('fs').writeFileSync(process.argv[2], JSON.stringify(process.argv.slice(3)))`,
    )
    const hostile = [
      `"; touch ${join(dir, 'pwned')} #`,
      `$(touch ${join(dir, 'pwned2')})`,
      `\`touch ${join(dir, 'pwned3')}\``,
      `| touch ${join(dir, 'pwned4')} && echo`,
      "'; touch pwned5; '",
      'line one\nline two',
      '',
    ]
    expect(await runner.run([NODE, path, out, ...hostile])).toMatchObject({ kind: 'succeeded' })
    expect(JSON.parse(await readFile(out, 'utf8'))).toEqual(hostile)
    expect((await readdir(dir)).filter((name) => name.startsWith('pwned'))).toEqual([])
    expect(existsSync(join(process.cwd(), 'pwned5'))).toBe(false)
  })
})

describe('checkProgramArgv', () => {
  it('accepts an absolute path or a bare name found in PATH', () => {
    expect(checkProgramArgv(['/usr/bin/env', 'x'])).toBeNull()
    expect(checkProgramArgv(['notify-send', 'x'])).toBeNull()
  })

  it('refuses an empty program, a relative path, control characters and NUL', () => {
    expect(checkProgramArgv([])).toMatch(/empty/)
    expect(checkProgramArgv([''])).toMatch(/empty/)
    expect(checkProgramArgv(['./run.sh'])).toMatch(/relative/)
    expect(checkProgramArgv(['bin/run'])).toMatch(/relative/)
    expect(checkProgramArgv(['/bin/x\ny'])).toMatch(/control character/)
    expect(checkProgramArgv(['/bin/x', 'a\0b'])).toMatch(/NUL/)
  })
})

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch {
    return false
  }
}
