/**
 * The mature-log-pipeline baseline: a private rsyslogd (Debian package `rsyslog`) with `imtcp`
 * on a free loopback port and an `omfile` output in a temp directory, in RFC 5424 form
 * (`RSYSLOG_SyslogProtocol23Format`). omfile does not fsync by default, so this pipeline is not
 * durable per message; the table says so. Lines in the output file tell how many it received.
 */
import { spawn } from 'node:child_process'
import { existsSync } from 'node:fs'
import { mkdir, open, writeFile } from 'node:fs/promises'
import { connect, createServer } from 'node:net'
import type { AddressInfo } from 'node:net'
import { join } from 'node:path'

/** Path of rsyslogd when installed, else `undefined` (its rows are then skipped). */
export const RSYSLOGD = ['/usr/sbin/rsyslogd', '/sbin/rsyslogd'].find((path) => existsSync(path))

/** A running private rsyslogd. */
export interface PrivateRsyslog {
  readonly port: number
  readonly outPath: string
  /**
   * Waits until the output file holds `count` lines or `timeoutMs` passes; returns the lines
   * seen and when (epoch ms) the last of them was counted.
   */
  waitForLines(count: number, timeoutMs: number): Promise<{ readonly lines: number; readonly atMs: number }>
  stop(): Promise<void>
}

const POLL_MS = 10

async function freePort(): Promise<number> {
  const server = createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  // listen() on a TCP port always yields an AddressInfo.
  const { port } = server.address() as AddressInfo
  await new Promise((resolve) => server.close(resolve))
  return port
}

function canConnect(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port })
    socket.once('connect', () => {
      socket.destroy()
      resolve(true)
    })
    socket.once('error', () => resolve(false))
  })
}

/** Starts rsyslogd in `dir` with a private config, work directory, pid file and TCP port. */
export async function startPrivateRsyslog(dir: string): Promise<PrivateRsyslog> {
  if (RSYSLOGD === undefined) throw new Error('rsyslogd is not installed (apt-get install rsyslog)')
  const port = await freePort()
  const outPath = join(dir, 'out.log')
  await mkdir(join(dir, 'work'), { recursive: true })
  const conf = [
    `global(workDirectory="${join(dir, 'work')}" maxMessageSize="64k")`,
    'module(load="imtcp" MaxSessions="1000")',
    `input(type="imtcp" address="127.0.0.1" port="${port}")`,
    `action(type="omfile" file="${outPath}" template="RSYSLOG_SyslogProtocol23Format")`,
    '',
  ].join('\n')
  await writeFile(join(dir, 'rsyslog.conf'), conf)
  const child = spawn(RSYSLOGD, ['-n', '-f', join(dir, 'rsyslog.conf'), '-i', join(dir, 'rsyslogd.pid')], {
    stdio: ['ignore', 'ignore', 'pipe'],
  })
  let stderr = ''
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr = (stderr + chunk).slice(-10_000)))
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
  const stop = async (): Promise<void> => {
    if (child.exitCode !== null || child.signalCode !== null) return
    child.kill('SIGTERM')
    const timer = setTimeout(() => child.kill('SIGKILL'), 5000)
    await exited
    clearTimeout(timer)
  }
  // rsyslogd listens within a second; the bound keeps a broken setup from hanging the run.
  const deadline = Date.now() + 10_000
  while (!(await canConnect(port))) {
    if (Date.now() > deadline || child.exitCode !== null) {
      await stop()
      throw new Error(`rsyslogd did not listen on 127.0.0.1:${port}: ${stderr}`)
    }
    await new Promise((resolve) => setTimeout(resolve, 25))
  }
  let offset = 0
  let lines = 0
  const buffer = Buffer.alloc(1 << 20)
  return {
    port,
    outPath,
    async waitForLines(count, timeoutMs) {
      const until = Date.now() + timeoutMs
      let atMs = Date.now()
      while (lines < count && Date.now() < until) {
        if (existsSync(outPath)) {
          const handle = await open(outPath, 'r')
          try {
            for (;;) {
              const { bytesRead } = await handle.read(buffer, 0, buffer.length, offset)
              if (bytesRead === 0) break
              offset += bytesRead
              for (let i = 0; i < bytesRead; i++) if (buffer[i] === 10) lines++
            }
          } finally {
            await handle.close()
          }
          atMs = Date.now()
        }
        if (lines < count) await new Promise((resolve) => setTimeout(resolve, POLL_MS))
      }
      return { lines, atMs }
    },
    stop,
  }
}
