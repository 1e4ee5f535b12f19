/**
 * The Alertmanager target against a real Prometheus Alertmanager started by the test on
 * loopback: alerts appear in its v2 API with Sitrep's labels, an informational message resolves
 * them, and a silence made in Alertmanager applies to them there.
 */
import path from 'node:path'
import { newMessageId } from '@sitrep/protocol'
import type { Severity } from '@sitrep/protocol'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { parseSiteConfig } from '../../src/config.ts'
import { startSite } from '../../src/start-site.ts'
import type { RunningSite } from '../../src/start-site.ts'
import { makeSitesDir } from '../hierarchy/linked-sites.ts'
import type { PrivateAlertmanager } from '../helpers/alertmanager.ts'
import { ALERTMANAGER, startPrivateAlertmanager } from '../helpers/alertmanager.ts'
import { IN_CI } from '../helpers/rsyslog.ts'
import { waitFor } from '../helpers/site-process.ts'

interface AlertJson {
  labels: Record<string, string>
  annotations: Record<string, string>
  status: { state: string; silencedBy: string[] }
}

let sequence = 0
function backupMessage(machine: string, severity: Severity): Record<string, unknown> {
  sequence += 1
  return {
    id: newMessageId(Date.now()),
    origin: { kind: 'client', id: 'GUID:5b1c6a8e-0000-4000-8000-0000000000cc' },
    sequence,
    severity,
    messageType: 'milestone',
    messageId: severity === 'informational' ? 39997 : 39999,
    module: 'Acme Backup',
    component: 'Nightly backup',
    machine,
    createdAt: new Date().toISOString(),
    insertionStrings: [severity === 'informational' ? 'backup finished' : 'volume D: is full'],
    attributes: [],
  }
}

// Without the program the suite cannot run; CI installs it, so there it must run.
describe.skipIf(ALERTMANAGER === undefined && !IN_CI)(
  `a real Alertmanager as an export target${ALERTMANAGER === undefined ? ' (skipped: apt-get install prometheus-alertmanager)' : ''}`,
  () => {
    const sites = makeSitesDir('alertmanager')
    let alertmanager: PrivateAlertmanager
    let site: RunningSite
    beforeAll(async () => {
      alertmanager = await startPrivateAlertmanager()
      site = await startSite(
        parseSiteConfig({
          siteCode: 'PS1',
          dataDir: path.join(sites.dir, 'ps1'),
          http: { port: 0 },
          logLevel: 'silent',
          osLog: { mode: 'off' },
          mp: { allowUnsigned: true },
          statusManager: { idlePollMs: 20 },
          outbox: { pollMs: 20 },
          exports: [
            {
              name: 'am',
              type: 'alertmanager',
              url: alertmanager.url,
              labels: { team: 'backup' },
              retry: { initialDelayMs: 100, maxDelayMs: 1000 },
            },
          ],
        }),
      )
      const rules = await fetch(`${site.url}/api/v1/rules`, {
        method: 'PUT',
        headers: { authorization: `Bearer ${site.adminToken}`, 'content-type': 'application/json' },
        body: JSON.stringify({
          rules: [
            {
              id: 'am',
              name: 'Backup messages to Alertmanager',
              enabled: true,
              criteria: { module: 'Acme Backup' },
              actions: { writeToDatabase: true, daysToKeep: 30, exportTo: ['am'] },
            },
          ],
        }),
      })
      expect(rules.status).toBe(200)
    }, 90_000)
    afterAll(async () => {
      await site.stop()
      await alertmanager.stop()
      sites.cleanup()
    })

    const report = async (messages: readonly Record<string, unknown>[]) => {
      const reply = await fetch(`${site.url}/mp/v1/status/unsigned`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ messages }),
      })
      expect(reply.status).toBe(202)
    }
    const alerts = async (): Promise<AlertJson[]> => {
      const reply = await fetch(
        `${alertmanager.url}/api/v2/alerts?filter=alertname%3D%22SitrepStatusMessage%22`,
      )
      expect(reply.status).toBe(200)
      return (await reply.json()) as AlertJson[]
    }
    const byMachine = async (machine: string) => (await alerts()).find((a) => a.labels['machine'] === machine)

    it('fires alerts with the site, machine, component, message ID and severity as labels, and a silence there holds one', async () => {
      const silence = await fetch(`${alertmanager.url}/api/v2/silences`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          matchers: [{ name: 'machine', value: 'WKS-QUIET', isRegex: false, isEqual: true }],
          startsAt: new Date().toISOString(),
          endsAt: new Date(Date.now() + 3_600_000).toISOString(),
          createdBy: 'sitrep test',
          comment: 'maintenance on WKS-QUIET',
        }),
      })
      expect(silence.status).toBe(200)
      const { silenceID } = (await silence.json()) as { silenceID: string }

      await report([backupMessage('WKS-LOUD', 'error'), backupMessage('WKS-QUIET', 'warning')])
      await waitFor(async () => (await alerts()).length === 2, 'both alerts in Alertmanager', 30_000)

      const loud = await byMachine('WKS-LOUD')
      expect(loud?.labels).toEqual({
        alertname: 'SitrepStatusMessage',
        site: 'PS1',
        machine: 'WKS-LOUD',
        component: 'Nightly backup',
        module: 'Acme Backup',
        message_id: '39999',
        severity: 'error',
        team: 'backup',
      })
      expect(loud?.annotations['summary']).toContain('volume D: is full')
      expect(loud?.status).toMatchObject({ state: 'active', silencedBy: [] })
      // Alertmanager applies its silence to Sitrep's alert: held there, not sent on.
      await waitFor(
        async () => (await byMachine('WKS-QUIET'))?.status.state === 'suppressed',
        'the silence to hold the WKS-QUIET alert',
        30_000,
      )
      expect((await byMachine('WKS-QUIET'))?.status.silencedBy).toEqual([silenceID])
    }, 60_000)

    it('resolves a component’s alert when the component reports an informational message', async () => {
      await report([backupMessage('WKS-LOUD', 'informational')])
      await waitFor(
        async () => (await byMachine('WKS-LOUD')) === undefined,
        'the WKS-LOUD alert to resolve',
        30_000,
      )
      // The other machine's alert is untouched.
      expect(await byMachine('WKS-QUIET')).toBeDefined()

      const reply = await fetch(`${site.url}/api/v1/notifications?target=am`, {
        headers: { authorization: `Bearer ${site.adminToken}` },
      })
      const { notifications } = (await reply.json()) as { notifications: { state: string }[] }
      expect(notifications.map((n) => n.state)).toEqual(['delivered', 'delivered', 'delivered'])
    }, 60_000)
  },
)
