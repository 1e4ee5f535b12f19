/**
 * Issue 12, item 1, end to end: hostile texts reported to a real site through its signed and its
 * unsigned endpoint reach a real rsyslogd whose own control-character escaping is off, so what
 * the test reads is Sitrep's escaping and not rsyslog's. rsyslog writes each message it receives
 * raw with one LF after it; a line reader then finds exactly one well-formed record per message
 * and no forged one.
 */
import path from 'node:path'
import { newMessageId } from '@sitrep/protocol'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { parseSiteConfig } from '../../src/config.ts'
import { startSite } from '../../src/start-site.ts'
import type { RunningSite } from '../../src/start-site.ts'
import { makeSitesDir } from '../hierarchy/linked-sites.ts'
import { HOSTILE_SAMPLES } from '../helpers/hostile-text.ts'
import { readRfc5424 } from '../helpers/read-rfc5424.ts'
import type { PrivateRsyslog } from '../helpers/rsyslog.ts'
import { CAN_RUN_RSYSLOG, IN_CI, startPrivateRsyslog } from '../helpers/rsyslog.ts'
import { waitFor } from '../helpers/site-process.ts'
import { createKeys, registrationBody } from '../mp/mp-test-site.ts'
import type { TestKeys } from '../mp/mp-test-site.ts'
import { signedHeaders } from './signed-headers.ts'

const MODULE = 'Acme Backup'

/** A status message whose text fields all hold `sample`. */
function hostileMessage(clientId: string, sequence: number, sample: string): Record<string, unknown> {
  return {
    id: newMessageId(Date.now()),
    origin: { kind: 'client', id: clientId },
    sequence,
    severity: 'error',
    messageType: 'milestone',
    messageId: 39999,
    module: MODULE,
    component: sample.slice(0, 127),
    machine: sample,
    createdAt: new Date().toISOString(),
    insertionStrings: [sample, sample],
    attributes: [{ id: 401, value: sample.slice(0, 255) }],
  }
}

describe.skipIf(!CAN_RUN_RSYSLOG && !IN_CI)(
  `hostile texts through a real site into rsyslogd with its escaping off${CAN_RUN_RSYSLOG ? '' : ' (skipped: apt-get install rsyslog)'}`,
  () => {
    const sites = makeSitesDir('forged-lines')
    let rsyslog: PrivateRsyslog
    let site: RunningSite
    beforeAll(async () => {
      rsyslog = await startPrivateRsyslog()
      site = await startSite(
        parseSiteConfig({
          siteCode: 'PS1',
          dataDir: path.join(sites.dir, 'ps1'),
          http: { port: 0 },
          logLevel: 'silent',
          osLog: { mode: 'syslog', socketPath: rsyslog.socketPath },
          mp: { allowUnsigned: true },
          statusManager: { idlePollMs: 20 },
          outbox: { pollMs: 20 },
        }),
      )
      await site.store.saveRules([
        {
          id: 'os-log',
          name: 'Every client message to the OS log',
          enabled: true,
          criteria: { module: MODULE },
          actions: { writeToDatabase: true, daysToKeep: 30, reportToOsLog: true },
        },
      ])
    })
    afterAll(async () => {
      await site.stop()
      await rsyslog.stop()
      sites.cleanup()
    })

    it('finds one well-formed record per message and no forged line', async () => {
      const keys: TestKeys = createKeys()
      const registered = await fetch(`${site.url}/mp/v1/registration`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(registrationBody(keys)),
      })
      const { clientId } = (await registered.json()) as { clientId: string }
      const signed = HOSTILE_SAMPLES.map((sample, i) => hostileMessage(clientId, i + 1, sample))
      const signedBody = JSON.stringify({ messages: signed })
      const signedReply = await fetch(`${site.url}/mp/v1/status`, {
        method: 'POST',
        headers: signedHeaders({ clientId, keys, path: '/mp/v1/status', body: signedBody }),
        body: signedBody,
      })
      expect(signedReply.status).toBe(202)
      const anonymous = 'GUID:5b1c6a8e-0000-4000-8000-0000000000ff'
      const unsigned = HOSTILE_SAMPLES.map((sample, i) => hostileMessage(anonymous, i + 1, sample))
      const unsignedReply = await fetch(`${site.url}/mp/v1/status/unsigned`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ messages: unsigned }),
      })
      expect(unsignedReply.status).toBe(202)
      const sent = [...signed, ...unsigned].map((m) => String(m['id']))

      await waitFor(
        async () => (await site.store.outboxSize(['os-log'])) === 0 && (await site.store.inboxSize()) === 0,
        'the site to write every message to the OS log',
        20_000,
      )
      const lines = await rsyslog.rawLines(sent.length)
      expect(lines).toHaveLength(sent.length)
      const ids = lines.map((line) => {
        const record = readRfc5424(line)
        expect(record.header.slice(3, 5)).toEqual(['sitrep', String(process.pid)])
        expect(record.sd.map(([id]) => id)).toEqual(['sitrep@32473'])
        return new Map(record.sd[0]?.[1]).get('id')
      })
      expect(ids.sort()).toEqual([...sent].sort())
    }, 30_000)
  },
)
