/**
 * The provider endpoint on a real site on both engines (one per pass, a private rsyslogd as
 * the OS log): administrators and automation raise generic and raw status messages, which the
 * site stores as its own, runs through the filter rules, audits, and reads back rendered.
 */
import { DEFAULT_FILTER_RULES } from '@sitrep/core'
import type { FilterRule } from '@sitrep/core'
import type { ErrorBody, MessageView, RaiseResult } from '@sitrep/api'
import { parseSiteConfig, startSite } from '@sitrep/site'
import type { RunningSite } from '@sitrep/site'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { describeEachEngine } from '../helpers/engines.ts'
import type { PrivateRsyslog } from '../helpers/rsyslog.ts'
import { CAN_RUN_RSYSLOG, IN_CI, startPrivateRsyslog } from '../helpers/rsyslog.ts'

const RULES: FilterRule[] = [
  {
    id: 'discard-contoso-13',
    name: 'Discard Contoso heartbeat',
    enabled: true,
    criteria: { module: 'Contoso Agent', messageId: 13 },
    actions: { stopProcessing: true },
  },
  {
    id: 'log-contoso',
    name: 'Contoso to the OS log',
    enabled: true,
    criteria: { module: 'Contoso Agent' },
    actions: { writeToDatabase: true, reportToOsLog: true },
  },
  ...DEFAULT_FILTER_RULES,
]

interface Reply<T> {
  readonly status: number
  readonly body: T
}
type RaiseReply = { readonly results: readonly RaiseResult[] } & Partial<ErrorBody>
type Accepted = Extract<RaiseResult, { status: 'accepted' }>

if (!CAN_RUN_RSYSLOG && !IN_CI) {
  console.warn(
    'provider.test: rsyslogd or logger is missing; the provider suite is skipped (apt-get install rsyslog)',
  )
}

describe.runIf(CAN_RUN_RSYSLOG || IN_CI)('the provider endpoint', () => {
  describeEachEngine('on a running site', (engine) => {
    let site: RunningSite
    let rsyslog: PrivateRsyslog
    const tokens: Record<string, string> = {}

    const call = async <T = ErrorBody>(
      method: string,
      path: string,
      token: string,
      body?: unknown,
    ): Promise<Reply<T>> => {
      const response = await fetch(`${site.url}${path}`, {
        method,
        headers: {
          authorization: `Bearer ${token}`,
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      })
      const text = await response.text()
      return { status: response.status, body: (text === '' ? undefined : JSON.parse(text)) as T }
    }
    const raise = (token: string, messages: unknown[]) =>
      call<RaiseReply>('POST', '/api/v1/messages', token, { messages })
    const accepted = (reply: Reply<RaiseReply>, index: number): Accepted => {
      const result = reply.body.results[index]
      if (result?.status !== 'accepted')
        throw new Error(`message ${index} was not accepted: ${JSON.stringify(result)}`)
      return result
    }
    const stored = async (query: string) => {
      await site.statusManager.drain()
      const reply = await call<{ messages: MessageView[] }>(
        'GET',
        `/api/v1/messages?${query}`,
        site.adminToken,
      )
      expect(reply.status).toBe(200)
      return reply.body.messages
    }

    beforeAll(async () => {
      rsyslog = await startPrivateRsyslog()
      site = await startSite(
        parseSiteConfig({
          dataDir: engine.tempDir('provider'),
          http: { port: 0 },
          osLog: { mode: 'syslog', socketPath: rsyslog.socketPath },
        }),
        { logger: engine.siteLog('PS1').logger, ...(await engine.siteOptions()) },
      )
      await site.store.saveRules(RULES)
      for (const [username, role] of [
        ['ops', 'operations-administrator'],
        ['ana', 'read-only-analyst'],
        ['robot', 'reporter'],
      ] as const) {
        const user = await call<unknown>('POST', '/api/v1/users', site.adminToken, {
          username,
          password: 'correct horse battery staple',
          role,
        })
        expect(user.status).toBe(201)
        const token = await call<{ token: string }>('POST', '/api/v1/tokens', site.adminToken, {
          name: username,
          username,
        })
        expect(token.status).toBe(201)
        tokens[username] = token.body.token
      }
    })
    afterAll(async () => {
      await site.stop()
      await rsyslog.stop()
    })

    it('raises informational, warning and error generic messages as SMS Provider 39997–39999, read back rendered', async () => {
      const long = 'x'.repeat(300)
      const reply = await raise(tokens.ops!, [
        { kind: 'informational', text: 'Backup finished', component: 'Backup', machine: 'BACKUP01' },
        { kind: 'warning', text: 'Disk D: is nearly full', processId: 812, threadId: 7, win32Error: 112 },
        {
          kind: 'error',
          text: long,
          time: '2026-12-07T08:00:00Z',
          attributes: [{ id: 400, value: 'PS100001' }],
        },
      ])
      expect(reply.status).toBe(201)
      expect(reply.body.results.map((r) => [r.status, r.status === 'accepted' ? r.messageId : null])).toEqual(
        [
          ['accepted', 39997],
          ['accepted', 39998],
          ['accepted', 39999],
        ],
      )
      const [first, second, third] = [0, 1, 2].map((i) => accepted(reply, i).id)
      const messages = await stored('module=SMS%20Provider&messageId=39997&messageId=39998&messageId=39999')
      const byId = new Map(messages.map((m) => [m.id, m]))
      expect(byId.get(first ?? '')).toMatchObject({
        severity: 'informational',
        component: 'Backup',
        machine: 'BACKUP01',
        origin: { kind: 'site', id: 'PS1' },
        siteCode: 'PS1',
        text: 'Backup finished',
        trusted: true,
      })
      expect(byId.get(second ?? '')).toMatchObject({
        severity: 'warning',
        component: 'Sitrep',
        processId: 812,
        threadId: 7,
        win32Error: 112,
        text: 'Disk D: is nearly full',
      })
      const error = byId.get(third ?? '')
      if (error === undefined) throw new Error('the error message was not stored')
      expect(error).toMatchObject({ severity: 'error', text: long, createdAt: '2026-12-07T08:00:00.000Z' })
      expect(error.insertionStrings).toEqual(['x'.repeat(255), 'x'.repeat(45)])
      expect(error.attributes).toEqual([{ id: 400, value: 'PS100001' }])
      // One sequence of the site's own, in the order raised.
      const sequences = [0, 1, 2].map((i) => accepted(reply, i).sequence)
      const base = accepted(reply, 0).sequence
      expect(sequences).toEqual([base, base + 1, base + 2])
    })

    it('raises a raw message of a catalogue module with its catalogue severity and rendered text', async () => {
      const reply = await raise(tokens.ops!, [
        {
          kind: 'raw',
          module: 'SMS Client',
          messageId: 10002,
          insertionStrings: ['PS120001', 'Contoso Editor', 'Install'],
          attributes: [{ id: 401, value: 'PS120001' }],
        },
      ])
      expect(reply.status).toBe(201)
      const result = accepted(reply, 0)
      expect(result).toMatchObject({ status: 'accepted', module: 'SMS Client', messageId: 10002 })
      const [message] = await stored(`module=SMS%20Client&messageId=10002`)
      expect(message).toMatchObject({ id: result.id, severity: result.severity, known: true })
      expect(message?.text).toContain('PS120001')
      const byPosition = await stored('insertionPosition=2&insertionValue=Contoso%20Editor')
      expect(byPosition.map((m) => m.id)).toEqual([result.id])
      expect(await stored('insertionPosition=1&insertionValue=Contoso%20Editor')).toEqual([])
      const byAttribute = await stored('attributeId=401&attributeValue=PS120001&messageId=10002')
      expect(byAttribute.map((m) => m.id)).toEqual([result.id])
    })

    it('applies the filter rules: one writes the raw message to the OS log, one discards another', async () => {
      const reply = await raise(tokens.robot!, [
        {
          kind: 'raw',
          module: 'Contoso Agent',
          messageId: 12,
          severity: 'warning',
          insertionStrings: ['queue stuck'],
        },
        {
          kind: 'raw',
          module: 'Contoso Agent',
          messageId: 13,
          severity: 'informational',
          insertionStrings: ['alive'],
        },
      ])
      expect(reply.status).toBe(201)
      expect(reply.body.results.map((r: { status: string }) => r.status)).toEqual(['accepted', 'accepted'])
      const messages = await stored('module=Contoso%20Agent')
      expect(messages.map((m) => m.messageId)).toEqual([12])
      expect(messages[0]).toMatchObject({ known: false, insertionStrings: ['queue stuck'] })
      const lines = await rsyslog.lines(1)
      expect(lines.some((line) => line.msg.includes('queue stuck'))).toBe(true)
      expect(lines.some((line) => line.msg.includes('alive'))).toBe(false)
    })

    it('audits every call with an SMS Provider 39990 audit message naming the caller and what was raised', async () => {
      const reply = await raise(tokens.robot!, [{ kind: 'informational', text: 'nightly import done' }])
      const id = accepted(reply, 0).id
      const audits = await stored('module=SMS%20Provider&messageId=39990&messageType=audit')
      const audit = audits.find((m) => m.insertionStrings[2]?.includes(id))
      if (audit === undefined) throw new Error(`no audit message names ${id}`)
      expect(audit.insertionStrings.slice(0, 2)).toEqual(['robot', '1'])
      expect(audit.attributes).toEqual([{ id: 403, value: 'robot' }])
      expect(audit.text).toBe(
        `User "robot" raised status messages through the provider endpoint (1 in all): SMS Provider 39997 (${id}).`,
      )
    })

    it('refuses a read-only analyst (403 forbidden) and raises nothing', async () => {
      const before = (await stored('module=SMS%20Provider&messageId=39997')).length
      const reply = await raise(tokens.ana!, [{ kind: 'informational', text: 'not allowed' }])
      expect(reply.status).toBe(403)
      expect(reply.body.error?.code).toBe('forbidden')
      expect((await stored('module=SMS%20Provider&messageId=39997')).length).toBe(before)
    })

    it('lets a reporter raise and nothing else', async () => {
      for (const [method, path] of [
        ['GET', '/api/v1/messages'],
        ['GET', '/api/v1/rules'],
        ['GET', '/api/v1/clients'],
        ['GET', '/api/v1/tokens'],
      ] as const) {
        const reply = await call(method, path, tokens.robot!)
        expect(reply.status, `${method} ${path}`).toBe(403)
        expect(reply.body.error.code).toBe('forbidden')
      }
    })

    it('refuses an 11th insertion string and a reserved module with invalid_body naming the field, raising none of the batch', async () => {
      const before = (await stored('module=Contoso%20Agent')).length
      const eleven = await raise(tokens.ops!, [
        { kind: 'raw', module: 'Contoso Agent', messageId: 12, severity: 'warning' },
        {
          kind: 'raw',
          module: 'Contoso Agent',
          messageId: 12,
          severity: 'warning',
          insertionStrings: Array.from({ length: 11 }, (_, i) => `s${i + 1}`),
        },
      ])
      expect(eleven.status).toBe(400)
      expect(eleven.body.error?.code).toBe('invalid_body')
      expect(eleven.body.error?.issues?.[0]?.field).toBe('messages[1].insertionStrings')
      expect(eleven.body.error?.message).toMatch(/10/)
      const reserved = await raise(tokens.ops!, [
        { kind: 'raw', module: 'SMS Server', messageId: 500, severity: 'error' },
      ])
      expect(reserved.status).toBe(400)
      expect(reserved.body.error?.issues?.[0]?.field).toBe('messages[0].module')
      expect(reserved.body.error?.message).toMatch(/reserved/)
      expect((await stored('module=Contoso%20Agent')).length).toBe(before)
    })

    it('rejects only the raw message whose severity nobody knows, and raises the rest of the batch', async () => {
      const reply = await raise(tokens.ops!, [
        { kind: 'raw', module: 'Fabrikam', messageId: 1 },
        { kind: 'warning', text: 'still raised' },
      ])
      expect(reply.status).toBe(201)
      expect(reply.body.results[0]).toMatchObject({
        index: 0,
        status: 'rejected',
        error: { code: 'message_invalid' },
      })
      const [rejected] = reply.body.results
      expect(rejected?.status === 'rejected' ? rejected.error.message : '').toMatch(/pass a severity/)
      expect(reply.body.results[1]).toMatchObject({ index: 1, status: 'accepted' })
    })
  })
})
