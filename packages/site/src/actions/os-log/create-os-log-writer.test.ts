import { spawn, spawnSync } from 'node:child_process'
import type { ChildProcess } from 'node:child_process'
import { existsSync } from 'node:fs'
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { hostname, tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createOsLogWriter, resolveOsLogTarget } from './create-os-log-writer.ts'
import { formatRfc5424, osLogEntryToSyslogRecord } from './format-rfc5424.ts'
import { OsLogError } from './os-log-error.ts'
import { makeOsLogEntry } from './make-os-log-entry.ts'

const RSYSLOGD = ['/usr/sbin/rsyslogd', '/sbin/rsyslogd'].find((path) => existsSync(path))
const HAS_LOGGER = spawnSync('logger', ['--version']).status === 0
const IN_CI = process.env.CI === 'true' || process.env.CI === '1'
const CAN_RUN = RSYSLOGD !== undefined && HAS_LOGGER

describe('resolveOsLogTarget', () => {
  it('uses the Event Log on Windows and the unified log on macOS whatever the mode', () => {
    expect(resolveOsLogTarget({ platform: 'win32', mode: 'journald', journaldSocketExists: true })).toBe(
      'windows-event-log',
    )
    expect(resolveOsLogTarget({ platform: 'darwin', mode: 'syslog', journaldSocketExists: false })).toBe(
      'macos-log',
    )
  })

  it('prefers journald in auto mode only when its socket exists', () => {
    expect(resolveOsLogTarget({ platform: 'linux', mode: 'auto', journaldSocketExists: true })).toBe(
      'journald',
    )
    expect(resolveOsLogTarget({ platform: 'linux', mode: 'auto', journaldSocketExists: false })).toBe(
      'syslog',
    )
  })

  it('follows an explicit mode', () => {
    expect(resolveOsLogTarget({ platform: 'linux', mode: 'syslog', journaldSocketExists: true })).toBe(
      'syslog',
    )
    expect(resolveOsLogTarget({ platform: 'freebsd', mode: 'journald', journaldSocketExists: false })).toBe(
      'journald',
    )
  })
})

describe('createOsLogWriter', () => {
  it('refuses a facility logger cannot name', () => {
    expect(() => createOsLogWriter({ facility: 13 })).toThrow(/facility 13/)
  })

  it('picks journald in auto mode when the given journald socket path exists', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'sitrep-oslog-'))
    try {
      await writeFile(join(dir, 'socket'), '')
      const writer = createOsLogWriter({ platform: 'linux', journaldSocketPath: join(dir, 'socket') })
      expect(writer.target).toBe('journald')
      await writer.close()
    } finally {
      await rm(dir, { recursive: true, force: true })
    }
  })

  it('rejects with os_log_unavailable when the log tool is missing', async () => {
    const writer = createOsLogWriter({ platform: 'linux', mode: 'syslog', loggerPath: '/nonexistent/logger' })
    await expect(writer.write(makeOsLogEntry())).rejects.toMatchObject({ code: 'os_log_unavailable' })
    await writer.close()
  })

  it('rejects writes after close with os_log_closed', async () => {
    const writer = createOsLogWriter({ platform: 'linux', mode: 'syslog' })
    await writer.close()
    await expect(writer.write(makeOsLogEntry())).rejects.toBeInstanceOf(OsLogError)
  })

  it.skipIf(!HAS_LOGGER)('rejects with os_log_failed when the syslog socket does not exist', async () => {
    const writer = createOsLogWriter({
      platform: 'linux',
      mode: 'syslog',
      socketPath: '/nonexistent/log.sock',
    })
    const error: unknown = await writer.write(makeOsLogEntry()).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(OsLogError)
    expect(error).toHaveProperty('code', 'os_log_failed')
    expect(String(error)).toContain('/nonexistent/log.sock')
    await writer.close()
  })
})

if (!CAN_RUN && IN_CI) {
  describe('createOsLogWriter against rsyslogd', () => {
    it('needs rsyslogd and logger, which CI installs (apt-get install rsyslog)', () => {
      expect(RSYSLOGD, 'rsyslogd not found in /usr/sbin or /sbin').toBeDefined()
      expect(HAS_LOGGER, 'logger (util-linux) not found in PATH').toBe(true)
    })
  })
}

/** One line of the test template: the properties rsyslog parsed out of the message. */
interface Received {
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

// rsyslog's `json` property format escapes quotes, backslashes and control characters, so each
// received message is one JSON object on one line.
const TEMPLATE =
  '{"pri":"%pri%","severity":"%syslogseverity-text%","facility":"%syslogfacility-text%",' +
  '"hostname":"%hostname:::json%","app":"%app-name:::json%","procid":"%procid:::json%","msgid":"%msgid:::json%",' +
  '"sd":"%structured-data:::json%","msg":"%msg:::json%","raw":"%rawmsg:::json%"}\\n'

describe.skipIf(!CAN_RUN)(
  `createOsLogWriter against rsyslogd${CAN_RUN ? '' : ' (skipped: rsyslogd or logger not installed; apt-get install rsyslog)'}`,
  () => {
    let dir = ''
    let rsyslogd: ChildProcess | undefined
    let socketPath = ''
    let outPath = ''

    beforeAll(async () => {
      dir = await mkdtemp(join(tmpdir(), 'sitrep-rsyslog-'))
      socketPath = join(dir, 'log.sock')
      outPath = join(dir, 'out.log')
      await mkdir(join(dir, 'work'))
      const conf = [
        // Private work directory; control characters kept so the text arrives as sent.
        `global(workDirectory="${join(dir, 'work')}" maxMessageSize="64k" parser.escapeControlCharactersOnReceive="off")`,
        // No system socket, no klog: only our private socket. The regular parser chain (not the
        // special local parser) keeps RFC 5424 structured data, MSGID and our HOSTNAME.
        'module(load="imuxsock" SysSock.Use="off")',
        `input(type="imuxsock" Socket="${socketPath}" UseSpecialParser="off" ParseHostname="on")`,
        `template(name="sitrepTest" type="string" string="${TEMPLATE.replaceAll('"', '\\"')}")`,
        `action(type="omfile" file="${outPath}" template="sitrepTest" flushOnTXEnd="on")`,
        '',
      ].join('\n')
      await writeFile(join(dir, 'rsyslog.conf'), conf)
      // RSYSLOGD is defined: CAN_RUN guards this suite.
      rsyslogd = spawn(
        RSYSLOGD as string,
        ['-n', '-f', join(dir, 'rsyslog.conf'), '-i', join(dir, 'rsyslogd.pid')],
        {
          stdio: ['ignore', 'ignore', 'pipe'],
        },
      )
      let stderr = ''
      rsyslogd.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
      await pollUntil(
        () => existsSync(socketPath),
        () => `rsyslogd did not create ${socketPath}: ${stderr}`,
      )
    })

    afterAll(async () => {
      if (rsyslogd !== undefined && rsyslogd.exitCode === null) {
        const exited = new Promise((resolve) => rsyslogd?.once('exit', resolve))
        rsyslogd.kill('SIGTERM')
        await exited
      }
      if (dir !== '') await rm(dir, { recursive: true, force: true })
    })

    it('delivers entries as RFC 5424 with severity, app name, MSGID, structured data and the text', async () => {
      const writer = createOsLogWriter({
        platform: 'linux',
        mode: 'syslog',
        socketPath,
        facility: 16,
        procId: 4242,
      })
      expect(writer.target).toBe('syslog')
      const error = makeOsLogEntry({
        severity: 'error',
        machine: 'SITE"01]',
        text: 'Paket „Grüße“ ✓ ] nicht verteilt\nzweite Zeile',
      })
      const info = makeOsLogEntry({
        severity: 'informational',
        messageId: 2301,
        component: 'SMS_DISTRIBUTION_MANAGER',
        text: 'Package "x\\y" processed.',
      })
      const warning = makeOsLogEntry({ severity: 'warning', messageId: 4610, text: '' })
      await Promise.all([writer.write(error), writer.write(info), writer.write(warning)])
      await writer.close()

      const lines = await pollForLines(outPath, 3)
      expect(lines.map((l) => [l.pri, l.severity, l.facility])).toEqual([
        ['131', 'err', 'local0'],
        ['134', 'info', 'local0'],
        ['132', 'warning', 'local0'],
      ])
      const [first, second, third] = lines
      expect(first).toMatchObject({
        hostname: hostname(),
        app: 'sitrep',
        procid: '4242',
        msgid: '4609',
        msg: 'Paket „Grüße“ ✓ ] nicht verteilt\nzweite Zeile',
      })
      expect(first?.sd).toBe(
        '[sitrep@32473 siteCode="ABC" module="SMS Server" component="SMS_COMPONENT_STATUS_SUMMARIZER" ' +
          'machine="SITE\\"01\\]" messageId="4609" severity="error" id="0192f0c4-7b1e-7c3a-9f00-0123456789ab"]',
      )
      expect(second).toMatchObject({ msgid: '2301', msg: 'Package "x\\y" processed.' })
      expect(second?.sd).toContain('component="SMS_DISTRIBUTION_MANAGER"')
      expect(third?.msg).toBe('(no text)')
    })

    it('sends exactly what formatRfc5424 formats, except for the timestamp logger stamps', async () => {
      const writer = createOsLogWriter({
        platform: 'linux',
        mode: 'syslog',
        socketPath,
        facility: 1,
        procId: 99,
      })
      const entry = makeOsLogEntry({ messageId: 777, text: 'same ] bytes ✓' })
      await writer.write(entry)
      await writer.close()
      const line = (await pollForLines(outPath, 4))[3]
      const expected = formatRfc5424(
        osLogEntryToSyslogRecord(entry, { facility: 1, hostname: hostname(), procId: 99 }),
      )
      const withoutTimestamp = (raw: string): string => raw.replace(/^(<\d+>1) \S+ /, '$1 TIMESTAMP ')
      expect(withoutTimestamp(line?.raw ?? '')).toBe(withoutTimestamp(expected))
    })
  },
)

async function pollUntil(done: () => boolean | Promise<boolean>, failure: () => string): Promise<void> {
  // rsyslogd starts and writes in well under a second; the bound only keeps a broken setup from hanging.
  for (let attempt = 0; attempt < 200; attempt++) {
    if (await done()) return
    await new Promise((resolve) => setTimeout(resolve, 25))
  }
  throw new Error(failure())
}

async function pollForLines(path: string, count: number): Promise<Received[]> {
  let lines: Received[] = []
  await pollUntil(
    async () => {
      const text = await readFile(path, 'utf8').catch(() => '')
      lines = text
        .split('\n')
        .filter((line) => line !== '')
        .map((line) => JSON.parse(line) as Received) // the template writes one Received object per line
      return lines.length >= count
    },
    () => `expected ${count} lines in ${path}, found ${lines.length}`,
  )
  return lines
}
