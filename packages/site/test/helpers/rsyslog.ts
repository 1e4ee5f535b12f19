/**
 * A private rsyslogd for tests: listens on its own Unix socket in a temp directory and writes
 * each message it receives as one JSON line, so tests assert what a real syslog daemon parsed.
 */
import { spawn, spawnSync } from 'node:child_process'
import type { ChildProcess } from 'node:child_process'
import { existsSync } from 'node:fs'
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

/** Path of rsyslogd when installed (Debian package `rsyslog`). */
export const RSYSLOGD = ['/usr/sbin/rsyslogd', '/sbin/rsyslogd'].find((path) => existsSync(path))
/** util-linux `logger`, which the syslog writer uses. */
export const HAS_LOGGER = spawnSync('logger', ['--version']).status === 0
/** CI installs rsyslog, so there these suites are mandatory rather than skipped. */
export const IN_CI = process.env.CI === 'true' || process.env.CI === '1'
/** True when a real rsyslogd test can run here. */
export const CAN_RUN_RSYSLOG = RSYSLOGD !== undefined && HAS_LOGGER

/** One received message: the properties rsyslog parsed out of it. */
export interface ReceivedSyslog {
  readonly pri: string
  readonly severity: string
  readonly facility: string
  readonly hostname: string
  readonly app: string
  readonly procid: string
  readonly msgid: string
  readonly sd: string
  readonly msg: string
  readonly raw: string
}

/** A running private rsyslogd. */
export interface PrivateRsyslog {
  readonly socketPath: string
  /** Waits until at least `count` messages have been written, and returns them all. */
  lines(count: number): Promise<ReceivedSyslog[]>
  /**
   * The raw file: each received message as rsyslog got it, written as is with one LF after it
   * (no escaping by rsyslog on receive or on output). Waits for at least `count` messages, then
   * returns the file split at LF, as a line-reading tool sees it.
   */
  rawLines(count: number): Promise<string[]>
  stop(): Promise<void>
}

// rsyslog's `json` property format escapes quotes, backslashes and control characters, so each
// received message is one JSON object on one line.
const TEMPLATE =
  '{"pri":"%pri%","severity":"%syslogseverity-text%","facility":"%syslogfacility-text%",' +
  '"hostname":"%hostname:::json%","app":"%app-name:::json%","procid":"%procid:::json%","msgid":"%msgid:::json%",' +
  '"sd":"%structured-data:::json%","msg":"%msg:::json%","raw":"%rawmsg:::json%"}\\n'

/** Starts rsyslogd with a private config, socket, work directory and pid file. */
export async function startPrivateRsyslog(): Promise<PrivateRsyslog> {
  if (RSYSLOGD === undefined) throw new Error('rsyslogd is not installed (apt-get install rsyslog)')
  const dir = await mkdtemp(join(tmpdir(), 'sitrep-rsyslog-'))
  const socketPath = join(dir, 'log.sock')
  const outPath = join(dir, 'out.log')
  const rawPath = join(dir, 'raw.log')
  await mkdir(join(dir, 'work'))
  const conf = [
    // Private work directory; control characters kept so the text arrives as sent.
    `global(workDirectory="${join(dir, 'work')}" maxMessageSize="64k" parser.escapeControlCharactersOnReceive="off")`,
    // No system socket, no klog: only our private socket. The regular parser chain (not the
    // special local parser) keeps RFC 5424 structured data, MSGID and our HOSTNAME.
    'module(load="imuxsock" SysSock.Use="off")',
    `input(type="imuxsock" Socket="${socketPath}" UseSpecialParser="off" ParseHostname="on")`,
    `template(name="sitrepTest" type="string" string="${TEMPLATE.replaceAll('"', '\\"')}")`,
    // The raw message exactly as received: whatever line breaks it holds reach this file. It
    // comes first, so once the JSON file shows a message, the raw file holds it too.
    'template(name="sitrepRaw" type="string" string="%rawmsg%\\n")',
    `action(type="omfile" file="${rawPath}" template="sitrepRaw" flushOnTXEnd="on")`,
    `action(type="omfile" file="${outPath}" template="sitrepTest" flushOnTXEnd="on")`,
    '',
  ].join('\n')
  await writeFile(join(dir, 'rsyslog.conf'), conf)
  const child: ChildProcess = spawn(
    RSYSLOGD,
    ['-n', '-f', join(dir, 'rsyslog.conf'), '-i', join(dir, 'rsyslogd.pid')],
    {
      stdio: ['ignore', 'ignore', 'pipe'],
    },
  )
  let stderr = ''
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
  await pollUntil(
    () => existsSync(socketPath),
    () => `rsyslogd did not create ${socketPath}: ${stderr}`,
  )
  return {
    socketPath,
    lines: (count) => readLines(outPath, count),
    async rawLines(count) {
      await readLines(outPath, count)
      const text = await readFile(rawPath, 'utf8')
      return text.endsWith('\n') ? text.slice(0, -1).split('\n') : text.split('\n')
    },
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve))
        child.kill('SIGTERM')
        await exited
      }
      await rm(dir, { recursive: true, force: true })
    },
  }
}

async function readLines(path: string, count: number): Promise<ReceivedSyslog[]> {
  let lines: ReceivedSyslog[] = []
  await pollUntil(
    async () => {
      const text = await readFile(path, 'utf8').catch(() => '')
      lines = text
        .split('\n')
        .filter((line) => line !== '')
        .map((line) => JSON.parse(line) as ReceivedSyslog) // the template writes one object per line
      return lines.length >= count
    },
    () => `expected ${count} lines in ${path}, found ${lines.length}`,
  )
  return lines
}

async function pollUntil(done: () => boolean | Promise<boolean>, failure: () => string): Promise<void> {
  // rsyslogd starts and writes in well under a second; the bound only keeps a broken setup from hanging.
  for (let attempt = 0; attempt < 400; attempt++) {
    if (await done()) return
    await new Promise((resolve) => setTimeout(resolve, 25))
  }
  throw new Error(failure())
}
