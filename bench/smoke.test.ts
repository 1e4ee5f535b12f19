/**
 * Smoke test of `npm run bench`: a cheap subset of the quick mode runs to the end, exits 0 and
 * prints every row it should, and writes its result file. Numbers are not judged: CI machines
 * vary too much for a threshold to mean anything.
 */
import { spawn } from 'node:child_process'
import { mkdtemp, readdir, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterEach, describe, expect, it } from 'vitest'
import { FOOTPRINT_POSTGRES, FOOTPRINT_SQLITE, JSON_BYTES, SYSLOG_BYTES } from './scenarios/footprint.ts'
import {
  SQLITE_INSERT_BASELINE,
  STATUS_MANAGER_POSTGRES,
  STATUS_MANAGER_SQLITE,
} from './scenarios/status-manager.ts'

const ROOT = fileURLToPath(new URL('..', import.meta.url))

function runBench(args: readonly string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'bench/run.ts', ...args], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let stdout = ''
    let stderr = ''
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk))
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk))
    child.once('exit', (code) => resolve({ code, stdout, stderr }))
  })
}

describe('npm run bench -- --quick', () => {
  let dir: string | undefined
  afterEach(async () => {
    if (dir !== undefined) await rm(dir, { recursive: true, force: true })
  })

  it('runs the status-manager and footprint scenarios, prints every row and writes the result file', async () => {
    dir = await mkdtemp(join(tmpdir(), 'sitrep-bench-smoke-'))
    const { code, stdout, stderr } = await runBench([
      '--quick',
      '--scenario',
      'status-manager',
      '--scenario',
      'footprint',
      '--results-dir',
      dir,
    ])
    expect(code, stderr).toBe(0)
    for (const row of [
      STATUS_MANAGER_SQLITE,
      STATUS_MANAGER_POSTGRES,
      SQLITE_INSERT_BASELINE,
      FOOTPRINT_SQLITE,
      FOOTPRINT_POSTGRES,
      JSON_BYTES,
      SYSLOG_BYTES,
    ]) {
      expect(stdout).toContain(row)
    }
    expect(await readdir(dir)).toHaveLength(1)
  }, 120_000)

  it('refuses an unknown scenario with usage and exit code 1', async () => {
    const { code, stderr } = await runBench(['--scenario', 'nope'])
    expect(code).toBe(1)
    expect(stderr).toContain('unknown scenario "nope"')
  }, 30_000)
})
