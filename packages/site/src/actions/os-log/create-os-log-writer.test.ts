import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { hostname, tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createOsLogWriter, resolveOsLogTarget } from './create-os-log-writer.ts'
import { formatRfc5424, osLogEntryToSyslogRecord } from './format-rfc5424.ts'
import { OsLogError } from './os-log-error.ts'
import { makeOsLogEntry } from './make-os-log-entry.ts'
import type { PrivateRsyslog } from '../../../test/helpers/rsyslog.ts'
import {
  CAN_RUN_RSYSLOG as CAN_RUN,
  HAS_LOGGER,
  IN_CI,
  RSYSLOGD,
  startPrivateRsyslog,
} from '../../../test/helpers/rsyslog.ts'

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

  it('rejects with os_log_unavailable, naming the path, when the syslog socket does not exist', async () => {
    const writer = createOsLogWriter({
      platform: 'linux',
      mode: 'syslog',
      socketPath: '/nonexistent/log.sock',
    })
    const error: unknown = await writer.write(makeOsLogEntry()).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(OsLogError)
    expect(error).toHaveProperty('code', 'os_log_unavailable')
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

describe.skipIf(!CAN_RUN)(
  `createOsLogWriter against rsyslogd${CAN_RUN ? '' : ' (skipped: rsyslogd or logger not installed; apt-get install rsyslog)'}`,
  () => {
    let rsyslog: PrivateRsyslog | undefined
    let socketPath = ''
    // rsyslog is started in beforeAll; the suite is skipped when it cannot run.
    const received = (count: number) => (rsyslog as PrivateRsyslog).lines(count)

    beforeAll(async () => {
      rsyslog = await startPrivateRsyslog()
      socketPath = rsyslog.socketPath
    })

    afterAll(async () => {
      await rsyslog?.stop()
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

      const lines = await received(3)
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
        // The line break arrives as a visible escape: one record, one line.
        msg: 'Paket „Grüße“ ✓ ] nicht verteilt\\nzweite Zeile',
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
      const line = (await received(4))[3]
      const expected = formatRfc5424(
        osLogEntryToSyslogRecord(entry, { facility: 1, hostname: hostname(), procId: 99 }),
      )
      const withoutTimestamp = (raw: string): string => raw.replace(/^(<\d+>1) \S+ /, '$1 TIMESTAMP ')
      expect(withoutTimestamp(line?.raw ?? '')).toBe(withoutTimestamp(expected))
    })
  },
)
