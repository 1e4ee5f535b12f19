/**
 * `sitrep up` as users meet it, as a real child process, when its configuration or its
 * environment is wrong: a misspelt key, a bad environment variable, a port in use, a data
 * directory it may not write, a PostgreSQL server that accepts TCP and never answers. Each run
 * must end on its own with exactly one line on stderr (what, where, what to do), no stack trace,
 * its documented exit code, and no data directory left behind.
 */
import { spawn } from 'node:child_process'
import { chmodSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import net from 'node:net'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { UP_EXIT_CODES } from '../src/commands/up-exit-codes.ts'

const SITREP_BIN = fileURLToPath(new URL('../bin/sitrep.js', import.meta.url))
/** A hang guard, not a performance check: a loaded CI machine needs seconds just to start tsx. */
const HANG_GUARD_MS = 90_000
/** The account a root test run drops to, so that a directory can be unwritable for it. */
const NOBODY = 65534

interface UpRun {
  readonly code: number | null
  readonly stdout: string
  readonly stderr: string
}

/** Runs `sitrep up …args` with only the given SITREP_* variables, until it exits. */
function runUp(
  args: readonly string[],
  options: { readonly env?: Record<string, string>; readonly asNobody?: boolean; readonly cwd: string },
): Promise<UpRun> {
  const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith('SITREP_')))
  const child = spawn(process.execPath, [SITREP_BIN, 'up', ...args], {
    cwd: options.cwd,
    env: { ...env, ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
    ...(options.asNobody === true ? { uid: NOBODY, gid: NOBODY } : {}),
  })
  let stdout = ''
  let stderr = ''
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk))
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk))
  return new Promise((resolve, reject) => {
    const guard = setTimeout(() => {
      child.kill('SIGKILL')
      reject(new Error(`sitrep up did not exit.\nstdout:\n${stdout}\nstderr:\n${stderr}`))
    }, HANG_GUARD_MS)
    child.once('exit', (code) => {
      clearTimeout(guard)
      resolve({ code, stdout, stderr })
    })
  })
}

/** Exactly one line on stderr, prefixed `sitrep: `, without a stack frame. */
function theOneLine(run: UpRun): string {
  const lines = run.stderr.split('\n').filter((line) => line !== '')
  expect(lines, run.stderr).toHaveLength(1)
  expect(run.stderr).not.toMatch(/^\s+at /m)
  const line = lines[0] ?? ''
  expect(line.startsWith('sitrep: ')).toBe(true)
  return line
}

let dir: string
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'sitrep-up-failures-'))
})
afterEach(() => {
  rmSync(dir, { recursive: true, force: true })
})

describe(
  'sitrep up refuses a bad configuration before it creates anything',
  { timeout: HANG_GUARD_MS + 10_000 },
  () => {
    it('names a misspelt key, its path and the nearest known key, and exits 1', async () => {
      const dataDir = path.join(dir, 'site-data')
      const configFile = path.join(dir, 'site.json')
      writeFileSync(configFile, JSON.stringify({ dataDir, mp: { allowUnsignd: true } }))
      const run = await runUp(['--config', configFile, '--port', '0'], { cwd: dir })
      expect(run.code).toBe(1)
      const line = theOneLine(run)
      expect(line).toContain('site.json')
      expect(line).toContain('unknown key mp.allowUnsignd; did you mean `mp.allowUnsigned`?')
      expect(existsSync(dataDir)).toBe(false)
    })

    it('names an environment variable that does not parse and its raw value, and exits 1', async () => {
      const dataDir = path.join(dir, 'site-data')
      const run = await runUp(['--data-dir', dataDir, '--port', '0'], {
        cwd: dir,
        env: { SITREP_DATABASE_CONNECT_TIMEOUT_SECONDS: '10s' },
      })
      expect(run.code).toBe(1)
      expect(theOneLine(run)).toContain('SITREP_DATABASE_CONNECT_TIMEOUT_SECONDS must be a number of seconds')
      expect(run.stderr).toContain('got "10s"')
      expect(run.stderr).not.toContain('NaN')
      expect(existsSync(dataDir)).toBe(false)
    })
  },
)

describe(
  'sitrep up fails on its environment with one line and a documented exit code',
  { timeout: HANG_GUARD_MS + 10_000 },
  () => {
    it('says the port is in use and how to choose another, and exits 4', async () => {
      const holder = net.createServer()
      await new Promise<void>((resolve) => holder.listen(0, '127.0.0.1', resolve))
      const { port } = holder.address() as net.AddressInfo // listening on TCP: an AddressInfo
      const dataDir = path.join(dir, 'site-data')
      try {
        const run = await runUp(['--data-dir', dataDir, '--port', String(port)], { cwd: dir })
        expect(run.code).toBe(UP_EXIT_CODES.port_unavailable)
        expect(UP_EXIT_CODES.port_unavailable).toBe(4)
        const line = theOneLine(run)
        expect(line).toContain(`127.0.0.1:${port}`)
        expect(line).toContain('EADDRINUSE')
        expect(line).toContain('--port')
        expect(existsSync(dataDir)).toBe(false)
      } finally {
        await new Promise((resolve) => holder.close(resolve))
      }
    })

    it('prints the stack trace and its causes under the line only with --debug', async () => {
      const holder = net.createServer()
      await new Promise<void>((resolve) => holder.listen(0, '127.0.0.1', resolve))
      const { port } = holder.address() as net.AddressInfo // listening on TCP: an AddressInfo
      try {
        const run = await runUp(['--data-dir', path.join(dir, 'd'), '--port', String(port), '--debug'], {
          cwd: dir,
        })
        expect(run.code).toBe(4)
        expect(run.stderr.split('\n')[0]).toContain('cannot listen on')
        expect(run.stderr).toMatch(/^\s+at /m)
        expect(run.stderr).toContain('caused by:')
      } finally {
        await new Promise((resolve) => holder.close(resolve))
      }
    })

    it('says the data directory cannot be made, with the OS reason (EACCES), and exits 5', async () => {
      // As root every directory is writable, so a root run drops to the nobody account; the parent
      // is then readable but not writable for the site, which is the case users meet.
      const root = process.getuid?.() === 0
      const parent = path.join(dir, 'readonly-parent')
      const dataDir = path.join(parent, 'site-data')
      mkdirSync(parent)
      chmodSync(dir, 0o755)
      chmodSync(parent, 0o555)
      try {
        const run = await runUp(['--data-dir', dataDir, '--port', '0'], { cwd: dir, asNobody: root })
        expect(run.code).toBe(UP_EXIT_CODES.data_dir_unusable)
        expect(UP_EXIT_CODES.data_dir_unusable).toBe(5)
        const line = theOneLine(run)
        expect(line).toContain(dataDir)
        expect(line).toContain('EACCES, permission denied')
        expect(line).toContain('--data-dir')
        expect(existsSync(dataDir)).toBe(false)
      } finally {
        chmodSync(parent, 0o755)
      }
    })

    it('says a path under a file cannot be the data directory (ENOTDIR), and exits 5', async () => {
      const file = path.join(dir, 'a-file')
      writeFileSync(file, 'not a directory')
      const run = await runUp(['--data-dir', path.join(file, 'site-data'), '--port', '0'], { cwd: dir })
      expect(run.code).toBe(5)
      expect(theOneLine(run)).toContain('ENOTDIR')
    })

    it('gives up on a PostgreSQL server that accepts TCP and never answers within the connect timeout, and exits 6', async () => {
      const sockets = new Set<net.Socket>()
      const silent = net.createServer((socket) => {
        sockets.add(socket)
        socket.on('error', () => undefined)
      })
      await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve))
      const { port } = silent.address() as net.AddressInfo // listening on TCP: an AddressInfo
      const dataDir = path.join(dir, 'site-data')
      const configFile = path.join(dir, 'site.json')
      writeFileSync(
        configFile,
        JSON.stringify({
          dataDir,
          databaseUrl: `postgres://sitrep@127.0.0.1:${port}/sitrep`,
          database: { connectTimeoutSeconds: 1 },
        }),
      )
      try {
        const run = await runUp(['--config', configFile, '--port', '0'], { cwd: dir })
        expect(run.code).toBe(UP_EXIT_CODES.database_unreachable)
        expect(UP_EXIT_CODES.database_unreachable).toBe(6)
        const line = theOneLine(run)
        expect(line).toContain(`127.0.0.1:${port}`)
        expect(line).toContain('no answer within 1 s, the connect timeout')
        expect(line).toContain('SITREP_DATABASE_URL')
        expect(sockets.size).toBeGreaterThan(0)
        expect(existsSync(dataDir)).toBe(false)
      } finally {
        for (const socket of sockets) socket.destroy()
        await new Promise((resolve) => silent.close(resolve))
      }
    })
  },
)
