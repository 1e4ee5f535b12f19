import { writeFile } from 'node:fs/promises'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { tempDir } from '../../test/helpers/temp-dir.ts'
import { displayCommandLine, isProcessAlive, runCommand } from './run-command.ts'

describe('runCommand', () => {
  it('runs argv without a shell, so shell syntax is just text', async () => {
    const outcome = await runCommand({ argv: ['echo', 'a && rm -rf /', '$HOME'], timeoutMs: 10_000 })
    expect(outcome).toMatchObject({ exitCode: 0, timedOut: false, spawnError: null })
    expect(outcome.output).toBe('a && rm -rf / $HOME\n')
  })

  it('reports the exit code and the working directory it ran in', async () => {
    const dir = await tempDir()
    const outcome = await runCommand({ argv: ['sh', '-c', 'pwd; exit 7'], cwd: dir, timeoutMs: 10_000 })
    expect(outcome.exitCode).toBe(7)
    expect(outcome.output.trim()).toBe(dir)
  })

  it('ends the whole process tree when the maximum run time passes', async () => {
    const dir = await tempDir()
    const pidFile = path.join(dir, 'grandchild.pid')
    const outcome = await runCommand({
      argv: ['sh', '-c', `sleep 60 & echo $! > ${pidFile}; wait`],
      timeoutMs: 500,
      killGraceMs: 500,
    })
    expect(outcome.timedOut).toBe(true)
    expect(outcome.exitCode).toBeNull()
    const { readFile } = await import('node:fs/promises')
    const grandchild = Number(await readFile(pidFile, 'utf8'))
    expect(isProcessAlive(grandchild)).toBe(false)
  })

  it('keeps only the tail of a long output and says how much it dropped', async () => {
    const outcome = await runCommand({
      argv: ['sh', '-c', 'head -c 5000 /dev/zero | tr "\\0" a; echo END'],
      timeoutMs: 10_000,
      maxOutputBytes: 100,
    })
    expect(outcome.output).toMatch(/^\[4904 earlier bytes not kept\]\na+END\n$/)
  })

  it('says why a program could not start, with no exit code', async () => {
    const dir = await tempDir()
    const script = path.join(dir, 'not-executable')
    await writeFile(script, '#!/bin/sh\n', { mode: 0o600 })
    const outcome = await runCommand({ argv: [script], timeoutMs: 10_000 })
    expect(outcome.exitCode).toBeNull()
    expect(outcome.spawnError).toContain('EACCES')
  })
})

describe('displayCommandLine', () => {
  it('quotes arguments with spaces for people', () => {
    expect(displayCommandLine(['/usr/bin/installer', '--name', 'My App'])).toBe(
      '/usr/bin/installer --name "My App"',
    )
  })
})
